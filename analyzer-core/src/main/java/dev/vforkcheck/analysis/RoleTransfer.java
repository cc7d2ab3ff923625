package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.Cfg;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Edge;
import dev.vforkcheck.cfg.EdgeKind;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.NodeKind;
import dev.vforkcheck.dataflow.Transfer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The transfer functions of the child-region analysis for one site: nodes move roles as {@link
 * Role}'s table says and update value facts ({@link ValueFlow}); branch and switch edges keep only
 * the roles whose values can take them. Pure: the edges where the child left its code are given at
 * construction and never change.
 */
final class RoleTransfer implements Transfer<RoleState> {
  private final Cfg cfg;
  private final ForkSite site;
  private final Callees callees;
  private final Set<Long> cut;
  private final Map<Long, Boolean> loops = new HashMap<>();

  /**
   * @param cut edges ({@link #edgeKey}) along which the child left its own code: the child stops
   *     there
   */
  RoleTransfer(Cfg cfg, ForkSite site, Callees callees, Set<Long> cut) {
    this.cfg = cfg;
    this.site = site;
    this.callees = callees;
    this.cut = Set.copyOf(cut);
  }

  static long edgeKey(Cfg cfg, int from, int to) {
    return (long) from * cfg.size() + to;
  }

  @Override
  public RoleState node(CfgNode node, RoleState in) {
    if (in.isBottom()) {
      return in;
    }
    RoleState out = ValueFlow.apply(node, in);
    if (node.id() == site.node()) {
      out = thisFork(out);
    } else if (node.expr() != null && !out.isBottom()) {
      out = otherFork(node, out);
    }
    if (node.expr() != null && callees.containsExec(node.expr())) {
      out = out.move(Role.CHILD, Role.CHILD.after(Role.Event.EXEC_RETURNED));
    }
    return out;
  }

  /**
   * Whoever reaches the call and is not this site's own child forks here: the parent, or the child
   * of an earlier fork (a double fork) for whom this call is its own fork. A child that comes back
   * to the fork call has left its code already (reported there); it must not blur the fresh child's
   * facts.
   */
  private RoleState thisFork(RoleState in) {
    Set<ValueFact> known =
        site.resultKey() == null ? Set.of() : Set.of(new ValueFact.HoldsResult(site.resultKey()));
    Set<Role> to = new HashSet<>();
    in.roles().forEach(r -> to.addAll(r.after(Role.Event.THIS_FORK)));
    if (site.onlyChildContinues()) {
      to.retainAll(Set.of(Role.CHILD)); // the parent waits and exits inside the wrapper
    }
    if (site.neverFails()) {
      to.remove(Role.ERROR); // the wrapper dies when the fork fails
    }
    return to.isEmpty() ? RoleState.BOTTOM : RoleState.of(to, known);
  }

  /**
   * Another fork/vfork call in the same function: the parent roles split into that call's parent,
   * error and child, so that tests of its result keep its child out of this site's parent code.
   */
  @SuppressWarnings("ReferenceEquality") // this site's own call node, not an equal-looking one
  private RoleState otherFork(CfgNode node, RoleState in) {
    for (Expr.Call call : Expr.calls(node.expr())) {
      if (call == site.call() || !callees.isForkLike(call.calleeName())) {
        continue;
      }
      Set<Role> splitting = new HashSet<>();
      Set<ValueFact> known = new HashSet<>();
      for (Role r : in.roles()) {
        if (!r.after(Role.Event.OTHER_FORK).equals(Set.of(r))) {
          splitting.add(r);
          // constants stay true; what held this site's result does not describe the other call's
          in.facts(r).stream().filter(f -> f instanceof ValueFact.Known).forEach(known::add);
        }
      }
      if (splitting.isEmpty()) {
        return in;
      }
      String receiver = SiteFinder.receiver(node.expr(), call, callees.passThrough());
      if (receiver != null) {
        known.add(new ValueFact.HoldsResult(receiver));
      }
      Set<Role> to = new HashSet<>();
      splitting.forEach(r -> to.addAll(r.after(Role.Event.OTHER_FORK)));
      return in.map((r, k) -> splitting.contains(r) ? null : k).join(RoleState.of(to, known));
    }
    return in;
  }

  @Override
  public RoleState edge(Edge edge, CfgNode from, RoleState out) {
    if (out.isBottom()) {
      return out;
    }
    if (edge.kind() == EdgeKind.EXEC_OK || callees.neverReturningHelper(from) != null) {
      return RoleState.BOTTOM;
    }
    if (!cut.isEmpty() && cut.contains(edgeKey(cfg, edge.from(), edge.to()))) {
      out = out.map((r, k) -> r.isChild() ? null : k);
    }
    if ((edge.kind() == EdgeKind.BACK || edge.kind() == EdgeKind.TRUE) && loopAroundSite(edge)) {
      out = loopBack(out);
    }
    if (from.kind() == NodeKind.BRANCH
        && from.expr() != null
        && (edge.kind() == EdgeKind.TRUE || edge.kind() == EdgeKind.FALSE)) {
      return branch(from.expr(), edge.kind() == EdgeKind.TRUE, out);
    }
    if (from.kind() == NodeKind.SWITCH && from.expr() != null) {
      return switchCase(edge, from, out);
    }
    return out;
  }

  /**
   * The parent going back to the head of a loop around this site is before the fork again: what it
   * runs until it reaches the fork is not the parent's code after the fork (inetd's server loop
   * runs the worker code itself when it need not fork). Constants stay known; what held the result
   * does not hold a fresh one.
   */
  private static RoleState loopBack(RoleState out) {
    RoleState moved = RoleState.BOTTOM;
    RoleState kept = out;
    for (Role r : out.roles()) {
      Set<Role> to = r.after(Role.Event.LOOP_BACK);
      if (to.equals(Set.of(r))) {
        continue;
      }
      Set<ValueFact> known = new HashSet<>();
      out.facts(r).stream().filter(f -> f instanceof ValueFact.Known).forEach(known::add);
      moved = moved.join(RoleState.of(to, known));
      kept = kept.map((role, k) -> role == r ? null : k);
    }
    return kept.join(moved);
  }

  /** True when the loop closed by the back edge {@code e} contains this site. */
  private boolean loopAroundSite(Edge e) {
    return loops.computeIfAbsent(
        edgeKey(cfg, e.from(), e.to()), k -> cfg.closesLoopAround(e, site.node()));
  }

  private RoleState branch(Expr cond, boolean want, RoleState out) {
    Long constant = Expr.constantValue(cond);
    if (constant != null && (constant != 0) != want) {
      return RoleState.BOTTOM; // `do { ... } while (0)`: nobody takes the other edge
    }
    Truth exec = execTruth(cond);
    if (exec != Truth.UNKNOWN && exec.value != want) {
      return RoleState.BOTTOM; // an exec call that returned has returned -1
    }
    return out.map(
        (r, known) -> {
          Truth t = truth(cond, r, known);
          if (t == Truth.UNKNOWN
              && (r == Role.OTHER_PARENT || r == Role.OTHER_ERROR || r == Role.OTHER_CHILD)) {
            t = otherTruth(cond, r);
          }
          return t == Truth.UNKNOWN || t.value == want ? known : null;
        });
  }

  private RoleState switchCase(Edge edge, CfgNode from, RoleState out) {
    return out.map(
        (r, known) -> {
          if (!isSubject(from.expr(), known)) {
            return known;
          }
          if (edge.kind() == EdgeKind.CASE) {
            Long v = edge.caseValue();
            return v == null || (r.low() <= v && v <= r.high()) ? known : null;
          }
          if (edge.kind() == EdgeKind.DEFAULT && r.low() == r.high()) {
            for (Edge other : cfg.successors(from.id())) {
              if (other.kind() == EdgeKind.CASE
                  && other.caseValue() != null
                  && other.caseValue() == r.low()) {
                return null;
              }
            }
          }
          return known;
        });
  }

  private boolean isSubject(Expr e, Set<ValueFact> known) {
    Expr x = Expr.stripCasts(e);
    if (x == site.call()) {
      return true;
    }
    if (x instanceof Expr.Binary b
        && (b.op() == Expr.BinaryOp.ASSIGN || b.op() == Expr.BinaryOp.COMMA)) {
      return (b.op() == Expr.BinaryOp.ASSIGN && isSubject(b.left(), known))
          || isSubject(b.right(), known);
    }
    if (x instanceof Expr.Call c && callees.passThrough().argument(c) != null) {
      return isSubject(callees.passThrough().argument(c), known); // xvforkwrap(vfork()) == 0
    }
    String key = Expr.lvalueKey(x);
    return key != null && RoleState.holdsIn(known, key);
  }

  /** A test of an exec call's value: when exec returns at all, it returns -1. */
  private Truth execTruth(Expr cond) {
    ValueTest t = ValueTest.of(cond);
    return t != null && callees.isExecCall(t.subject()) ? Truth.of(t.over(-1, -1)) : Truth.UNKNOWN;
  }

  /** A test of a variable that holds a known constant on this path. */
  private static Truth constantTruth(Expr cond, Set<ValueFact> known) {
    ValueTest t = ValueTest.of(cond);
    String key = t == null ? null : Expr.lvalueKey(t.subject());
    Long v = key == null ? null : RoleState.knownIn(known, key);
    return v == null ? Truth.UNKNOWN : Truth.of(t.over(v, v));
  }

  /** For the roles of another fork call: a test of that call's own value in its condition. */
  private Truth otherTruth(Expr cond, Role role) {
    ValueTest t = ValueTest.of(cond);
    return t != null && isOtherForkCall(t.subject())
        ? Truth.of(t.over(role.low(), role.high()))
        : Truth.UNKNOWN;
  }

  @SuppressWarnings("ReferenceEquality") // this site's own call node, not an equal-looking one
  private boolean isOtherForkCall(Expr e) {
    Expr x = Expr.stripCasts(e);
    if (x instanceof Expr.Binary b && b.op() == Expr.BinaryOp.ASSIGN) {
      return isOtherForkCall(b.right());
    }
    return x instanceof Expr.Call c && c != site.call() && callees.isForkLike(c.calleeName());
  }

  private Truth truth(Expr cond, Role role, Set<ValueFact> known) {
    Truth byConstant = constantTruth(cond, known);
    if (byConstant != Truth.UNKNOWN || role == Role.PRE) {
      return byConstant;
    }
    ValueTest t = ValueTest.of(cond);
    return t != null && isSubject(t.subject(), known)
        ? Truth.of(t.over(role.low(), role.high()))
        : Truth.UNKNOWN;
  }

  /** Whether a condition holds on a path: yes, no, or it depends. */
  private enum Truth {
    TRUE(true),
    FALSE(false),
    UNKNOWN(false);

    final boolean value;

    Truth(boolean value) {
      this.value = value;
    }

    static Truth of(Boolean b) {
      return b == null ? UNKNOWN : b ? TRUE : FALSE;
    }
  }
}
