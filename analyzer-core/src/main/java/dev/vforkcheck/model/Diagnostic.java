package dev.vforkcheck.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * A problem with the input itself rather than with the code: a file that cannot be read, is binary,
 * is empty, or does not parse. Diagnostics never stop a scan.
 */
public record Diagnostic(Kind kind, Location location, String message) {

  /** What went wrong with the input. */
  public enum Kind {
    /** The file could not be read at all. */
    UNREADABLE(Severity.ERROR),
    /** The file looks binary and was skipped. */
    BINARY(Severity.WARNING),
    /** The file is empty; there is nothing to analyze. */
    EMPTY(Severity.NOTE),
    /** Part of the file did not parse; the rest was analyzed. */
    SYNTAX(Severity.WARNING),
    /**
     * Unknown macros read as empty so that the code around them parses (a summary for the tree).
     */
    SYNTAX_REPAIRED(Severity.NOTE),
    /** A preprocessor problem (bad directive, #error, macro trouble). */
    PREPROCESSOR(Severity.WARNING),
    /** The analyzer itself failed on this file; the rest of the scan went on. */
    INTERNAL(Severity.ERROR),
    /** A header that was not found, or whose name matched several files of the tree. */
    INCLUDE(Severity.NOTE),
    /** Spawn code under a condition no configuration vforkcheck could choose makes true. */
    CONFIGURATION(Severity.NOTE),
    /** A suppression comment that gives no reason or names no rule. */
    SUPPRESSION(Severity.NOTE);

    private final Severity severity;

    Kind(Severity severity) {
      this.severity = severity;
    }

    public Severity severity() {
      return severity;
    }
  }

  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing(Diagnostic::location, Location.ORDER)
          .thenComparing(Diagnostic::kind)
          .thenComparing(Diagnostic::message);

  public Diagnostic {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  public Severity severity() {
    return kind.severity();
  }

  /** True when the whole file, not just a part of it, was left out of the analysis. */
  public boolean fileSkipped() {
    return kind == Kind.UNREADABLE || kind == Kind.BINARY || kind == Kind.INTERNAL;
  }
}
