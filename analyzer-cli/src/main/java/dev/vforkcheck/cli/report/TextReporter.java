package dev.vforkcheck.cli.report;

import dev.vforkcheck.engine.ScanResult;
import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Severity;
import dev.vforkcheck.model.Step;
import java.util.HashSet;
import java.util.Set;

/** gcc-style text: a pure function of the scan result. */
public final class TextReporter implements Reporter {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";

  private final boolean color;

  public TextReporter(boolean color) {
    this.color = color;
  }

  @Override
  public String render(ScanResult result, ReportContext context) {
    return findings(result);
  }

  /** Findings, each followed by its path steps as indented notes. */
  public String findings(ScanResult result) {
    StringBuilder sb = new StringBuilder();
    for (Finding f : result.findings()) {
      if (f.suppressed()) {
        continue;
      }
      sb.append(bold(f.location().gccPrefix() + ":"))
          .append(' ')
          .append(level(f.severity()))
          .append(' ')
          .append(f.message())
          .append(f.onErrorPath() ? " [error path]" : "")
          .append(" [")
          .append(f.ruleId())
          .append("]")
          .append(
              f.configurations().isEmpty()
                  ? ""
                  : " [" + String.join(", ", f.configurations()) + "]")
          .append('\n');
      for (Step s : f.steps()) {
        sb.append("    ")
            .append(s.location().gccPrefix())
            .append(": ")
            .append(level(Severity.NOTE))
            .append(' ')
            .append(s.message())
            .append('\n');
      }
    }
    return sb.toString();
  }

  /** Problems with the input, gcc-style, tagged {@code [input]}. */
  public String diagnostics(ScanResult result) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : result.diagnostics()) {
      sb.append(bold(d.location().gccPrefix() + ":"))
          .append(' ')
          .append(level(d.severity()))
          .append(' ')
          .append(d.message())
          .append(" [input]\n");
    }
    return sb.toString();
  }

  /** {@code 3 errors, 1 warning in 2 files (412 files scanned)}. */
  public static String summary(ScanResult result) {
    int errors = 0;
    int warnings = 0;
    int notes = 0;
    Set<String> files = new HashSet<>();
    int suppressed = 0;
    for (Finding f : result.findings()) {
      if (f.suppressed()) {
        suppressed++;
        continue;
      }
      files.add(f.location().path());
      switch (f.severity()) {
        case ERROR -> errors++;
        case WARNING -> warnings++;
        case NOTE -> notes++;
      }
    }
    String scanned =
        "("
            + plural(result.stats().filesScanned(), "file")
            + " scanned"
            + (suppressed > 0 ? ", " + suppressed + " suppressed" : "")
            + ")";
    if (errors + warnings + notes == 0) {
      return "no problems found " + scanned;
    }
    StringBuilder sb = new StringBuilder();
    append(sb, errors, "error");
    append(sb, warnings, "warning");
    append(sb, notes, "note");
    return sb + " in " + plural(files.size(), "file") + " " + scanned;
  }

  private static void append(StringBuilder sb, int n, String word) {
    if (n == 0) {
      return;
    }
    if (sb.length() > 0) {
      sb.append(", ");
    }
    sb.append(plural(n, word));
  }

  public static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  public static String plural(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  private String level(Severity s) {
    String word = s.word() + ":";
    if (!color) {
      return word;
    }
    String c =
        switch (s) {
          case ERROR -> "\u001b[1;31m";
          case WARNING -> "\u001b[1;35m";
          case NOTE -> "\u001b[1;36m";
        };
    return c + word + RESET;
  }

  private String bold(String s) {
    return color ? BOLD + s + RESET : s;
  }
}
