package dev.vforkcheck.model;

import java.util.Locale;

/** How serious a finding is; ordered from most to least severe. */
public enum Severity {
  ERROR,
  WARNING,
  NOTE;

  /** The lower-case word used in gcc-style output and SARIF levels. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** One level lower (an error becomes a warning, a warning a note); a note stays a note. */
  public Severity lower() {
    return this == ERROR ? WARNING : NOTE;
  }

  /** True when this severity is at least as severe as {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return compareTo(threshold) <= 0; // declared most severe first
  }
}
