package dev.vforkcheck.dataflow;

import dev.vforkcheck.cfg.Cfg;
import dev.vforkcheck.cfg.Edge;
import java.util.List;

/** The fixed point of a forward analysis: the fact before and after every node. */
public final class Solution<S> {
  private final Cfg cfg;
  private final List<S> in;
  private final List<S> out;
  private final Transfer<S> transfer;

  Solution(Cfg cfg, List<S> in, List<S> out, Transfer<S> transfer) {
    this.cfg = cfg;
    this.in = in;
    this.out = out;
    this.transfer = transfer;
  }

  public S in(int node) {
    return in.get(node);
  }

  public S out(int node) {
    return out.get(node);
  }

  /** The fact flowing along an edge at the fixed point. */
  public S along(Edge edge) {
    return transfer.edge(edge, cfg.node(edge.from()), out.get(edge.from()));
  }

  public Cfg cfg() {
    return cfg;
  }
}
