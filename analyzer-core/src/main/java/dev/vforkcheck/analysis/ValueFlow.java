package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.NodeKind;
import dev.vforkcheck.cfg.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one statement changes the {@link ValueFact}s of every role: stores kill what was known about
 * their targets, {@code x = pid} makes {@code x} hold the result too, {@code x = -1} records a
 * constant, and {@code pid--} in the child keeps the value known. Pure functions of node and state.
 */
final class ValueFlow {
  private ValueFlow() {}

  /** The facts after {@code node}. */
  static RoleState apply(CfgNode node, RoleState in) {
    Set<String> written = writes(node);
    RoleState out = written.isEmpty() ? in : killAndStep(node, in, written);
    return copies(node, out);
  }

  /**
   * The lvalues a node may overwrite: store targets (also address-taken ones) and its declaration.
   */
  static Set<String> writes(CfgNode node) {
    Set<String> out = new HashSet<>();
    if (node.declaredName() != null && node.kind() == NodeKind.DECL) {
      out.add(node.declaredName());
    }
    for (Store s : Store.of(node)) {
      String k = s.key();
      if (k != null) {
        out.add(k);
      }
    }
    return out;
  }

  private static RoleState killAndStep(CfgNode node, RoleState in, Set<String> written) {
    Map<String, Integer> steps = incrementSteps(node);
    return in.map(
        (role, known) -> {
          Set<ValueFact> kept = new HashSet<>();
          for (ValueFact f : known) {
            if (written.stream().noneMatch(f::killedBy)) {
              kept.add(f);
            }
          }
          // `pid--` in the child (inetd does it): the new value is still known
          for (var step : steps.entrySet()) {
            String key = step.getKey();
            Long before =
                RoleState.holdsIn(known, key) && role.low() == role.high()
                    ? Long.valueOf(role.low())
                    : RoleState.knownIn(known, key);
            if (before != null) {
              kept.add(new ValueFact.Known(key, before + step.getValue()));
            }
          }
          return kept;
        });
  }

  /** {@code x++}, {@code --x}, ...: the lvalues a node steps by one, with the step. */
  private static Map<String, Integer> incrementSteps(CfgNode node) {
    Map<String, Integer> out = new HashMap<>();
    for (Store s : Store.of(node)) {
      String key = s.key();
      if (key != null && (s.kind() == Store.Kind.INCREMENT || s.kind() == Store.Kind.DECREMENT)) {
        out.merge(key, s.kind() == Store.Kind.INCREMENT ? 1 : -1, Integer::sum);
      }
    }
    return out;
  }

  /**
   * A store {@code to = value}, with the expressions the value may be ({@code c ? a : b}: a, b).
   */
  private record Assignment(String to, List<Expr> arms) {}

  /**
   * {@code x = pid} makes {@code x} hold the fork result too; {@code x = -1} records the constant,
   * so that {@code pid = -1; if (want) pid = vfork(); if (pid == 0)} keeps the path that skipped
   * the fork out of the child. With {@code c ? a : b}, a fact holds only when it holds for every
   * arm.
   */
  private static RoleState copies(CfgNode node, RoleState in) {
    List<Assignment> assignments = new ArrayList<>();
    for (Store s : Store.of(node)) {
      String to = s.key();
      if (to != null && (s.kind() == Store.Kind.ASSIGN || s.kind() == Store.Kind.INITIALIZER)) {
        assignments.add(new Assignment(to, arms(s.value())));
      }
    }
    if (assignments.isEmpty()) {
      return in;
    }
    return in.map(
        (role, known) -> {
          Set<ValueFact> out = new HashSet<>(known);
          for (Assignment a : assignments) {
            if (a.arms().stream().allMatch(arm -> holds(known, arm))) {
              out.add(new ValueFact.HoldsResult(a.to()));
            }
            Long value = commonValue(known, a.arms());
            if (value != null) {
              out.add(new ValueFact.Known(a.to(), value));
            }
          }
          return out;
        });
  }

  private static boolean holds(Set<ValueFact> known, Expr arm) {
    String key = Expr.lvalueKey(arm);
    return key != null && RoleState.holdsIn(known, key);
  }

  /**
   * The one constant every arm has on this path (a literal or a variable known to hold it), or
   * null.
   */
  private static Long commonValue(Set<ValueFact> known, List<Expr> arms) {
    Long common = null;
    for (Expr arm : arms) {
      Long v = Expr.constantValue(arm);
      if (v == null) {
        String key = Expr.lvalueKey(arm);
        v = key == null ? null : RoleState.knownIn(known, key);
      }
      if (v == null || (common != null && !common.equals(v))) {
        return null;
      }
      common = v;
    }
    return common;
  }

  /** The expressions a value may be: itself, or the arms of {@code c ? a : b}, recursively. */
  private static List<Expr> arms(Expr e) {
    Expr x = Expr.stripCasts(e);
    if (x instanceof Expr.Conditional c) {
      List<Expr> out = new ArrayList<>(arms(c.then()));
      out.addAll(arms(c.otherwise()));
      return out;
    }
    return List.of(x);
  }
}
