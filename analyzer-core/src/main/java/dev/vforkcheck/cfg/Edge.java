package dev.vforkcheck.cfg;

import java.util.Objects;

/**
 * A directed CFG edge between node ids. {@code caseValue} is set on CASE edges whose label is an
 * integer constant; {@code caseLabel} holds the label text of every CASE edge.
 */
public record Edge(int from, int to, EdgeKind kind, Long caseValue, String caseLabel) {
  public Edge {
    Objects.requireNonNull(kind, "kind");
  }

  public static Edge of(int from, int to, EdgeKind kind) {
    return new Edge(from, to, kind, null, null);
  }

  /** {@code CASE(0)}, {@code TRUE}, ... as the text and DOT views print it. */
  public String describe() {
    if (kind == EdgeKind.CASE) {
      return "CASE(" + (caseLabel != null ? caseLabel : String.valueOf(caseValue)) + ")";
    }
    return kind.name();
  }
}
