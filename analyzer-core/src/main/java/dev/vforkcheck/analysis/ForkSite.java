package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.model.Location;
import java.util.Locale;

/**
 * One call of fork() or vfork().
 *
 * @param kind which kind of process creation
 * @param function the function that contains the call
 * @param location the call expression
 * @param node the CFG node (in {@code function}'s CFG) that evaluates the call
 * @param call the call expression itself
 * @param resultKey the lvalue that receives the result ({@code pid}, {@code job->pid}), or null
 * @param callee the name called ({@code vfork}, or a wrapper's name)
 * @param onlyChildContinues the call is a wrapper whose parent never comes back from it (busybox's
 *     {@code xvfork_parent_waits_and_exits()}): only the child runs the code after the call
 * @param neverFails the call is a wrapper that never hands back a failed fork's -1 (it dies first):
 *     there is no failed-fork path after it
 */
public record ForkSite(
    Kind kind,
    String function,
    Location location,
    int node,
    Expr.Call call,
    String resultKey,
    String callee,
    boolean onlyChildContinues,
    boolean neverFails) {

  /** A call after which both processes go on. */
  public ForkSite(
      Kind kind,
      String function,
      Location location,
      int node,
      Expr.Call call,
      String resultKey,
      String callee) {
    this(kind, function, location, node, call, resultKey, callee, false, false);
  }

  /** fork() copies memory; vfork() borrows it. */
  public enum Kind {
    FORK,
    VFORK;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
