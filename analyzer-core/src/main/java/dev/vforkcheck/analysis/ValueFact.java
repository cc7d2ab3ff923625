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

  /**
   * {@code lvalue} holds a known constant on this path ({@code pid = -1} before an optional fork).
   */
  record Known(String lvalue, long value) implements ValueFact {}

  /**
   * True when a store to {@code written} may change this fact's lvalue: the same lvalue, a part of
   * it ({@code job} written kills {@code job->pid}, {@code job.pid}, {@code job[0]}), or a variable
   * it is reached through ({@code i} kills {@code pids[i]}, {@code pidp} kills {@code *pidp}; a
   * field name such as the {@code pid} of {@code job->pid} is not a variable).
   */
  default boolean killedBy(String written) {
    String k = lvalue();
    if (k.equals(written)
        || k.startsWith(written + ".")
        || k.startsWith(written + "->")
        || k.startsWith(written + "[")) {
      return true;
    }
    if (!written.matches("[A-Za-z_]\\w*")) {
      return false;
    }
    for (int at = k.indexOf(written); at >= 0; at = k.indexOf(written, at + 1)) {
      int end = at + written.length();
      char before = at == 0 ? ' ' : k.charAt(at - 1);
      boolean wordStart = !Character.isLetterOrDigit(before) && before != '_';
      boolean field = before == '.' || before == '>';
      boolean wordEnd =
          end == k.length() || (!Character.isLetterOrDigit(k.charAt(end)) && k.charAt(end) != '_');
      if (wordStart && wordEnd && !field) {
        return true;
      }
    }
    return false;
  }
}
