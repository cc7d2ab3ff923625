package dev.vforkcheck.analysis;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The child-region dataflow fact: which roles can reach a point, and for each role the lvalues that
 * still hold the fork result there (so tests on them refine the role). Immutable.
 */
public final class RoleState {
    static final RoleState BOTTOM = new RoleState(new EnumMap<>(Role.class));

    private final Map<Role, Set<String>> tracked;

    private RoleState(EnumMap<Role, Set<String>> tracked) {
        this.tracked = Collections.unmodifiableMap(tracked);
    }

    static RoleState of(Role role, Set<String> keys) {
        EnumMap<Role, Set<String>> m = new EnumMap<>(Role.class);
        m.put(role, Set.copyOf(keys));
        return new RoleState(m);
    }

    public boolean isBottom() {
        return tracked.isEmpty();
    }

    public boolean has(Role role) {
        return tracked.containsKey(role);
    }

    public Set<Role> roles() {
        return tracked.keySet();
    }

    /** The lvalues holding the fork result on paths of {@code role}; empty if the role is absent. */
    public Set<String> keys(Role role) {
        return tracked.getOrDefault(role, Set.of());
    }

    public boolean hasChild() {
        return has(Role.CHILD) || has(Role.CHILD_EXECED);
    }

    public boolean hasParent() {
        return has(Role.PRE) || has(Role.PARENT) || has(Role.ERROR) || has(Role.OTHER_PARENT) || has(Role.OTHER_ERROR);
    }

    RoleState join(RoleState other) {
        if (other.isBottom()) {
            return this;
        }
        if (isBottom()) {
            return other;
        }
        EnumMap<Role, Set<String>> m = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            Set<String> a = tracked.get(r);
            Set<String> b = other.tracked.get(r);
            if (a == null && b == null) {
                continue;
            }
            if (a == null) {
                m.put(r, b);
            } else if (b == null) {
                m.put(r, a);
            } else {
                Set<String> both = new HashSet<>(a);
                both.retainAll(b);
                m.put(r, Set.copyOf(both));
            }
        }
        return new RoleState(m);
    }

    /** A state with each role's keys transformed; roles mapped to null are dropped. */
    RoleState map(java.util.function.BiFunction<Role, Set<String>, Set<String>> f) {
        EnumMap<Role, Set<String>> m = new EnumMap<>(Role.class);
        tracked.forEach((r, keys) -> {
            Set<String> k = f.apply(r, keys);
            if (k != null) {
                m.merge(r, Set.copyOf(k), (x, y) -> {
                    Set<String> both = new HashSet<>(x);
                    both.retainAll(y);
                    return Set.copyOf(both);
                });
            }
        });
        return new RoleState(m);
    }

    /** The same keys under another role (joined with that role's keys if present). */
    RoleState move(Role from, Role to) {
        if (!has(from)) {
            return this;
        }
        EnumMap<Role, Set<String>> m = new EnumMap<>(tracked);
        Set<String> keys = m.remove(from);
        m.merge(to, keys, (x, y) -> {
            Set<String> both = new HashSet<>(x);
            both.retainAll(y);
            return Set.copyOf(both);
        });
        return new RoleState(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoleState s && s.tracked.equals(tracked);
    }

    @Override
    public int hashCode() {
        return tracked.hashCode();
    }

    @Override
    public String toString() {
        return tracked.toString();
    }
}
