package dev.vforkcheck.analysis;

/** How one path of a fork/vfork child ends. */
public enum EndKind {
  /** An exec call, then {@code _exit()}/{@code _Exit()} when it fails: the correct ending. */
  EXEC_EXIT("exec+_exit", true),
  /** {@code _exit()}/{@code _Exit()} without an exec attempt. */
  UNDERSCORE_EXIT("_exit", true),
  /** {@code abort()}. */
  ABORT("abort", true),
  /** {@code exit()} or a libc function that calls it: cleanup runs in the child. */
  EXIT("exit()", false),
  /** {@code longjmp()}/{@code siglongjmp()} to a frame of the parent. */
  LONGJMP("longjmp", false),
  /** A call to a project function declared noreturn, whose ending is not known here. */
  NORETURN_CALL("noreturn call", false),
  /** A {@code return} (or falling off the end) of the function that called fork/vfork. */
  RETURN("may return", false),
  /** The child runs into code the parent also runs, without exec or _exit. */
  LEAVES("leaves into parent code", false),
  /** The child can loop forever without reaching any ending. */
  LOOPS("loops forever", false),
  /** The analysis cannot tell (computed goto, untested result, construct not modeled). */
  UNKNOWN("unknown", false);

  private final String label;
  private final boolean clean;

  EndKind(String label, boolean clean) {
    this.label = label;
    this.clean = clean;
  }

  /** Short text used in the {@code sites} summary ({@code child: exec+_exit}). */
  public String label() {
    return label;
  }

  /** True for the endings that are correct for a vfork child. */
  public boolean clean() {
    return clean;
  }
}
