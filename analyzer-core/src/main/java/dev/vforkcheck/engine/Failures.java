package dev.vforkcheck.engine;

/**
 * How the engine names a failure in a diagnostic: the one place that turns an exception thrown
 * while parsing, analyzing or summarizing into the short text users see.
 */
final class Failures {
  private Failures() {}

  /** The exception's type and message ("nesting too deep" for a stack overflow). */
  static String describe(Throwable e) {
    String msg = e.getMessage();
    String type =
        e instanceof StackOverflowError ? "nesting too deep" : e.getClass().getSimpleName();
    return msg == null || msg.isBlank() ? type : type + ": " + msg;
  }
}
