package dev.vforkcheck.analysis;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The child-region dataflow fact: which {@link Role}s can reach a point, and for each role what is
 * known about the values on its paths ({@link ValueFact}s: lvalues that still hold the fork result,
 * lvalues with a known constant). Immutable; the join keeps, per role, the facts true on every
 * path.
 */
public final class RoleState {
  static final RoleState BOTTOM = new RoleState(new EnumMap<>(Role.class));

  private final Map<Role, Set<ValueFact>> facts;

  private RoleState(EnumMap<Role, Set<ValueFact>> facts) {
    this.facts = Collections.unmodifiableMap(facts);
  }

  static RoleState of(Role role, Set<? extends ValueFact> known) {
    EnumMap<Role, Set<ValueFact>> m = new EnumMap<>(Role.class);
    m.put(role, Set.copyOf(known));
    return new RoleState(m);
  }

  /** The roles in {@code roles}, each with the same facts. */
  static RoleState of(Set<Role> roles, Set<? extends ValueFact> known) {
    EnumMap<Role, Set<ValueFact>> m = new EnumMap<>(Role.class);
    Set<ValueFact> copy = Set.copyOf(known);
    roles.forEach(r -> m.put(r, copy));
    return new RoleState(m);
  }

  public boolean isBottom() {
    return facts.isEmpty();
  }

  public boolean has(Role role) {
    return facts.containsKey(role);
  }

  public Set<Role> roles() {
    return facts.keySet();
  }

  /** Everything known on the paths of {@code role}; empty if the role is absent. */
  public Set<ValueFact> facts(Role role) {
    return facts.getOrDefault(role, Set.of());
  }

  /** The lvalues that hold the fork result on paths of {@code role}, sorted. */
  public Set<String> holders(Role role) {
    Set<String> out = new TreeSet<>();
    for (ValueFact f : facts(role)) {
      if (f instanceof ValueFact.HoldsResult h) {
        out.add(h.lvalue());
      }
    }
    return out;
  }

  /** The constant {@code lvalue} is known to hold on paths of {@code role}, or null. */
  public Long known(Role role, String lvalue) {
    return knownIn(facts(role), lvalue);
  }

  static Long knownIn(Set<ValueFact> facts, String lvalue) {
    for (ValueFact f : facts) {
      if (f instanceof ValueFact.Known k && k.lvalue().equals(lvalue)) {
        return k.value();
      }
    }
    return null;
  }

  static boolean holdsIn(Set<ValueFact> facts, String lvalue) {
    return facts.contains(new ValueFact.HoldsResult(lvalue));
  }

  public boolean hasChild() {
    return facts.keySet().stream().anyMatch(Role::isChild);
  }

  /** True when some role of the parent process (before or after this site's fork) reaches here. */
  public boolean hasParent() {
    return facts.keySet().stream().anyMatch(Role::isParent);
  }

  /** Only the child's roles. */
  RoleState childPart() {
    return map((r, f) -> r.isChild() ? f : null);
  }

  RoleState join(RoleState other) {
    if (other.isBottom()) {
      return this;
    }
    if (isBottom()) {
      return other;
    }
    EnumMap<Role, Set<ValueFact>> m = new EnumMap<>(Role.class);
    for (Role r : Role.values()) {
      Set<ValueFact> a = facts.get(r);
      Set<ValueFact> b = other.facts.get(r);
      if (a != null || b != null) {
        m.put(r, a == null ? b : b == null ? a : common(a, b));
      }
    }
    return new RoleState(m);
  }

  /** A state with each role's facts transformed; roles mapped to null are dropped. */
  RoleState map(BiFunction<Role, Set<ValueFact>, Set<ValueFact>> f) {
    EnumMap<Role, Set<ValueFact>> m = new EnumMap<>(Role.class);
    facts.forEach(
        (r, known) -> {
          Set<ValueFact> k = f.apply(r, known);
          if (k != null) {
            m.merge(r, Set.copyOf(k), RoleState::common);
          }
        });
    return new RoleState(m);
  }

  /** The same facts under the roles a transition leads to (joined with what those roles have). */
  RoleState move(Role from, Set<Role> to) {
    if (!has(from)) {
      return this;
    }
    EnumMap<Role, Set<ValueFact>> m = new EnumMap<>(facts);
    Set<ValueFact> known = m.remove(from);
    to.forEach(r -> m.merge(r, known, RoleState::common));
    return new RoleState(m);
  }

  private static Set<ValueFact> common(Set<ValueFact> a, Set<ValueFact> b) {
    Set<ValueFact> both = new HashSet<>(a);
    both.retainAll(b);
    return Set.copyOf(both);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RoleState s && s.facts.equals(facts);
  }

  @Override
  public int hashCode() {
    return facts.hashCode();
  }

  @Override
  public String toString() {
    return facts.toString();
  }
}
