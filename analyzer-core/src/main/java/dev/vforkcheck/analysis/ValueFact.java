package dev.vforkcheck.analysis;

/**
 * What one path knows about one lvalue, besides its role: the lvalue holds the fork result (so a
 * test of it refines the role), or it holds a known constant (so a test of it is decided).
 */
public sealed interface ValueFact {

  /** The lvalue the fact is about ({@code pid}, {@code job->pid}, {@code pids[0]}). */
  String lvalue();

  /** {@code lvalue} holds this site's fork result, or a copy of it. */
  record HoldsResult(String lvalue) implements ValueFact {}

  /** {@code lvalue} holds a known constant on this path ({@code pid = -1} before an optional fork). */
  record Known(String lvalue, long value) implements ValueFact {}

  /**
   * True when a store to {@code written} may change this fact's lvalue: the same lvalue, or a part of
   * it ({@code job} written kills {@code job->pid}, {@code job.pid}, {@code job[0]}).
   */
  default boolean killedBy(String written) {
    String k = lvalue();
    return k.equals(written)
        || k.startsWith(written + ".")
        || k.startsWith(written + "->")
        || k.startsWith(written + "[");
  }
}
