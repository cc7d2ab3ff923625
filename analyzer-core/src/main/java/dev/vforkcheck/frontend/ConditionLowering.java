package dev.vforkcheck.frontend;

import static dev.vforkcheck.frontend.FlowGraph.concat;

import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.EdgeKind;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.NodeKind;
import dev.vforkcheck.frontend.FlowGraph.Pending;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTConditionalExpression;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTExpressionList;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;

/**
 * Lowers the condition of an {@code if}, a loop or a nested {@code ?:} to branch nodes with TRUE
 * and FALSE exits. Short-circuit {@code &&}/{@code ||}, {@code ?:}, {@code !} of those and the
 * comma operator become separate branch nodes, so each test can refine facts on its own edges. A
 * condition that is a constant (a configuration switch such as {@code BB_MMU}) has only the exit it
 * takes.
 */
final class ConditionLowering {

  /** The TRUE and FALSE exits of a lowered condition. */
  record Cond(List<Pending> whenTrue, List<Pending> whenFalse) {}

  private final FlowGraph graph;
  private final ExpressionLowering expressions;
  private final StatementLowering statements;

  ConditionLowering(FlowGraph graph, ExpressionLowering expressions, StatementLowering statements) {
    this.graph = graph;
    this.expressions = expressions;
    this.statements = statements;
  }

  /**
   * True when {@code c ? a : b} has a constant condition (its lowered form {@code condition}): a
   * configuration switch, so only one arm exists in this build. Not for GNU {@code c ?: b}.
   */
  static boolean selectsOneArm(IASTConditionalExpression ce, Expr condition) {
    return ce.getPositiveResultExpression() != null && Expr.constantValue(condition) != null;
  }

  /** The arm a constant condition selects; only when {@link #selectsOneArm} holds. */
  static IASTExpression selectedArm(IASTConditionalExpression ce, Expr condition) {
    return Expr.constantValue(condition) != 0
        ? ce.getPositiveResultExpression()
        : ce.getNegativeResultExpression();
  }

  /** Lowers condition {@code e}, entered from {@code in}. */
  Cond cond(IASTExpression e, List<Pending> in) {
    IASTExpression x = unparen(e);
    if (x instanceof IASTBinaryExpression bin) {
      if (bin.getOperator() == IASTBinaryExpression.op_logicalAnd) {
        return and(bin, in);
      }
      if (bin.getOperator() == IASTBinaryExpression.op_logicalOr) {
        return or(bin, in);
      }
    }
    if (x instanceof IASTUnaryExpression un && un.getOperator() == IASTUnaryExpression.op_not) {
      IASTExpression operand = unparen(un.getOperand());
      if (isShortCircuit(operand)) {
        Cond inner = cond(operand, in);
        return new Cond(/* whenTrue= */ inner.whenFalse(), /* whenFalse= */ inner.whenTrue());
      }
    }
    if (x instanceof IASTConditionalExpression ce && ce.getPositiveResultExpression() != null) {
      return conditional(ce, in);
    }
    if (x instanceof IASTExpressionList list && list.getExpressions().length > 1) {
      return commaList(list, in);
    }
    return branch(x, in);
  }

  /** {@code a && b}: b is tested only when a holds. */
  private Cond and(IASTBinaryExpression bin, List<Pending> in) {
    Cond l = cond(bin.getOperand1(), in);
    Cond r = cond(bin.getOperand2(), l.whenTrue());
    return new Cond(r.whenTrue(), concat(l.whenFalse(), r.whenFalse()));
  }

  /** {@code a || b}: b is tested only when a does not hold. */
  private Cond or(IASTBinaryExpression bin, List<Pending> in) {
    Cond l = cond(bin.getOperand1(), in);
    Cond r = cond(bin.getOperand2(), l.whenFalse());
    return new Cond(concat(l.whenTrue(), r.whenTrue()), r.whenFalse());
  }

  /** {@code c ? a : b} as a condition: test c, then a or b. */
  private Cond conditional(IASTConditionalExpression ce, List<Pending> in) {
    Expr condition = expressions.expr(ce.getLogicalConditionExpression());
    if (selectsOneArm(ce, condition)) {
      // a configuration constant (BB_MMU ? fork() : vfork()): only one arm exists in this build
      return cond(selectedArm(ce, condition), in);
    }
    Cond c = cond(ce.getLogicalConditionExpression(), in);
    Cond t = cond(ce.getPositiveResultExpression(), c.whenTrue());
    Cond f = cond(ce.getNegativeResultExpression(), c.whenFalse());
    return new Cond(concat(t.whenTrue(), f.whenTrue()), concat(t.whenFalse(), f.whenFalse()));
  }

  /** {@code a, b, c}: a and b run as statements, c is the test. */
  private Cond commaList(IASTExpressionList list, List<Pending> in) {
    IASTExpression[] parts = list.getExpressions();
    List<Pending> cur = in;
    for (int i = 0; i < parts.length - 1; i++) {
      cur = statements.exprStatement(parts[i], parts[i], cur);
    }
    return cond(parts[parts.length - 1], cur);
  }

  /** One BRANCH node testing {@code x}; a constant test has only the exit it takes. */
  private Cond branch(IASTExpression x, List<Pending> in) {
    List<Pending> pre = statements.statementExpressions(x, in);
    Expr value = expressions.expr(x);
    CfgNode n = graph.node(NodeKind.BRANCH, x, value, null, pre);
    Long constant = Expr.constantValue(value);
    List<Pending> t =
        constant != null && constant == 0 ? List.of() : List.of(Pending.of(n.id(), EdgeKind.TRUE));
    List<Pending> f =
        constant != null && constant != 0 ? List.of() : List.of(Pending.of(n.id(), EdgeKind.FALSE));
    return new Cond(t, f);
  }

  private static boolean isShortCircuit(IASTExpression e) {
    return e instanceof IASTBinaryExpression bin
        && (bin.getOperator() == IASTBinaryExpression.op_logicalAnd
            || bin.getOperator() == IASTBinaryExpression.op_logicalOr);
  }

  private static IASTExpression unparen(IASTExpression e) {
    IASTExpression x = e;
    while (x instanceof IASTUnaryExpression u
        && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary
        && u.getOperand() != null) {
      x = u.getOperand();
    }
    return x;
  }
}
