package dev.vforkcheck.model;

import java.util.List;
import java.util.Objects;

/** A suggested change that resolves a finding: a description and the edits that carry it out. */
public record Fix(String description, List<TextEdit> edits) {
  public Fix {
    Objects.requireNonNull(description, "description");
    edits = List.copyOf(edits);
  }
}
