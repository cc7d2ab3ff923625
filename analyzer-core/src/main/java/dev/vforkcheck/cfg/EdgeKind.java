package dev.vforkcheck.cfg;

/** Why control may pass along an edge. */
public enum EdgeKind {
  /** Plain sequential flow. */
  NORMAL,
  /** A branch condition was true (non-zero). */
  TRUE,
  /** A branch condition was false (zero). */
  FALSE,
  /** A switch took a {@code case} label. */
  CASE,
  /** A switch took {@code default}, or no label matched. */
  DEFAULT,
  /**
   * Flow that closes a loop (end of body or {@code continue} to the loop test, a backward {@code
   * goto}).
   */
  BACK,
  /** An exec call that succeeded: the process image is replaced, control never comes back. */
  EXEC_OK
}
