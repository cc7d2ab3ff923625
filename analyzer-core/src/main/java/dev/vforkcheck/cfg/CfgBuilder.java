package dev.vforkcheck.cfg;

import dev.vforkcheck.model.Location;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Mutable assembly of a {@link Cfg}: add nodes and typed edges, then {@link #build()}. The front
 * end drives it while walking a function body; tests drive it directly.
 */
public final class CfgBuilder {
  private final String function;
  private final List<CfgNode> nodes = new ArrayList<>();
  private final Set<Edge> edges = new LinkedHashSet<>();
  private final int entry;
  private final int exit;
  private final int noReturnExit;

  public CfgBuilder(String function, Location start, Location end) {
    this.function = function;
    this.entry = add(NodeKind.ENTRY, start, null, null, "entry " + function).id();
    this.exit = add(NodeKind.EXIT, end, null, null, "exit").id();
    this.noReturnExit = add(NodeKind.NORETURN_EXIT, end, null, null, "no-return exit").id();
  }

  public CfgNode add(
      NodeKind kind, Location location, Expr expr, String declaredName, String text) {
    CfgNode node = new CfgNode(nodes.size(), kind, location, expr, declaredName, text);
    nodes.add(node);
    return node;
  }

  /** Gives an existing node a new location and text (a label first seen through a forward goto). */
  public void relocate(int id, Location location, String text) {
    CfgNode old = nodes.get(id);
    nodes.set(id, new CfgNode(id, old.kind(), location, old.expr(), old.declaredName(), text));
  }

  public void edge(int from, int to, EdgeKind kind) {
    edges.add(Edge.of(from, to, kind));
  }

  public void caseEdge(int from, int to, Long value, String label) {
    edges.add(new Edge(from, to, EdgeKind.CASE, value, label));
  }

  public int entry() {
    return entry;
  }

  public int exit() {
    return exit;
  }

  public int noReturnExit() {
    return noReturnExit;
  }

  public CfgNode node(int id) {
    return nodes.get(id);
  }

  public Cfg build() {
    return new Cfg(function, nodes, new ArrayList<>(edges), entry, exit, noReturnExit);
  }
}
