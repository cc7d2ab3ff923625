package dev.vforkcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vforkcheck.cfg.Cfg;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Edge;
import dev.vforkcheck.cfg.EdgeKind;
import dev.vforkcheck.cfg.NodeKind;
import dev.vforkcheck.frontend.FileFacts;
import dev.vforkcheck.frontend.FrontEnd;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.frontend.ParseOptions;
import dev.vforkcheck.frontend.SourceText;
import dev.vforkcheck.knowledge.KnowledgeBase;
import java.util.List;

/** Helpers for tests that parse small C snippets. */
public final class TestC {
  public static final KnowledgeBase KB = KnowledgeBase.load();

  private TestC() {}

  public static FileFacts parse(String code) {
    return new FrontEnd(KB, ParseOptions.defaults())
        .parse("t.c", "/virtual/t.c", SourceText.of(code));
  }

  public static FunctionFacts function(String code, String name) {
    return parse(code).functions().stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no function " + name));
  }

  /** The only node whose text is exactly {@code text}. */
  public static CfgNode node(Cfg cfg, String text) {
    List<CfgNode> found = cfg.nodes().stream().filter(n -> n.text().equals(text)).toList();
    if (found.size() != 1) {
      fail(
          "expected one node '"
              + text
              + "' but found "
              + found.size()
              + " in\n"
              + dev.vforkcheck.cfg.CfgPrinter.text(cfg, i -> null));
    }
    return found.get(0);
  }

  public static void assertEdge(Cfg cfg, CfgNode from, CfgNode to, EdgeKind kind) {
    for (Edge e : cfg.successors(from.id())) {
      if (e.to() == to.id() && e.kind() == kind) {
        return;
      }
    }
    fail(
        "no "
            + kind
            + " edge "
            + from.text()
            + " -> "
            + to.text()
            + "; successors of "
            + from.text()
            + ": "
            + cfg.successors(from.id()).stream()
                .map(e -> e.describe() + "->" + cfg.node(e.to()).text())
                .toList()
            + "\n"
            + dev.vforkcheck.cfg.CfgPrinter.text(cfg, i -> null));
  }

  public static void assertEdge(Cfg cfg, String from, String to, EdgeKind kind) {
    assertEdge(cfg, node(cfg, from), node(cfg, to), kind);
  }

  /**
   * Follows LABEL nodes (joins, loop heads) to the first real node, for edge tests that do not care
   * about joins.
   */
  public static void assertFlow(Cfg cfg, String from, String to, EdgeKind kind) {
    CfgNode f = node(cfg, from);
    CfgNode t = node(cfg, to);
    for (Edge e : cfg.successors(f.id())) {
      if (e.kind() != kind) {
        continue;
      }
      if (reachesThroughLabels(cfg, e.to(), t.id(), 0)) {
        return;
      }
    }
    fail(
        "no "
            + kind
            + " flow "
            + from
            + " -> "
            + to
            + "\n"
            + dev.vforkcheck.cfg.CfgPrinter.text(cfg, i -> null));
  }

  private static boolean reachesThroughLabels(Cfg cfg, int at, int target, int depth) {
    if (at == target) {
      return true;
    }
    if (depth > 10 || cfg.node(at).kind() != NodeKind.LABEL) {
      return false;
    }
    for (Edge e : cfg.successors(at)) {
      if (reachesThroughLabels(cfg, e.to(), target, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  public static void assertNoSuccessors(Cfg cfg, String text) {
    assertEquals(List.of(), cfg.successors(node(cfg, text).id()));
  }

  public static void assertKind(Cfg cfg, String text, NodeKind kind) {
    assertEquals(kind, node(cfg, text).kind(), text);
  }

  public static void assertReachable(Cfg cfg, String text, boolean reachable) {
    assertTrue(
        cfg.isReachable(node(cfg, text).id()) == reachable,
        text + " reachable should be " + reachable);
  }
}
