package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.Cfg;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Edge;
import dev.vforkcheck.cfg.EdgeKind;
import dev.vforkcheck.cfg.NodeKind;
import dev.vforkcheck.model.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Witness paths of one child region: for every node the child reaches, a concrete path from the
 * fork call to it (the edge each node was first reached by), told as report steps ("child takes the
 * true branch of `pid == 0`", "exec call returns (it failed)").
 */
final class Witness {
  private final Cfg cfg;
  private final ForkSite site;
  private final Edge[] predEdge;

  Witness(Cfg cfg, ForkSite site, Edge[] predEdge) {
    this.cfg = cfg;
    this.site = site;
    this.predEdge = predEdge.clone();
  }

  /** The path from the fork call to {@code node}, as report steps. */
  List<Step> pathTo(int node) {
    return steps(cfg, site, predEdge, node);
  }

  static List<Step> steps(Cfg cfg, ForkSite site, Edge[] predEdge, int node) {
    List<Edge> chain = new ArrayList<>();
    int cur = node;
    int guard = cfg.size() + 1;
    while (cur != site.node() && predEdge[cur] != null && guard-- > 0) {
      chain.add(predEdge[cur]);
      cur = predEdge[cur].from();
    }
    Collections.reverse(chain);
    List<Step> out = new ArrayList<>();
    out.add(new Step(site.location(), site.callee() + "() called here"));
    for (Edge e : chain) {
      Step step = describe(cfg, site, e);
      if (step != null) {
        out.add(step);
      }
    }
    return out;
  }

  private static Step describe(Cfg cfg, ForkSite site, Edge e) {
    CfgNode from = cfg.node(e.from());
    String text = from.text();
    return switch (e.kind()) {
      case TRUE, FALSE ->
          from.kind() != NodeKind.BRANCH
              ? null
              : new Step(
                  from.location(),
                  "child takes the "
                      + (e.kind() == EdgeKind.TRUE ? "true" : "false")
                      + " branch of `"
                      + text
                      + "`");
      case CASE ->
          new Step(
              from.location(),
              "child takes `case " + e.caseLabel() + ":` of `switch (" + text + ")`");
      case DEFAULT ->
          new Step(from.location(), "child takes `default:` of `switch (" + text + ")`");
      default ->
          from.kind() == NodeKind.EXPR && from.id() != site.node() && isExecCall(cfg, from)
              ? new Step(from.location(), "exec call returns (it failed)")
              : null;
    };
  }

  /** The CFG marks exec calls with an EXEC_OK edge to the no-return exit. */
  private static boolean isExecCall(Cfg cfg, CfgNode node) {
    return cfg.successors(node.id()).stream().anyMatch(e -> e.kind() == EdgeKind.EXEC_OK);
  }
}
