package dev.vforkcheck.cfg;

import java.util.List;
import java.util.function.IntFunction;

/** Renders a CFG as text or Graphviz DOT, with an optional per-node mark (the child region). */
public final class CfgPrinter {
  private CfgPrinter() {}

  /**
   * One line per node: id, kind, line, mark, text, then its successors with edge kinds.
   *
   * @param mark returns a short tag for a node (e.g. "child"), or null for none
   */
  public static String text(Cfg cfg, IntFunction<String> mark) {
    StringBuilder sb = new StringBuilder();
    sb.append("function ").append(cfg.function()).append('\n');
    for (CfgNode n : cfg.nodes()) {
      String tag = mark.apply(n.id());
      sb.append(
          String.format(
              "  n%-3d %-13s L%-4d %s%s",
              n.id(),
              n.kind(),
              n.location().line(),
              tag == null ? "" : "[" + tag + "] ",
              oneLine(n.text())));
      if (!cfg.isReachable(n.id())
          && n.kind() != NodeKind.EXIT
          && n.kind() != NodeKind.NORETURN_EXIT) {
        sb.append("  (unreachable)");
      }
      List<Edge> out = cfg.successors(n.id());
      if (!out.isEmpty()) {
        sb.append("  ->");
        for (Edge e : out) {
          sb.append(' ').append('n').append(e.to());
          if (e.kind() != EdgeKind.NORMAL) {
            sb.append('(').append(e.describe()).append(')');
          }
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Graphviz DOT; marked nodes are filled. */
  public static String dot(Cfg cfg, IntFunction<String> mark) {
    StringBuilder sb = new StringBuilder();
    sb.append("digraph \"").append(escape(cfg.function())).append("\" {\n");
    sb.append("  node [shape=box, fontname=\"monospace\"];\n");
    for (CfgNode n : cfg.nodes()) {
      String tag = mark.apply(n.id());
      sb.append("  n")
          .append(n.id())
          .append(" [label=\"")
          .append(
              escape(
                  n.kind()
                      + " L"
                      + n.location().line()
                      + (tag == null ? "" : " [" + tag + "]")
                      + "\\n"
                      + oneLine(n.text())))
          .append('"');
      if (tag != null) {
        sb.append(", style=filled, fillcolor=\"#ffd7d7\"");
      }
      if (!cfg.isReachable(n.id())) {
        sb.append(", color=gray, fontcolor=gray");
      }
      sb.append("];\n");
    }
    for (Edge e : cfg.edges()) {
      sb.append("  n").append(e.from()).append(" -> n").append(e.to());
      if (e.kind() != EdgeKind.NORMAL) {
        sb.append(" [label=\"").append(escape(e.describe())).append("\"");
        if (e.kind() == EdgeKind.BACK) {
          sb.append(", style=dashed");
        }
        sb.append(']');
      }
      sb.append(";\n");
    }
    sb.append("}\n");
    return sb.toString();
  }

  private static String oneLine(String s) {
    String t = s.replaceAll("\\s+", " ").trim();
    return t.length() > 60 ? t.substring(0, 57) + "..." : t;
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\\\\n", "\\n");
  }
}
