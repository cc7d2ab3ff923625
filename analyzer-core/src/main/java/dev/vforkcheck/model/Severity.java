package dev.vforkcheck.model;

/** How serious a finding is; ordered from most to least severe. */
public enum Severity {
    ERROR,
    WARNING,
    NOTE;

    /** The lower-case word used in gcc-style output and SARIF levels. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True when this severity is at least as severe as {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }
}
