package dev.vforkcheck.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vforkcheck.engine.ScanResult;
import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Fix;
import dev.vforkcheck.model.Location;
import dev.vforkcheck.model.Step;
import dev.vforkcheck.model.Suppression;
import dev.vforkcheck.model.TextEdit;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The JSON report, schema version 1 (documented in README and in {@code
 * vforkcheck-report.schema.json}). A pure function of the scan result.
 */
public final class JsonReporter implements Reporter {
  public static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Override
  public String render(ScanResult result, ReportContext context) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    ObjectNode tool = root.putObject("tool");
    tool.put("name", "vforkcheck");
    tool.put("version", context.toolVersion());
    ArrayNode findings = root.putArray("findings");
    for (Finding f : result.findings()) {
      finding(findings.addObject(), f);
    }
    ArrayNode diagnostics = root.putArray("diagnostics");
    for (Diagnostic d : result.diagnostics()) {
      diagnostic(diagnostics.addObject(), d);
    }
    stats(root.putObject("stats"), result);
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One finding: rule, severity, message, where, fingerprint, then its explanation and fixes. */
  private static void finding(ObjectNode n, Finding f) {
    n.put("ruleId", f.ruleId());
    n.put("severity", f.severity().word());
    n.put("message", f.message());
    n.set("location", location(f.location()));
    n.put("fingerprint", f.fingerprint());
    n.put("childPath", f.childPath().label());
    if (!f.configurations().isEmpty()) {
      f.configurations().forEach(n.putArray("configurations")::add);
    }
    if (f.suppressed()) {
      ObjectNode sup = n.putObject("suppression");
      sup.put(
          "kind", f.suppression().kind() == Suppression.Kind.IN_SOURCE ? "inSource" : "external");
      sup.put("justification", f.suppression().justification());
    }
    ArrayNode steps = n.putArray("steps");
    for (Step s : f.steps()) {
      ObjectNode step = steps.addObject();
      step.set("location", location(s.location()));
      step.put("message", s.message());
    }
    ArrayNode fixes = n.putArray("fixes");
    for (Fix fix : f.fixes()) {
      fix(fixes.addObject(), fix);
    }
  }

  /** One suggested fix and its text edits. */
  private static void fix(ObjectNode fx, Fix fix) {
    fx.put("description", fix.description());
    ArrayNode edits = fx.putArray("edits");
    for (TextEdit e : fix.edits()) {
      ObjectNode edit = edits.addObject();
      edit.set("location", location(e.range()));
      edit.put("replacement", e.replacement());
    }
  }

  /** One diagnostic about the analysis itself. */
  private static void diagnostic(ObjectNode n, Diagnostic d) {
    n.put("kind", d.kind().name().toLowerCase(Locale.ROOT));
    n.put("severity", d.severity().word());
    n.put("message", d.message());
    n.set("location", location(d.location()));
  }

  /** The run's counts and duration. */
  private static void stats(ObjectNode stats, ScanResult result) {
    stats.put("filesScanned", result.stats().filesScanned());
    stats.put("filesParsed", result.stats().filesParsed());
    stats.put("lines", result.stats().lines());
    stats.put("functions", result.stats().functions());
    stats.put("sites", result.stats().sites());
    stats.put("findings", result.findings().size());
    stats.put("suppressed", result.findings().stream().filter(Finding::suppressed).count());
    stats.put("durationMs", result.stats().millis());
    stats.put("configurations", result.stats().configurations());
    stats.put("headerVersions", result.stats().headerVersions());
    stats.put("headerReuses", result.stats().headerReuses());
    stats.put("parses", result.stats().parses());
  }

  static ObjectNode location(Location l) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("path", l.path());
    n.put("line", l.line());
    n.put("column", l.column());
    n.put("endLine", l.endLine());
    n.put("endColumn", l.endColumn());
    return n;
  }
}
