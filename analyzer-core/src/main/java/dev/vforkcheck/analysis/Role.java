package dev.vforkcheck.analysis;

/**
 * Which process an execution path belongs to, relative to one fork site, with the range of values
 * the fork result has on that path.
 */
public enum Role {
    /** The parent before it reaches the fork site. */
    PRE(Long.MIN_VALUE, Long.MAX_VALUE, false),
    /** The parent after a successful fork (result > 0). */
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
    /** The child of another fork/vfork call in the function: neither this site's parent nor its child. */
    OTHER_CHILD(0, 0, false);

    private final long low;
    private final long high;
    private final boolean child;

    Role(long low, long high, boolean child) {
        this.low = low;
        this.high = high;
        this.child = child;
    }

    public long low() {
        return low;
    }

    public long high() {
        return high;
    }

    public boolean isChild() {
        return child;
    }

    /** True for the roles that are the parent process (of this site). */
    public boolean isParent() {
        return !child && this != OTHER_CHILD;
    }
}
