package dev.vforkcheck.analysis;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which process an execution path belongs to, relative to one fork site, with the range of values
 * the fork result has on that path. The roles change only as this table says ({@link #after}):
 *
 * <pre>
 *  event                           from                               to
 *  ------------------------------  ---------------------------------  -------------------------------------
 *  this site's fork call           any role but CHILD, CHILD_EXECED   PARENT (&gt; 0) | ERROR (-1) | CHILD (0)
 *                                  CHILD, CHILD_EXECED                (none: it came back to the call)
 *  an exec call returns            CHILD                              CHILD_EXECED
 *  another fork call               PRE, PARENT, ERROR, OTHER_*        OTHER_PARENT | OTHER_ERROR | OTHER_CHILD
 *  a loop around this site goes    PARENT, ERROR                      PRE (before the fork again)
 *    back to its head
 *  a test of a value holding the   every role                         kept when its value range can pass
 *    result (if, switch)                                              the test on that edge, else dropped
 *  exec succeeds, noreturn call    every role                         (none: the path ends)
 *  the child leaves its own code   CHILD, CHILD_EXECED                (none: the child's region ends there)
 * </pre>
 *
 * <p>Drawn as the Clang vfork checker draws its states: PRE -(fork)-&gt; PARENT | ERROR | CHILD
 * -(exec returned)-&gt; CHILD_EXECED -(_exit)-&gt; end.
 */
public enum Role {
  /** The parent before it reaches the fork site. */
  PRE(Long.MIN_VALUE, Long.MAX_VALUE, false),
  /** The parent after a successful fork (result &gt; 0). */
  PARENT(1, Long.MAX_VALUE, false),
  /** The parent after a failed fork (result == -1). */
  ERROR(-1, -1, false),
  /** The child (result == 0), before any exec attempt. */
  CHILD(0, 0, true),
  /** The child after an exec call returned (the exec failed). */
  CHILD_EXECED(0, 0, true),
  /** The parent before this site, after another fork/vfork call in the function succeeded. */
  OTHER_PARENT(1, Long.MAX_VALUE, false),
  /** The parent before this site, after another fork/vfork call in the function failed. */
  OTHER_ERROR(-1, -1, false),
  /**
   * The child of another fork/vfork call in the function: neither this site's parent nor its child.
   */
  OTHER_CHILD(0, 0, false);

  /** The events that move a path from one role to others (the rows of the table above). */
  public enum Event {
    /** This site's own fork/vfork call. */
    THIS_FORK,
    /** An exec call (or a helper that tries exec) returned: the exec failed. */
    EXEC_RETURNED,
    /** Another fork/vfork call in the same function. */
    OTHER_FORK,
    /**
     * The back edge of a loop that contains this site: the parent is before the fork again (a
     * server loop that forks per request, or does the work itself when it need not fork).
     */
    LOOP_BACK
  }

  private static final Set<Role> FORKED = EnumSet.of(PARENT, ERROR, CHILD);
  private static final Set<Role> OTHER_FORKED = EnumSet.of(OTHER_PARENT, OTHER_ERROR, OTHER_CHILD);

  private final long low;
  private final long high;
  private final boolean child;

  Role(long low, long high, boolean child) {
    this.low = low;
    this.high = high;
    this.child = child;
  }

  /** The roles a path of this role has after {@code event}; empty when the path stops. */
  public Set<Role> after(Event event) {
    return switch (event) {
      case THIS_FORK -> child ? Set.of() : FORKED;
      case EXEC_RETURNED -> this == CHILD ? Set.of(CHILD_EXECED) : Set.of(this);
      case OTHER_FORK -> isParent() || this == OTHER_CHILD ? OTHER_FORKED : Set.of(this);
      case LOOP_BACK -> this == PARENT || this == ERROR ? Set.of(PRE) : Set.of(this);
    };
  }

  /** The smallest value the fork result can have on paths of this role. */
  public long low() {
    return low;
  }

  /** The largest value the fork result can have on paths of this role. */
  public long high() {
    return high;
  }

  /** True for this site's child, before or after an exec attempt. */
  public boolean isChild() {
    return child;
  }

  /** True for the roles that are the parent process (of this site). */
  public boolean isParent() {
    return !child && this != OTHER_CHILD;
  }

  /**
   * True for the roles on whose paths the parent normally runs: a node reached by one of them is
   * not the child's own code. The failed-fork path ({@link #ERROR}) may share the child's code, as
   * in {@code if (pid > 0) {parent} else {child}}, and does not count.
   */
  public boolean parentsNormalPath() {
    return this == PRE || this == PARENT || this == OTHER_PARENT || this == OTHER_ERROR;
  }
}
