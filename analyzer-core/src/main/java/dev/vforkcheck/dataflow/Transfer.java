package dev.vforkcheck.dataflow;

import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Edge;

/** How facts change across a node and along an edge (where branch conditions refine them). */
public interface Transfer<S> {
  /** The fact after {@code node}, given the fact before it. */
  S node(CfgNode node, S in);

  /**
   * The fact that flows along {@code edge}, given the fact after its source node. Identity by
   * default.
   */
  default S edge(Edge edge, CfgNode from, S out) {
    return out;
  }
}
