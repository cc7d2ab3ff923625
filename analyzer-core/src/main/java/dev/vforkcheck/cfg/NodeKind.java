package dev.vforkcheck.cfg;

/** What a CFG node stands for. */
public enum NodeKind {
  /** The function's single entry. */
  ENTRY,
  /** The function's normal exit: every {@code return} and falling off the end lead here. */
  EXIT,
  /**
   * Where paths end that call a function that never returns ({@code _exit}, {@code abort}, ...).
   */
  NORETURN_EXIT,
  /** An expression evaluated for its effects (an expression statement, a for-loop step). */
  EXPR,
  /** A local declaration, with its initializer (if any) as an assignment. */
  DECL,
  /** A two-way branch on a condition; leaves by a TRUE and a FALSE edge. */
  BRANCH,
  /** A switch on a value; leaves by CASE and DEFAULT edges. */
  SWITCH,
  /** A {@code return} statement (its value, if any, is the expression). */
  RETURN,
  /** A label or a join point; does nothing itself. */
  LABEL,
  /**
   * A construct the analyzer does not model (computed goto, inline asm, a syntax error): an
   * explicit hole.
   */
  OPAQUE
}
