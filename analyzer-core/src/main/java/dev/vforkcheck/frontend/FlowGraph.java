package dev.vforkcheck.frontend;

import dev.vforkcheck.cfg.CfgBuilder;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.EdgeKind;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.NodeKind;
import dev.vforkcheck.model.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNode;

/**
 * The control-flow graph of one function while it is being built. Lowering threads lists of {@link
 * Pending} edges through the code: the exits of what was lowered so far, connected to whatever node
 * is created next.
 */
final class FlowGraph {

  /** An edge waiting for its target: the next node to be created. */
  record Pending(int from, EdgeKind kind, Long caseValue, String caseLabel) {
    static Pending of(int from, EdgeKind kind) {
      return new Pending(from, kind, null, null);
    }
  }

  private final CfgBuilder b;
  private final Locator locator;
  private final Location fnLocation;

  FlowGraph(CfgBuilder b, Locator locator, Location fnLocation) {
    this.b = b;
    this.locator = locator;
    this.fnLocation = fnLocation;
  }

  /** The builder, for the few places that add nodes or edges directly. */
  CfgBuilder builder() {
    return b;
  }

  /** Where {@code ast} is, or the function's name when it is not in this file. */
  Location at(IASTNode ast) {
    return locator.of(ast, fnLocation);
  }

  /** Source text of {@code ast}, whitespace folded, at most {@code max} characters. */
  String textOf(IASTNode ast, int max) {
    return locator.textOf(ast, max);
  }

  /** The file's one instance of {@code s}. */
  String intern(String s) {
    return locator.intern(s);
  }

  /** The file's one {@code Name} expression for {@code id}. */
  Expr.Name nameExpr(String id) {
    return locator.nameExpr(id);
  }

  /** A name in the file, as one shared string. */
  String name(IASTName n) {
    return locator.name(n);
  }

  void connect(List<Pending> from, int to) {
    for (Pending p : from) {
      if (p.kind() == EdgeKind.CASE) {
        b.caseEdge(p.from(), to, p.caseValue(), p.caseLabel());
      } else {
        b.edge(p.from(), to, p.kind());
      }
    }
  }

  /** Connects pendings to a loop head: plain flow becomes a BACK edge. */
  void connectBack(List<Pending> from, int head) {
    for (Pending p : from) {
      b.edge(p.from(), head, p.kind() == EdgeKind.NORMAL ? EdgeKind.BACK : p.kind());
    }
  }

  /**
   * A new node for {@code ast}, shown as its source text, that the pendings {@code in} flow into.
   */
  CfgNode node(NodeKind kind, IASTNode ast, Expr expr, String declared, List<Pending> in) {
    CfgNode n =
        b.add(
            kind,
            locator.of(ast, fnLocation),
            expr,
            declared,
            ast == null
                ? kind.name().toLowerCase(Locale.ROOT)
                : locator.textOf(ast, FunctionLowering.TEXT_MAX));
    connect(in, n.id());
    return n;
  }

  /** A new LABEL node (a join point or a jump) shown as {@code text}. */
  CfgNode label(String text, IASTNode ast, List<Pending> in) {
    CfgNode n = b.add(NodeKind.LABEL, locator.of(ast, fnLocation), null, null, text);
    connect(in, n.id());
    return n;
  }

  /** Plain flow out of node {@code from}. */
  static List<Pending> one(int from) {
    return List.of(Pending.of(from, EdgeKind.NORMAL));
  }

  static List<Pending> concat(List<Pending> a, List<Pending> c) {
    List<Pending> out = new ArrayList<>(a.size() + c.size());
    out.addAll(a);
    out.addAll(c);
    return out;
  }
}
