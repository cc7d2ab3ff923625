package dev.vforkcheck.model;

import java.util.Objects;

/** Replace the text of {@code range} (start inclusive, end exclusive) with {@code replacement}. */
public record TextEdit(Location range, String replacement) {
  public TextEdit {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(replacement, "replacement");
  }
}
