package dev.vforkcheck.model;

import java.util.Objects;

/**
 * Why a finding is silenced: an in-source comment ({@code // vforkcheck: ignore[rule] reason}) with
 * its justification, or a baseline.
 */
public record Suppression(Kind kind, String justification, Location location) {
  /** Where the suppression comes from (SARIF {@code suppression.kind}). */
  public enum Kind {
    IN_SOURCE,
    EXTERNAL
  }

  public Suppression {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(justification, "justification");
  }
}
