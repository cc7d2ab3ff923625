package dev.vforkcheck.engine;

import dev.vforkcheck.frontend.SourceText;
import dev.vforkcheck.model.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fingerprints that survive unrelated edits: a hash of the rule, the file, the offending line's
 * text (whitespace folded) and how many earlier findings of the same rule sit on identical lines in
 * that file. Moving code up or down keeps the fingerprint; editing the offending line changes it.
 */
public final class Fingerprints {
  private Fingerprints() {}

  /** The findings of one file, fingerprinted, in the order given (which must be deterministic). */
  public static List<Finding> assign(List<Finding> findings, SourceText text) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(Finding.ORDER);
    Map<String, Integer> seen = new HashMap<>();
    // records equal by value may be two findings: each gets its own fingerprint
    IdentityHashMap<Finding, String> prints = new IdentityHashMap<>();
    for (Finding f : sorted) {
      String line = text.lineText(f.location().line()).replaceAll("\\s+", " ").trim();
      String key = f.ruleId() + "\u0000" + f.location().path() + "\u0000" + line;
      int n = seen.merge(key, 1, Integer::sum);
      prints.put(f, hash(key + "\u0000" + n));
    }
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      out.add(f.withFingerprint(prints.get(f)));
    }
    return out;
  }

  static String hash(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
  }

  /** Hex SHA-256 of some bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
