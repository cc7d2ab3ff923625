package dev.vforkcheck.analysis;

import dev.vforkcheck.model.Location;
import java.util.List;
import java.util.Set;

/**
 * What one function means to a vfork child that calls it, computed once, bottom-up over the call
 * graph of the scanned tree by {@link SummaryFactory}.
 *
 * @param function its name
 * @param location its definition
 * @param isStatic visible only in its file
 * @param mayReturn some path returns to the caller
 * @param mayExec some path calls an exec function
 * @param endings how the paths that do not return end the process (exec+_exit, _exit, exit(), ...)
 * @param effects what it does that matters to a vfork child, each with the calls that show it
 * @param forkWrapper when it calls fork/vfork and returns the result, which kind; else null
 * @param onlyChildReturns VFORK when only the child of a vfork in it ever returns to the caller
 *     (the parent waits and exits inside): each call of it is then a site whose child runs the
 *     caller's code after the call on the parent's stack; else null
 * @param passThrough the parameter every return hands back unchanged ({@code pid_t xvforkwrap(pid_t
 *     pid)} returning {@code pid}: 0), so a call of it yields that argument; -1 when there is none
 * @param forkNeverFails for a fork wrapper: it never hands back a failed fork's -1 (toybox's {@code
 *     xfork()} dies first), so its callers have no failed-fork path
 */
public record Summary(
    String function,
    Location location,
    boolean isStatic,
    boolean mayReturn,
    boolean mayExec,
    Set<EndKind> endings,
    List<Effect> effects,
    ForkSite.Kind forkWrapper,
    ForkSite.Kind onlyChildReturns,
    int passThrough,
    boolean forkNeverFails) {
  public Summary {
    endings = Set.copyOf(endings);
    effects = List.copyOf(effects);
  }

  /** True when every path ends the process (or loops forever): a call never comes back. */
  public boolean neverReturns() {
    return !mayReturn;
  }

  /** The first effect of a kind on the normal path, else the first on an error path, or null. */
  public Effect first(Effect.Kind kind) {
    Effect onError = null;
    for (Effect e : effects) {
      if (e.kind() == kind) {
        if (!e.errorPath()) {
          return e;
        }
        if (onError == null) {
          onError = e;
        }
      }
    }
    return onError;
  }

  /** How a child path that calls this function and never comes back ends, worst ending first. */
  public EndKind endingForChild(boolean execAttempted) {
    for (EndKind k : List.of(EndKind.EXIT, EndKind.LONGJMP, EndKind.NORETURN_CALL, EndKind.LOOPS)) {
      if (endings.contains(k)) {
        return k;
      }
    }
    if (endings.contains(EndKind.EXEC_EXIT)) {
      return EndKind.EXEC_EXIT;
    }
    if (endings.contains(EndKind.UNDERSCORE_EXIT)) {
      return execAttempted ? EndKind.EXEC_EXIT : EndKind.UNDERSCORE_EXIT;
    }
    if (endings.contains(EndKind.ABORT)) {
      return EndKind.ABORT;
    }
    return EndKind.LOOPS;
  }
}
