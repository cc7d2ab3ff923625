package dev.vforkcheck.knowledge;

/**
 * How a C library function reports failure in its return value, so that the branch a program takes
 * when the call failed can be told from the branch it takes when the call worked.
 */
public enum FailureReturn {
  /** -1 on failure, a value of 0 or more on success ({@code open}, {@code dup2}, {@code write}). */
  MINUS_ONE(-1, -1, 0, Long.MAX_VALUE),
  /** 0 on success, -1 (or another non-zero value) on failure ({@code chdir}, {@code setuid}). */
  NONZERO(-1, -1, 0, 0),
  /** A null pointer on failure ({@code malloc}, {@code fopen}, {@code getpwnam}). */
  NULL_POINTER(0, 0, 1, Long.MAX_VALUE);

  private final long failLo;
  private final long failHi;
  private final long okLo;
  private final long okHi;

  FailureReturn(long failLo, long failHi, long okLo, long okHi) {
    this.failLo = failLo;
    this.failHi = failHi;
    this.okLo = okLo;
    this.okHi = okHi;
  }

  /** The lowest value a failed call returns. */
  public long failLo() {
    return failLo;
  }

  /** The highest value a failed call returns. */
  public long failHi() {
    return failHi;
  }

  /** The lowest value a successful call returns. */
  public long okLo() {
    return okLo;
  }

  /** The highest value a successful call returns. */
  public long okHi() {
    return okHi;
  }

  /**
   * The convention a value keeps when it may hold the result of either of two calls: the same one,
   * or MINUS_ONE for MINUS_ONE and NONZERO (a test for -1 still means failure), else null.
   */
  public static FailureReturn join(FailureReturn a, FailureReturn b) {
    if (a == null || b == null) {
      return null;
    }
    if (a == b) {
      return a;
    }
    return a != NULL_POINTER && b != NULL_POINTER ? MINUS_ONE : null;
  }
}
