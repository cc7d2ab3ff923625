package dev.vforkcheck.knowledge;

/**
 * What a known C library function means to a vfork child. Every function in the knowledge base
 * belongs to exactly one class; the data lives in {@code libc-functions.json}.
 */
public enum FunctionClass {
  /** {@code fork()} and friends: a new process with a copy of the parent's memory. */
  FORK(false, false),
  /** {@code vfork()}: a new process that borrows the parent's memory until exec or _exit. */
  VFORK(false, false),
  /** The exec family: on success the child leaves the parent's memory; on failure it returns. */
  EXEC(true, false),
  /** {@code _exit()}/{@code _Exit()}: end the process without any user-space cleanup. */
  UNDERSCORE_EXIT(true, true),
  /** {@code exit()} and functions that call it: run atexit handlers and flush stdio first. */
  EXIT(false, true),
  /** {@code abort()}: ends the process with SIGABRT; async-signal-safe. */
  ABORT(true, true),
  /** {@code longjmp()}/{@code siglongjmp()}: jump to a frame the parent owns. */
  NONLOCAL_JUMP(false, true),
  /** Buffered stdio: shares FILE buffers and locks with the parent. */
  STDIO(false, false),
  /** Heap allocation or release: shares the allocator's state and locks with the parent. */
  HEAP(false, false),
  /** On POSIX's list of async-signal-safe functions. */
  ASYNC_SIGNAL_SAFE(true, false),
  /**
   * Not on POSIX's list, but a thin system-call wrapper or pure function that neither locks nor
   * allocates.
   */
  SAFE_EXTRA(true, false),
  /**
   * Known not to be safe in a vfork child (locks, static buffers, hidden allocation, environment
   * changes).
   */
  UNSAFE(false, false);

  private final boolean vforkSafe;
  private final boolean noReturn;

  FunctionClass(boolean vforkSafe, boolean noReturn) {
    this.vforkSafe = vforkSafe;
    this.noReturn = noReturn;
  }

  /** True when a vfork child may call a function of this class before exec/_exit. */
  public boolean vforkSafe() {
    return vforkSafe;
  }

  /** True when a call of this class never returns to its caller. */
  public boolean noReturn() {
    return noReturn;
  }

  /** True for the classes that start a new process (fork or vfork). */
  public boolean startsProcess() {
    return this == FORK || this == VFORK;
  }
}
