package dev.vforkcheck.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vforkcheck.engine.RuleMetadata;
import dev.vforkcheck.engine.ScanResult;
import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Fix;
import dev.vforkcheck.model.Location;
import dev.vforkcheck.model.Severity;
import dev.vforkcheck.model.Step;
import dev.vforkcheck.model.Suppression;
import dev.vforkcheck.model.TextEdit;
import dev.vforkcheck.rules.RuleRegistry;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * SARIF 2.1.0 for GitHub code scanning, reviewdog and other consumers. A pure function of the scan
 * result, the rule registry and the report context.
 */
public final class SarifReporter implements Reporter {
  /** GitHub code scanning accepts at most this many results per run. */
  public static final int MAX_RESULTS = 25_000;

  public static final String SRCROOT = "%SRCROOT%";
  public static final String FINGERPRINT_KEY = "vforkcheck/v1";
  public static final String INFORMATION_URI = "https://github.com/vforkcheck/vforkcheck";
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public String render(ScanResult result, ReportContext context) {
    RuleRegistry registry = context.registry();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();

    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "vforkcheck");
    driver.put("version", context.toolVersion());
    driver.put("semanticVersion", context.toolVersion().replace("-SNAPSHOT", ""));
    driver.put("informationUri", INFORMATION_URI);
    ArrayNode rules = driver.putArray("rules");
    for (RuleMetadata m : registry.metadata()) {
      rules.add(rule(m));
    }

    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", true);
    ArrayNode notes = invocation.putArray("toolExecutionNotifications");
    for (Diagnostic d : result.diagnostics()) {
      ObjectNode n = notes.addObject();
      n.put("level", level(d.severity()));
      n.putObject("message").put("text", d.message());
      n.putObject("descriptor").put("id", "input/" + d.kind().name().toLowerCase(Locale.ROOT));
      n.putArray("locations")
          .addObject()
          .set("physicalLocation", physical(d.location(), context, false));
    }

    ObjectNode bases = run.putObject("originalUriBaseIds");
    String rootUri = context.srcRoot().toUri().toString();
    bases.putObject(SRCROOT).put("uri", rootUri.endsWith("/") ? rootUri : rootUri + "/");
    run.put("columnKind", "utf16CodeUnits");

    ArrayNode results = run.putArray("results");
    List<Finding> findings = result.findings();
    if (findings.size() > MAX_RESULTS) {
      ObjectNode n = notes.addObject();
      n.put("level", "warning");
      n.putObject("message")
          .put(
              "text",
              "only the first "
                  + MAX_RESULTS
                  + " of "
                  + findings.size()
                  + " results are included: GitHub code scanning accepts no more per run");
      n.putObject("descriptor").put("id", "output/truncated");
      findings = findings.subList(0, MAX_RESULTS);
    }
    for (Finding f : findings) {
      results.add(result(f, registry, context));
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode rule(RuleMetadata m) {
    String page = RuleRegistry.docPage(m.id()).orElse("# " + m.id() + "\n\n" + m.summary() + ".\n");
    ObjectNode r = MAPPER.createObjectNode();
    r.put("id", m.id());
    r.put("name", m.name());
    r.putObject("shortDescription").put("text", m.summary());
    r.putObject("fullDescription").put("text", firstParagraph(page, m.summary()));
    ObjectNode help = r.putObject("help");
    help.put("text", page);
    help.put("markdown", page);
    r.putObject("defaultConfiguration").put("level", level(m.severity()));
    ObjectNode props = r.putObject("properties");
    ArrayNode tags = props.putArray("tags");
    m.tags().forEach(tags::add);
    props.put("precision", m.precision());
    return r;
  }

  /** The first paragraph of a doc page that is not its title or its level line. */
  static String firstParagraph(String page, String fallback) {
    StringBuilder sb = new StringBuilder();
    for (String line : page.split("\n")) {
      String t = line.trim();
      if (t.startsWith("#") || t.startsWith("**Level")) {
        if (sb.length() > 0) {
          break;
        }
        continue;
      }
      if (t.isEmpty()) {
        if (sb.length() > 0) {
          break;
        }
        continue;
      }
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(t);
    }
    return sb.length() == 0 ? fallback : sb.toString();
  }

  private static ObjectNode result(Finding f, RuleRegistry registry, ReportContext context) {
    ObjectNode r = MAPPER.createObjectNode();
    r.put("ruleId", f.ruleId());
    int index = registry.indexOf(f.ruleId());
    if (index >= 0) {
      r.put("ruleIndex", index);
    }
    r.put("level", level(f.severity()));
    r.putObject("message").put("text", f.message());
    r.putArray("locations")
        .addObject()
        .set("physicalLocation", physical(f.location(), context, true));
    r.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.fingerprint());
    ObjectNode properties = r.putObject("properties");
    // normal: on the child's normal path; error: only after a failed exec or call
    properties.put("vforkcheck/childPath", f.childPath().label());
    if (f.onErrorPath()) {
      properties.putArray("tags").add("error-path");
    }
    if (!f.configurations().isEmpty()) {
      // the preprocessor configurations (macro choices) in which the analysis found this result
      f.configurations().forEach(properties.putArray("vforkcheck/configurations")::add);
    }
    if (f.suppressed()) {
      ObjectNode sup = r.putArray("suppressions").addObject();
      sup.put(
          "kind", f.suppression().kind() == Suppression.Kind.IN_SOURCE ? "inSource" : "external");
      sup.put("justification", f.suppression().justification());
    }
    if (!f.steps().isEmpty()) {
      ArrayNode locations =
          r.putArray("codeFlows")
              .addObject()
              .putArray("threadFlows")
              .addObject()
              .putArray("locations");
      for (Step s : f.steps()) {
        ObjectNode loc = locations.addObject().putObject("location");
        loc.set("physicalLocation", physical(s.location(), context, true));
        loc.putObject("message").put("text", s.message());
      }
      ObjectNode last = locations.addObject().putObject("location");
      last.set("physicalLocation", physical(f.location(), context, true));
      last.putObject("message").put("text", "problem: " + f.ruleId());
    }
    if (!f.fixes().isEmpty()) {
      ArrayNode fixes = r.putArray("fixes");
      for (Fix fix : f.fixes()) {
        ObjectNode fx = fixes.addObject();
        fx.putObject("description").put("text", fix.description());
        ArrayNode changes = fx.putArray("artifactChanges");
        for (TextEdit e : fix.edits()) {
          ObjectNode change = changes.addObject();
          change.set("artifactLocation", artifact(e.range().path(), context));
          ObjectNode rep = change.putArray("replacements").addObject();
          rep.set("deletedRegion", region(e.range(), true));
          rep.putObject("insertedContent").put("text", e.replacement());
        }
      }
    }
    return r;
  }

  private static ObjectNode physical(Location l, ReportContext context, boolean fullRegion) {
    ObjectNode p = MAPPER.createObjectNode();
    p.set("artifactLocation", artifact(l.path(), context));
    p.set("region", region(l, fullRegion));
    return p;
  }

  private static ObjectNode artifact(String path, ReportContext context) {
    ObjectNode a = MAPPER.createObjectNode();
    String rel = context.relativeToSrcRoot(path);
    if (rel != null) {
      a.put("uri", encode(rel));
      a.put("uriBaseId", SRCROOT);
    } else {
      a.put("uri", context.absoluteUri(path));
    }
    return a;
  }

  private static ObjectNode region(Location l, boolean full) {
    ObjectNode r = MAPPER.createObjectNode();
    r.put("startLine", l.line());
    r.put("startColumn", l.column());
    if (full) {
      r.put("endLine", l.endLine());
      r.put("endColumn", l.endColumn());
    }
    return r;
  }

  /** Percent-encodes a relative path for a URI reference, keeping '/'. */
  static String encode(String relative) {
    try {
      return new URI(null, null, relative, null).getRawPath();
    } catch (URISyntaxException e) {
      return relative.replace(" ", "%20");
    }
  }

  static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case NOTE -> "note";
    };
  }
}
