package dev.vforkcheck.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Location;
import dev.vforkcheck.model.Suppression;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Today's findings recorded by fingerprint, so that later scans report only new ones. Fingerprints
 * do not depend on line numbers, so moving code keeps its findings in the baseline.
 */
public final class Baseline {
  public static final int VERSION = 1;
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Set<String> keys;

  private Baseline(Set<String> keys) {
    this.keys = Set.copyOf(keys);
  }

  /** The baseline file for these findings (suppressed ones are left out: they need no baseline). */
  public static String write(List<Finding> findings) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", VERSION);
    ArrayNode list = root.putArray("findings");
    for (Finding f : findings) {
      if (f.suppressed()) {
        continue;
      }
      ObjectNode n = list.addObject();
      n.put("ruleId", f.ruleId());
      n.put("path", f.location().path());
      n.put("fingerprint", f.fingerprint());
      n.put("message", f.message());
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a baseline written by {@link #write}; a file of another shape is an error with a clear
   * message.
   */
  public static Baseline parse(String json) throws IOException {
    JsonNode root = MAPPER.readTree(json);
    if (root == null
        || root.path("version").asInt() != VERSION
        || !root.path("findings").isArray()) {
      throw new IOException("not a vforkcheck baseline (version " + VERSION + ")");
    }
    Set<String> keys = new HashSet<>();
    for (JsonNode n : root.path("findings")) {
      keys.add(
          key(n.path("ruleId").asText(), n.path("path").asText(), n.path("fingerprint").asText()));
    }
    return new Baseline(keys);
  }

  public int size() {
    return keys.size();
  }

  /** The findings with those already in the baseline marked as suppressed (kind external). */
  public List<Finding> apply(List<Finding> findings, String name) {
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      if (!f.suppressed() && keys.contains(key(f.ruleId(), f.location().path(), f.fingerprint()))) {
        out.add(
            f.withSuppression(
                new Suppression(
                    Suppression.Kind.EXTERNAL,
                    "in the baseline " + name,
                    Location.point(name, 1, 1))));
      } else {
        out.add(f);
      }
    }
    return out;
  }

  private static String key(String rule, String path, String fingerprint) {
    return rule + '\u0000' + path + '\u0000' + fingerprint;
  }
}
