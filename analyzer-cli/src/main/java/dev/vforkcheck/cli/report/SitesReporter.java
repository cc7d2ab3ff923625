package dev.vforkcheck.cli.report;

import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.engine.ScanResult;
import dev.vforkcheck.engine.SiteReport;

/** The inventory of {@code vforkcheck sites}: one line per fork/vfork call. */
public final class SitesReporter implements Reporter {

  @Override
  public String render(ScanResult result, ReportContext context) {
    StringBuilder sb = new StringBuilder();
    for (SiteReport s : result.sites()) {
      sb.append(line(s)).append('\n');
    }
    return sb.toString();
  }

  /** {@code src/spawn.c:42:9: vfork in function spawn_tool (result in pid); child: exec+_exit}. */
  public static String line(SiteReport s) {
    ForkSite site = s.site();
    String result =
        site.resultKey() == null ? "result not stored" : "result in " + site.resultKey();
    return site.location().gccPrefix()
        + ": "
        + site.kind().word()
        + " in function "
        + site.function()
        + " ("
        + result
        + "); child: "
        + s.childSummary()
        + (s.configurations().isEmpty() ? "" : " [" + String.join(", ", s.configurations()) + "]");
  }

  /** The summary line: sites by kind, files, helper calls, unknown calls, summaries. */
  public static String summary(ScanResult result) {
    long vforks =
        result.sites().stream().filter(s -> s.site().kind() == ForkSite.Kind.VFORK).count();
    int helperCalls = result.sites().stream().mapToInt(SiteReport::helperCalls).sum();
    int unknownCalls = result.sites().stream().mapToInt(SiteReport::unknownCalls).sum();
    int helperEndings = result.sites().stream().mapToInt(SiteReport::helperEndings).sum();
    return TextReporter.plural(result.sites().size(), "site")
        + " ("
        + vforks
        + " vfork, "
        + (result.sites().size() - vforks)
        + " fork) in "
        + TextReporter.plural(result.stats().filesScanned(), "file")
        + " scanned; children call "
        + TextReporter.plural(helperCalls, "summarized project function")
        + " and "
        + TextReporter.plural(unknownCalls, "unknown function")
        + "; "
        + TextReporter.plural(helperEndings, "child path ending")
        + " inside helpers; "
        + TextReporter.plural(result.stats().summaries(), "function summary", "function summaries");
  }
}
