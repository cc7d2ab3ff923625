package dev.vforkcheck.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.engine.PortAdvice;
import dev.vforkcheck.engine.ScanResult;
import dev.vforkcheck.engine.SiteReport;
import dev.vforkcheck.model.TextEdit;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The porter's table of {@code vforkcheck port}: every site with its verdict, as text or JSON. */
public final class PortReporter implements Reporter {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final boolean json;

  /**
   * @param json JSON instead of text
   */
  public PortReporter(boolean json) {
    this.json = json;
  }

  @Override
  public String render(ScanResult result, ReportContext context) {
    List<SiteReport> sites = advised(result);
    return json ? json(sites) : text(sites);
  }

  /** The sites that have a verdict, in report order. */
  static List<SiteReport> advised(ScanResult result) {
    return result.sites().stream().filter(s -> s.advice() != null).toList();
  }

  private static String text(List<SiteReport> sites) {
    StringBuilder sb = new StringBuilder();
    for (SiteReport s : sites) {
      ForkSite site = s.site();
      PortAdvice a = s.advice();
      sb.append(site.location().gccPrefix())
          .append(": ")
          .append(site.kind().word())
          .append(" in function ")
          .append(site.function())
          .append(": ")
          .append(a.verdict().label())
          .append(" (")
          .append(a.reason())
          .append(")")
          .append(
              s.configurations().isEmpty()
                  ? ""
                  : " [" + String.join(", ", s.configurations()) + "]")
          .append('\n');
    }
    sb.append(totalsLine(sites)).append('\n');
    return sb.toString();
  }

  /** Sites per verdict, every verdict present. */
  static Map<PortAdvice.Verdict, Integer> totals(List<SiteReport> sites) {
    Map<PortAdvice.Verdict, Integer> t = new EnumMap<>(PortAdvice.Verdict.class);
    for (PortAdvice.Verdict v : PortAdvice.Verdict.values()) {
      t.put(v, 0);
    }
    sites.forEach(s -> t.merge(s.advice().verdict(), 1, Integer::sum));
    return t;
  }

  /** {@code 3 sites: 1 vfork already, 1 swap-safe, ...}. */
  public static String totalsLine(ScanResult result) {
    return totalsLine(advised(result));
  }

  private static String totalsLine(List<SiteReport> sites) {
    List<String> parts = new ArrayList<>();
    totals(sites).forEach((v, n) -> parts.add(n + " " + v.label()));
    return TextReporter.plural(sites.size(), "site") + ": " + String.join(", ", parts);
  }

  private static String json(List<SiteReport> sites) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", 1);
    ArrayNode out = root.putArray("sites");
    for (SiteReport s : sites) {
      site(out.addObject(), s);
    }
    ObjectNode totals = root.putObject("totals");
    totals(sites).forEach((v, count) -> totals.put(v.id(), count));
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void site(ObjectNode n, SiteReport s) {
    ForkSite site = s.site();
    PortAdvice a = s.advice();
    n.put("path", site.location().path());
    n.put("line", site.location().line());
    n.put("column", site.location().column());
    n.put("kind", site.kind().word());
    n.put("function", site.function());
    n.put("verdict", a.verdict().id());
    n.put("reason", a.reason());
    n.put("childNeverExecs", a.neverExecs());
    if (!s.configurations().isEmpty()) {
      s.configurations().forEach(n.putArray("configurations")::add);
    }
    if (a.fix() != null) {
      ObjectNode fix = n.putObject("fix");
      fix.put("description", a.fix().description());
      ArrayNode edits = fix.putArray("edits");
      for (TextEdit e : a.fix().edits()) {
        ObjectNode edit = edits.addObject();
        edit.put("line", e.range().line());
        edit.put("column", e.range().column());
        edit.put("endLine", e.range().endLine());
        edit.put("endColumn", e.range().endColumn());
        edit.put("replacement", e.replacement());
      }
    }
  }
}
