package dev.vforkcheck.frontend;

import static dev.vforkcheck.frontend.FlowGraph.concat;
import static dev.vforkcheck.frontend.FlowGraph.one;
import static dev.vforkcheck.frontend.FunctionLowering.TEXT_MAX;

import dev.vforkcheck.cfg.CfgBuilder;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.EdgeKind;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.LocalVar;
import dev.vforkcheck.cfg.NodeKind;
import dev.vforkcheck.frontend.ConditionLowering.Cond;
import dev.vforkcheck.frontend.FlowGraph.Pending;
import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Location;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTBreakStatement;
import org.eclipse.cdt.core.dom.ast.IASTCaseStatement;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTConditionalExpression;
import org.eclipse.cdt.core.dom.ast.IASTContinueStatement;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarationStatement;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTDefaultStatement;
import org.eclipse.cdt.core.dom.ast.IASTDoStatement;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTExpressionStatement;
import org.eclipse.cdt.core.dom.ast.IASTForStatement;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTGotoStatement;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTInitializer;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTLabelStatement;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTNullStatement;
import org.eclipse.cdt.core.dom.ast.IASTReturnStatement;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTSwitchStatement;
import org.eclipse.cdt.core.dom.ast.IASTWhileStatement;
import org.eclipse.cdt.core.dom.ast.gnu.IGNUASTCompoundStatementExpression;
import org.eclipse.cdt.core.dom.ast.gnu.IGNUASTGotoStatement;

/**
 * Builds the control-flow graph of a function body, one method per kind of statement. Each takes
 * the edges flowing into the statement and returns the edges flowing out of it (none after a jump).
 * Conditions go to {@link ConditionLowering}, expressions to {@link ExpressionLowering}.
 */
final class StatementLowering {

  /** The switch whose body is being lowered: where its case edges start. */
  private static final class SwitchCtx {
    final int node;
    boolean hasDefault;

    SwitchCtx(int node) {
      this.node = node;
    }
  }

  private final FlowGraph graph;
  private final CfgBuilder b;
  private final ExpressionLowering expressions;
  private final ConditionLowering conditions;
  private final KnowledgeBase knowledge;
  private final Set<String> fileNoReturn;
  private final Map<String, LocalVar> locals;

  private final Deque<List<Pending>> breakTargets = new ArrayDeque<>();
  private final Deque<Integer> continueTargets = new ArrayDeque<>();
  private final Deque<SwitchCtx> switches = new ArrayDeque<>();
  private final Map<String, Integer> labels = new HashMap<>();
  private final Set<String> placedLabels = new HashSet<>();
  private final List<Integer> computedGotos = new ArrayList<>();

  /**
   * @param fileNoReturn functions of this file declared noreturn: a call to one ends its path
   * @param locals where declared local variables are added
   */
  StatementLowering(
      FlowGraph graph,
      ExpressionLowering expressions,
      KnowledgeBase knowledge,
      Set<String> fileNoReturn,
      Map<String, LocalVar> locals) {
    this.graph = graph;
    this.b = graph.builder();
    this.expressions = expressions;
    this.conditions = new ConditionLowering(graph, expressions, this);
    this.knowledge = knowledge;
    this.fileNoReturn = fileNoReturn;
    this.locals = locals;
  }

  List<Pending> stmt(IASTStatement s, List<Pending> in) {
    if (s == null) {
      return in;
    }
    if (s instanceof IASTCompoundStatement c) {
      return compound(c, in);
    } else if (s instanceof IASTExpressionStatement es) {
      return exprStatement(es, es.getExpression(), in);
    } else if (s instanceof IASTDeclarationStatement ds) {
      return declaration(ds.getDeclaration(), in);
    } else if (s instanceof IASTIfStatement is) {
      return ifStatement(is, in);
    } else if (s instanceof IASTWhileStatement ws) {
      return whileLoop(ws, in);
    } else if (s instanceof IASTDoStatement ds) {
      return doLoop(ds, in);
    } else if (s instanceof IASTForStatement fs) {
      return forLoop(fs, in);
    } else if (s instanceof IASTBreakStatement bs) {
      return breakStatement(bs, in);
    } else if (s instanceof IASTContinueStatement cs) {
      return continueStatement(cs, in);
    } else if (s instanceof IASTReturnStatement rs) {
      return returnStatement(rs, in);
    } else if (s instanceof IASTSwitchStatement ss) {
      return switchStatement(ss, in);
    } else if (s instanceof IASTCaseStatement cs) {
      return caseLabel(cs, in);
    } else if (s instanceof IASTDefaultStatement ds) {
      return defaultLabel(ds, in);
    } else if (s instanceof IASTLabelStatement ls) {
      return labelStatement(ls, in);
    } else if (s instanceof IGNUASTGotoStatement gs) {
      return computedGoto(gs, in);
    } else if (s instanceof IASTGotoStatement gs) {
      return gotoStatement(gs, in);
    } else if (s instanceof IASTNullStatement) {
      return in;
    }
    return opaque(s, in); // problem statements, asm, ...
  }

  /**
   * Adds the edges of every computed goto ({@code goto *p}) once the whole body is lowered: to each
   * label whose address is taken, or to every label when none is.
   */
  void connectComputedGotos() {
    Set<String> addressTaken = expressions.addressTakenLabels();
    for (int g : computedGotos) {
      Set<String> targets = addressTaken.isEmpty() ? labels.keySet() : addressTaken;
      for (String label : targets) {
        Integer target = labels.get(label);
        if (target != null) {
          b.edge(g, target, EdgeKind.NORMAL);
        }
      }
    }
  }

  // ---------------------------------------------------------------- blocks and branches

  private List<Pending> compound(IASTCompoundStatement c, List<Pending> in) {
    List<Pending> cur = in;
    for (IASTStatement child : c.getStatements()) {
      cur = stmt(child, cur);
    }
    return cur;
  }

  private List<Pending> ifStatement(IASTIfStatement is, List<Pending> in) {
    Cond c = conditions.cond(is.getConditionExpression(), in);
    List<Pending> thenOut = stmt(is.getThenClause(), c.whenTrue());
    List<Pending> elseOut =
        is.getElseClause() == null ? c.whenFalse() : stmt(is.getElseClause(), c.whenFalse());
    return concat(thenOut, elseOut);
  }

  private List<Pending> switchStatement(IASTSwitchStatement ss, List<Pending> in) {
    IASTExpression controller = ss.getControllerExpression();
    List<Pending> pre = controller == null ? in : statementExpressions(controller, in);
    CfgNode sw =
        graph.node(
            NodeKind.SWITCH,
            controller != null ? controller : ss,
            controller == null ? null : expressions.expr(controller),
            null,
            pre);
    SwitchCtx ctx = new SwitchCtx(sw.id());
    switches.push(ctx);
    breakTargets.push(new ArrayList<>());
    List<Pending> bodyOut = stmt(ss.getBody(), List.of());
    switches.pop();
    List<Pending> out = concat(bodyOut, breakTargets.pop());
    if (!ctx.hasDefault) {
      out = concat(out, List.of(Pending.of(sw.id(), EdgeKind.DEFAULT)));
    }
    return out;
  }

  private List<Pending> caseLabel(IASTCaseStatement cs, List<Pending> in) {
    CfgNode lbl = graph.label("case " + graph.textOf(cs.getExpression(), 30), cs, in);
    if (!switches.isEmpty()) {
      Expr value = expressions.expr(cs.getExpression());
      Long v = Expr.constantValue(value);
      b.caseEdge(switches.peek().node, lbl.id(), v, value.text());
    }
    return one(lbl.id());
  }

  private List<Pending> defaultLabel(IASTDefaultStatement ds, List<Pending> in) {
    CfgNode lbl = graph.label("default", ds, in);
    if (!switches.isEmpty()) {
      switches.peek().hasDefault = true;
      b.edge(switches.peek().node, lbl.id(), EdgeKind.DEFAULT);
    }
    return one(lbl.id());
  }

  // ---------------------------------------------------------------- loops

  private List<Pending> whileLoop(IASTWhileStatement ws, List<Pending> in) {
    CfgNode head = graph.label("while", ws, in);
    Cond c = conditions.cond(ws.getCondition(), one(head.id()));
    breakTargets.push(new ArrayList<>());
    continueTargets.push(head.id());
    List<Pending> bodyOut = stmt(ws.getBody(), c.whenTrue());
    continueTargets.pop();
    graph.connectBack(bodyOut, head.id());
    return concat(c.whenFalse(), breakTargets.pop());
  }

  private List<Pending> doLoop(IASTDoStatement ds, List<Pending> in) {
    CfgNode head = graph.label("do", ds, in);
    CfgNode test = graph.label("do-while test", ds.getCondition(), List.of());
    breakTargets.push(new ArrayList<>());
    continueTargets.push(test.id());
    List<Pending> bodyOut = stmt(ds.getBody(), one(head.id()));
    continueTargets.pop();
    graph.connect(bodyOut, test.id());
    Cond c = conditions.cond(ds.getCondition(), one(test.id()));
    graph.connectBack(c.whenTrue(), head.id());
    return concat(c.whenFalse(), breakTargets.pop());
  }

  private List<Pending> forLoop(IASTForStatement fs, List<Pending> in) {
    List<Pending> afterInit = stmt(fs.getInitializerStatement(), in);
    CfgNode head = graph.label("for", fs, afterInit);
    Cond c =
        fs.getConditionExpression() == null
            ? new Cond(one(head.id()), List.of())
            : conditions.cond(fs.getConditionExpression(), one(head.id()));
    IASTExpression iteration = fs.getIterationExpression();
    CfgNode step = graph.label("for step", iteration != null ? iteration : fs, List.of());
    breakTargets.push(new ArrayList<>());
    continueTargets.push(step.id());
    List<Pending> bodyOut = stmt(fs.getBody(), c.whenTrue());
    continueTargets.pop();
    graph.connect(bodyOut, step.id());
    List<Pending> stepOut =
        iteration == null ? one(step.id()) : exprStatement(iteration, iteration, one(step.id()));
    graph.connectBack(stepOut, head.id());
    return concat(c.whenFalse(), breakTargets.pop());
  }

  // ---------------------------------------------------------------- jumps and labels

  private List<Pending> breakStatement(IASTBreakStatement s, List<Pending> in) {
    if (!breakTargets.isEmpty()) {
      breakTargets.peek().addAll(one(graph.label("break;", s, in).id()));
      return List.of();
    }
    return opaque(s, in);
  }

  private List<Pending> continueStatement(IASTContinueStatement s, List<Pending> in) {
    if (!continueTargets.isEmpty()) {
      graph.connectBack(one(graph.label("continue;", s, in).id()), continueTargets.peek());
      return List.of();
    }
    return opaque(s, in);
  }

  private List<Pending> returnStatement(IASTReturnStatement rs, List<Pending> in) {
    IASTInitializerClause rv = rs.getReturnArgument();
    List<Pending> pre = rv instanceof IASTExpression e ? statementExpressions(e, in) : in;
    Expr value = rv == null ? null : expressions.clause(rv);
    CfgNode n = graph.node(NodeKind.RETURN, rs, value, null, pre);
    b.edge(n.id(), b.exit(), EdgeKind.NORMAL);
    return List.of();
  }

  private List<Pending> labelStatement(IASTLabelStatement ls, List<Pending> in) {
    String l = ls.getName().toString();
    int id = labelNode(l, ls);
    placedLabels.add(l);
    graph.connect(in, id);
    return stmt(ls.getNestedStatement(), one(id));
  }

  /** {@code goto *p}: its edges are added at the end, see {@link #connectComputedGotos}. */
  private List<Pending> computedGoto(IGNUASTGotoStatement gs, List<Pending> in) {
    CfgNode n =
        graph.node(NodeKind.OPAQUE, gs, expressions.expr(gs.getLabelNameExpression()), null, in);
    computedGotos.add(n.id());
    return List.of();
  }

  private List<Pending> gotoStatement(IASTGotoStatement gs, List<Pending> in) {
    String l = gs.getName().toString();
    boolean backward = placedLabels.contains(l);
    int target = labelNode(l, null);
    CfgNode jump = graph.label("goto " + l + ";", gs, in);
    b.edge(jump.id(), target, backward ? EdgeKind.BACK : EdgeKind.NORMAL);
    return List.of();
  }

  /**
   * The node of label {@code label}, created by the label itself or by the first goto that names
   * it.
   */
  private int labelNode(String label, IASTNode where) {
    Integer id = labels.get(label);
    if (id == null) {
      id = b.add(NodeKind.LABEL, graph.at(where), null, label, label + ":").id();
      labels.put(label, id);
    } else if (where != null) {
      // a forward goto created the node before the label was seen: give it the label's place
      b.relocate(id, graph.at(where), label + ":");
    }
    return id;
  }

  // ---------------------------------------------------------------- expressions and declarations

  /** A statement we do not model: one OPAQUE node showing its text. */
  private List<Pending> opaque(IASTNode s, List<Pending> in) {
    return one(
        graph
            .node(
                NodeKind.OPAQUE, s, new Expr.Opaque(graph.textOf(s, TEXT_MAX), List.of()), null, in)
            .id());
  }

  /**
   * An expression evaluated for its effect, shown as {@code at}. A call that does not return ends
   * the path; an exec call also gets an EXEC_OK edge for the case it succeeds.
   */
  List<Pending> exprStatement(IASTNode at, IASTExpression e, List<Pending> in) {
    if (e == null) {
      return in;
    }
    List<Pending> pre = statementExpressions(e, in);
    Expr x = expressions.expr(e);
    CfgNode n = graph.node(NodeKind.EXPR, at, x, null, pre);
    Expr top = Expr.stripCasts(x);
    if (top instanceof Expr.Binary bin && bin.op() == Expr.BinaryOp.COMMA) {
      top = Expr.stripCasts(bin.right());
    }
    if (top instanceof Expr.Call call && call.calleeName() != null) {
      String callee = call.calleeName();
      Long first = call.args().isEmpty() ? null : Expr.constantValue(call.args().get(0));
      if (knowledge.isNoReturnCall(callee, first) || fileNoReturn.contains(callee)) {
        b.edge(n.id(), b.noReturnExit(), EdgeKind.NORMAL);
        return List.of();
      }
      if (knowledge.is(callee, FunctionClass.EXEC)) {
        b.edge(n.id(), b.noReturnExit(), EdgeKind.EXEC_OK);
      }
    }
    return one(n.id());
  }

  private List<Pending> declaration(IASTDeclaration d, List<Pending> in) {
    if (!(d instanceof IASTSimpleDeclaration sd)) {
      return opaque(d, in);
    }
    IASTDeclSpecifier spec = sd.getDeclSpecifier();
    if (spec.getStorageClass() == IASTDeclSpecifier.sc_typedef) {
      return in;
    }
    List<Pending> cur = in;
    for (IASTDeclarator decl : sd.getDeclarators()) {
      cur = declarator(spec, decl, cur);
    }
    return cur;
  }

  /**
   * One declared variable: a DECL node, with its initializer as an assignment; a local prototype is
   * skipped.
   */
  private List<Pending> declarator(IASTDeclSpecifier spec, IASTDeclarator decl, List<Pending> in) {
    IASTDeclarator inner = Locator.innermost(decl);
    String var = graph.name(inner.getName());
    if (decl instanceof IASTFunctionDeclarator && decl.getNestedDeclarator() == null) {
      return in; // a local prototype declares no storage
    }
    List<Pending> cur = in;
    IASTInitializer init = decl.getInitializer();
    Expr value = null;
    if (init instanceof IASTEqualsInitializer eq) {
      IASTInitializerClause clause = eq.getInitializerClause();
      if (clause instanceof IASTExpression e) {
        cur = statementExpressions(e, cur);
      }
      value = expressions.clause(clause);
    } else if (init != null) {
      value = new Expr.Opaque(graph.textOf(init, TEXT_MAX), List.of());
    }
    Location at = graph.at(inner.getName());
    Expr.Name target = graph.nameExpr(var);
    Expr x =
        value == null
            ? target
            : new Expr.Binary(
                Expr.BinaryOp.ASSIGN, target, value, at, graph.intern(var + " = " + value.text()));
    CfgNode n = graph.node(NodeKind.DECL, decl, x, var, cur);
    boolean isStatic = spec.getStorageClass() == IASTDeclSpecifier.sc_static;
    boolean isExtern = spec.getStorageClass() == IASTDeclSpecifier.sc_extern;
    if (!isExtern) {
      locals.putIfAbsent(
          var,
          new LocalVar(
              var, false, spec.isVolatile(), isStatic, n.id(), FunctionLowering.isPointer(decl)));
    }
    return one(n.id());
  }

  /**
   * Lowers every GNU statement expression inside {@code e} (outermost ones, in order) before {@code
   * e} itself.
   */
  List<Pending> statementExpressions(IASTExpression e, List<Pending> in) {
    List<IGNUASTCompoundStatementExpression> found = new ArrayList<>();
    e.accept(
        new ASTVisitor() {
          {
            shouldVisitExpressions = true;
          }

          @Override
          public int visit(IASTExpression x) {
            if (x instanceof IGNUASTCompoundStatementExpression gse) {
              found.add(gse);
              return PROCESS_SKIP;
            }
            if (x instanceof IASTConditionalExpression ce
                && ce.getPositiveResultExpression() != null) {
              Expr condition = expressions.expr(ce.getLogicalConditionExpression());
              if (ConditionLowering.selectsOneArm(ce, condition)) {
                // only the arm a configuration constant selects exists in this build
                ConditionLowering.selectedArm(ce, condition).accept(this);
                return PROCESS_SKIP;
              }
            }
            return PROCESS_CONTINUE;
          }
        });
    List<Pending> cur = in;
    for (IGNUASTCompoundStatementExpression gse : found) {
      cur = stmt(gse.getCompoundStatement(), cur);
    }
    return cur;
  }
}
