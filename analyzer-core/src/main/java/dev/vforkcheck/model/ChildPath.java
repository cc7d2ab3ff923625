package dev.vforkcheck.model;

import java.util.Locale;

/**
 * Whether a finding about a child happens on the child's normal path or only on an error path
 * (after a failed exec, or in a branch taken only when a call failed). Error-path findings are
 * reported one level lower by default: they are real, but a maintainer fixes a child that calls
 * {@code setenv()} on every run first.
 */
public enum ChildPath {
  /** On the path the child takes when every call works (and for findings not about a child). */
  NORMAL,
  /** Only after a failed exec or in a failure branch of a call, here or inside a helper. */
  ERROR;

  /** {@code normal} or {@code error}: the value of the JSON field and the SARIF property. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
