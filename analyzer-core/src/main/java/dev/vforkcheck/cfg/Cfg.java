package dev.vforkcheck.cfg;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * The control-flow graph of one function: nodes, typed edges, one entry, one normal exit and one
 * no-return exit. Immutable once built ({@link CfgBuilder} makes them).
 */
public final class Cfg {
  private final String function;
  private final List<CfgNode> nodes;
  private final List<List<Edge>> succs;

  /**
   * Made on first use: only the functions pass 2 analyzes need them, and every function's graph is
   * held until the summaries are built. Computing them twice in a race gives equal lists.
   */
  private volatile List<List<Edge>> preds;

  private final int entry;
  private final int exit;
  private final int noReturnExit;
  private final BitSet reachable;

  Cfg(
      String function,
      List<CfgNode> nodes,
      List<Edge> edges,
      int entry,
      int exit,
      int noReturnExit) {
    this.function = function;
    this.nodes = List.copyOf(nodes);
    this.succs = grouped(nodes.size(), edges, true);
    this.entry = entry;
    this.exit = exit;
    this.noReturnExit = noReturnExit;
    this.reachable = computeReachable();
  }

  private BitSet computeReachable() {
    BitSet seen = new BitSet(nodes.size());
    Deque<Integer> work = new ArrayDeque<>();
    work.push(entry);
    seen.set(entry);
    while (!work.isEmpty()) {
      int n = work.pop();
      for (Edge e : succs.get(n)) {
        if (!seen.get(e.to())) {
          seen.set(e.to());
          work.push(e.to());
        }
      }
    }
    return seen;
  }

  public String function() {
    return function;
  }

  public List<CfgNode> nodes() {
    return nodes;
  }

  public CfgNode node(int id) {
    return nodes.get(id);
  }

  public int size() {
    return nodes.size();
  }

  public CfgNode entry() {
    return nodes.get(entry);
  }

  public CfgNode exit() {
    return nodes.get(exit);
  }

  public CfgNode noReturnExit() {
    return nodes.get(noReturnExit);
  }

  public List<Edge> successors(int id) {
    return succs.get(id);
  }

  public List<Edge> predecessors(int id) {
    List<List<Edge>> p = preds;
    if (p == null) {
      p = grouped(nodes.size(), edges(), false);
      preds = p;
    }
    return p.get(id);
  }

  /** The edges grouped by their source ({@code bySource}) or target node, in the given order. */
  private static List<List<Edge>> grouped(int size, List<Edge> edges, boolean bySource) {
    int[] count = new int[size];
    for (Edge e : edges) {
      count[bySource ? e.from() : e.to()]++;
    }
    Edge[][] at = new Edge[size][];
    for (int i = 0; i < size; i++) {
      at[i] = new Edge[count[i]];
      count[i] = 0;
    }
    for (Edge e : edges) {
      int n = bySource ? e.from() : e.to();
      at[n][count[n]++] = e;
    }
    List<List<Edge>> out = new ArrayList<>(size);
    for (Edge[] group : at) {
      out.add(List.of(group));
    }
    return Collections.unmodifiableList(out);
  }

  /** All edges, grouped by source node in node order. */
  public List<Edge> edges() {
    List<Edge> out = new ArrayList<>();
    succs.forEach(out::addAll);
    return out;
  }

  /**
   * True when {@code e} goes back to the head of a loop whose body holds {@code node}: a BACK edge,
   * or the TRUE edge of a do-while test, which jumps back to an earlier node that reaches the test
   * again.
   */
  public boolean closesLoopAround(Edge e, int node) {
    if (e.kind() == EdgeKind.BACK) {
      return loopBody(e).get(node);
    }
    if (e.kind() != EdgeKind.TRUE || e.to() >= e.from()) {
      return false;
    }
    BitSet body = loopBody(e);
    return body.get(e.from()) && body.get(node);
  }

  /**
   * The loop a back edge closes: the nodes on a path from the edge's target back to its source (a
   * {@code continue} edge targets the loop's step, which does not dominate the body, so the nodes
   * that merely reach the source are not enough).
   */
  public BitSet loopBody(Edge back) {
    BitSet reaching = walk(back.from(), back.to(), true);
    reaching.and(walk(back.to(), -1, false));
    return reaching;
  }

  /**
   * The nodes reached from {@code start} (itself included) along successors, or along predecessors
   * when {@code backward}; {@code stop} is included but not walked past (-1: none).
   */
  private BitSet walk(int start, int stop, boolean backward) {
    BitSet seen = new BitSet(nodes.size());
    Deque<Integer> work = new ArrayDeque<>();
    seen.set(start);
    if (stop >= 0) {
      seen.set(stop);
    }
    if (start != stop) {
      work.add(start);
    }
    while (!work.isEmpty()) {
      int n = work.poll();
      for (Edge e : backward ? predecessors(n) : succs.get(n)) {
        int next = backward ? e.from() : e.to();
        if (!seen.get(next)) {
          seen.set(next);
          work.add(next);
        }
      }
    }
    return seen;
  }

  /** True when the node can be reached from the entry. */
  public boolean isReachable(int id) {
    return reachable.get(id);
  }

  /** Every node that cannot be reached from the entry (dead code), in node order. */
  public List<CfgNode> unreachableNodes() {
    List<CfgNode> out = new ArrayList<>();
    for (CfgNode n : nodes) {
      if (!reachable.get(n.id())) {
        out.add(n);
      }
    }
    return out;
  }
}
