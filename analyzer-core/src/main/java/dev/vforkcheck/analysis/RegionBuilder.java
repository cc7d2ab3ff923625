package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.Cfg;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Edge;
import dev.vforkcheck.cfg.EdgeKind;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.NodeKind;
import dev.vforkcheck.dataflow.Solution;
import dev.vforkcheck.model.Location;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the region and the endings of one site's child off a solved role analysis: walks forward
 * from the fork call along edges that carry the child, records how each path ends (exec+_exit,
 * exit(), return, leaving into the parent's code, looping forever, ...) and the edges where the
 * child left its code, and keeps the edge each node was first reached by (for witness paths).
 */
final class RegionBuilder {
  private final Cfg cfg;
  private final ForkSite site;
  private final Solution<RoleState> solution;
  private final Set<Long> cut;
  private final Callees callees;
  private final Edge[] predEdge;
  private final BitSet region;
  private final Map<EndKey, PathEnd> ends = new LinkedHashMap<>();
  private final BitSet endNodes;
  private final Set<Long> leaveEdges = new HashSet<>();

  /** One ending is recorded once per kind and node, however many paths reach it. */
  private record EndKey(EndKind kind, int node) {}

  RegionBuilder(
      Cfg cfg, ForkSite site, Solution<RoleState> solution, Set<Long> cut, Callees callees) {
    this.cfg = cfg;
    this.site = site;
    this.solution = solution;
    this.cut = Set.copyOf(cut);
    this.callees = callees;
    this.predEdge = new Edge[cfg.size()];
    this.region = new BitSet(cfg.size());
    this.endNodes = new BitSet(cfg.size());
  }

  /** The edges along which the child left its own code in this solution. */
  Set<Long> leaveEdges() {
    return leaveEdges;
  }

  boolean parentRuns(int node) {
    return solution.in(node).hasParent();
  }

  /**
   * True when the parent after this site's fork reaches {@code to} but not {@code from}: the child
   * joins the code the parent runs once the fork returned (its own work, on its memory). Code that
   * only the paths without this fork also reach (the parent before the fork, the fork-failed path,
   * another fork's parent) is not the parent's work after the fork: the child goes on there, as in
   * {@code switch (fork()) { case 0: break; default: return; } setsid(); execvp(...);}.
   */
  private boolean joinsParent(int from, int to) {
    return solution.in(to).roles().contains(Role.PARENT)
        && !solution.in(from).roles().contains(Role.PARENT);
  }

  ChildRegion build() {
    Deque<Integer> work = new ArrayDeque<>();
    boolean tested = isTested();
    enqueueSuccessors(site.node(), work); // the successors of the fork node that carry the child
    while (!work.isEmpty()) {
      int u = work.poll();
      CfgNode node = cfg.node(u);
      if (node.kind() == NodeKind.OPAQUE) {
        addEnd(EndKind.UNKNOWN, u, "the analysis does not model `" + node.text() + "`");
      }
      enqueueSuccessors(u, work);
    }
    if (!tested && !region.isEmpty()) {
      addEnd(
          EndKind.UNKNOWN,
          region.nextSetBit(0),
          "the result of "
              + site.callee()
              + "() is never tested, so parent and child run the same code");
    }
    int loopAt = neverEnding();
    if (loopAt >= 0) {
      addEnd(EndKind.LOOPS, loopAt, "");
    }
    List<PathEnd> list = new ArrayList<>(ends.values());
    list.sort(Comparator.comparing(PathEnd::location, Location.ORDER).thenComparing(PathEnd::kind));
    BitSet normal =
        ErrorPaths.of(cfg, callees.knowledge())
            .normalReach(site.node(), e -> region.get(e.to()), n -> callees.containsExec(n.expr()));
    return new ChildRegion(
        site,
        cfg,
        region,
        normal,
        list,
        new Witness(cfg, site, predEdge),
        tested,
        solution::in,
        List.of(),
        List.of());
  }

  /** A region node from which no ending can be reached (the head of such a loop if any), or -1. */
  private int neverEnding() {
    BitSet canEnd = (BitSet) endNodes.clone();
    Deque<Integer> back = new ArrayDeque<>();
    endNodes.stream().forEach(back::add);
    while (!back.isEmpty()) {
      int v = back.poll();
      for (Edge e : cfg.predecessors(v)) {
        if (region.get(e.from()) && !canEnd.get(e.from()) && solution.along(e).hasChild()) {
          canEnd.set(e.from());
          back.add(e.from());
        }
      }
    }
    int loopAt = -1;
    for (int n = region.nextSetBit(0); n >= 0; n = region.nextSetBit(n + 1)) {
      if (canEnd.get(n)) {
        continue;
      }
      if (loopAt < 0) {
        loopAt = n;
      }
      // prefer the head of the loop that never ends: a node closed by a BACK edge
      final int node = n;
      if (cfg.predecessors(n).stream()
              .anyMatch(e -> e.kind() == EdgeKind.BACK && region.get(e.from()))
          && !(cfg.node(node).kind() == NodeKind.BRANCH && parentRuns(node))) {
        return n;
      }
    }
    return loopAt;
  }

  /**
   * The result is tested when the call sits in a condition, or a condition reads a holder of it.
   */
  private boolean isTested() {
    if (site.onlyChildContinues()) {
      return true; // nothing to test: only the child comes back from the call
    }
    NodeKind k = cfg.node(site.node()).kind();
    if (k == NodeKind.BRANCH || k == NodeKind.SWITCH || k == NodeKind.RETURN) {
      return true; // tested here, or handed to the caller (a vfork wrapper)
    }
    if (site.resultKey() == null) {
      return false;
    }
    // a condition that reads the result variable or a copy of it (`child = pid; if (child == 0)`)
    for (CfgNode n : cfg.nodes()) {
      if ((n.kind() == NodeKind.BRANCH || n.kind() == NodeKind.SWITCH) && n.expr() != null) {
        Set<String> holders = new HashSet<>();
        holders.add(site.resultKey());
        for (RoleState st : List.of(solution.in(n.id()), solution.out(n.id()))) {
          st.roles().stream().filter(Role::isChild).forEach(r -> holders.addAll(st.holders(r)));
        }
        boolean[] reads = new boolean[1];
        Expr.walk(n.expr(), e -> reads[0] |= holders.contains(Expr.lvalueKey(e)));
        if (reads[0]) {
          return true;
        }
      }
    }
    return false;
  }

  private void enqueueSuccessors(int u, Deque<Integer> work) {
    Summary helper = u == site.node() ? null : callees.neverReturningHelper(cfg.node(u));
    if (helper != null) {
      RoleState in = solution.out(u).childPart();
      if (!in.isBottom()) {
        addEnd(helper.endingForChild(in.has(Role.CHILD_EXECED)), u, helper.function() + "()");
      }
      return;
    }
    for (Edge e : cfg.successors(u)) {
      if (cut.contains(RoleTransfer.edgeKey(cfg, u, e.to()))
          && !solution.out(u).childPart().isBottom()) {
        recordLeave(u, e.to());
        continue;
      }
      RoleState flow = solution.along(e).childPart();
      if (flow.isBottom()) {
        continue;
      }
      int v = e.to();
      CfgNode target = cfg.node(v);
      if (target.kind() == NodeKind.EXIT) {
        addEnd(EndKind.RETURN, u, ""); // includes `return vfork();` in a wrapper
        continue;
      }
      if (target.kind() == NodeKind.NORETURN_EXIT) {
        addNoReturnEnd(u, flow);
        continue;
      }
      if (u != site.node() && cfg.closesLoopAround(e, site.node())) {
        recordLeave(u, v); // around the loop that forks: the child would run the parent's loop
        continue;
      }
      if (u != site.node() && joinsParent(u, v) && firstEffectful(u, v) != null) {
        recordLeave(u, v);
        continue;
      }
      if (!region.get(v)) {
        region.set(v);
        predEdge[v] = e;
        work.add(v);
      }
    }
  }

  private void recordLeave(int u, int v) {
    CfgNode entered = firstEffectful(u, v);
    if (entered == null) {
      entered = cfg.node(v);
    }
    leaveEdges.add(RoleTransfer.edgeKey(cfg, u, v));
    addEnd(EndKind.LEAVES, u, "line " + entered.location().line() + ": `" + entered.text() + "`");
  }

  private void addNoReturnEnd(int u, RoleState flow) {
    Expr.Call call = SummaryFactory.endingCall(cfg.node(u));
    String name = call == null ? null : call.calleeName();
    String detail = name == null ? "" : name + "()";
    boolean execed = flow.has(Role.CHILD_EXECED);
    if (execed && flow.has(Role.CHILD)) {
      // some paths tried exec first, some did not: both endings are real
      addEnd(noReturnEnding(call, false), u, detail);
    }
    addEnd(noReturnEnding(call, execed), u, detail);
  }

  private EndKind noReturnEnding(Expr.Call call, boolean execed) {
    return SummaryFactory.noReturnEnding(
        callees.knowledge(), call, callees.path(), callees.lookup(), execed);
  }

  /**
   * After the child enters parent-run code at {@code start}, the first thing it does there before
   * it is separated from the parent again, or null when it only passes tests and labels.
   */
  private CfgNode firstEffectful(int from, int start) {
    BitSet seen = new BitSet(cfg.size());
    Deque<Integer> work = new ArrayDeque<>();
    work.add(start);
    seen.set(start);
    while (!work.isEmpty()) {
      int n = work.poll();
      CfgNode node = cfg.node(n);
      if (!joinsParent(from, n)) {
        continue; // separated again
      }
      if (!isPure(node)) {
        return node;
      }
      for (Edge e : cfg.successors(n)) {
        if (solution.along(e).childPart().isBottom() || seen.get(e.to())) {
          continue;
        }
        seen.set(e.to());
        work.add(e.to());
      }
    }
    return null;
  }

  private static boolean isPure(CfgNode node) {
    return switch (node.kind()) {
      case LABEL -> true;
      case BRANCH, SWITCH ->
          node.expr() == null
              || (Expr.calls(node.expr()).isEmpty() && ValueFlow.writes(node).isEmpty());
      default -> false;
    };
  }

  private void addEnd(EndKind kind, int node, String detail) {
    endNodes.set(node);
    EndKey key = new EndKey(kind, node);
    if (!ends.containsKey(key)) {
      CfgNode n = cfg.node(node);
      ends.put(
          key,
          new PathEnd(kind, node, n.location(), detail, Witness.steps(cfg, site, predEdge, node)));
    }
  }
}
