package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.Expr;

/**
 * A condition read as a test of one value against a constant: {@code s op c}, {@code c op s}
 * (turned around), {@code !t} (negated) and a bare {@code s} ({@code s != 0}). Every analysis that
 * asks "is this branch taken when the value lies in this range?" parses conditions here.
 *
 * @param subject the tested expression
 * @param op the comparison, with the subject on the left
 * @param constant the constant it is compared with
 * @param negated the whole test sits under a {@code !}
 */
public record ValueTest(Expr subject, Expr.BinaryOp op, long constant, boolean negated) {

  /**
   * The test a condition makes, or null when it is not a comparison with a constant or a bare
   * value.
   */
  public static ValueTest of(Expr cond) {
    Expr x = Expr.stripCasts(cond);
    if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
      ValueTest inner = of(u.operand());
      return inner == null
          ? null
          : new ValueTest(inner.subject, inner.op, inner.constant, !inner.negated);
    }
    if (x instanceof Expr.Binary b && b.op().isComparison()) {
      Long right = Expr.constantValue(b.right());
      if (right != null) {
        return new ValueTest(b.left(), b.op(), right, false);
      }
      Long left = Expr.constantValue(b.left());
      return left == null ? null : new ValueTest(b.right(), flip(b.op()), left, false);
    }
    return new ValueTest(x, Expr.BinaryOp.NE, 0, false);
  }

  /**
   * Whether the condition holds for every value in [lo, hi] (TRUE), for none (FALSE), or it depends
   * (null).
   */
  public Boolean over(long lo, long hi) {
    Boolean r =
        switch (op) {
          case EQ -> decide(lo == constant && hi == constant, constant < lo || constant > hi);
          case NE -> decide(constant < lo || constant > hi, lo == constant && hi == constant);
          case LT -> decide(hi < constant, lo >= constant);
          case LE -> decide(hi <= constant, lo > constant);
          case GT -> decide(lo > constant, hi <= constant);
          case GE -> decide(lo >= constant, hi < constant);
          default -> null;
        };
    return (r == null || !negated) ? r : Boolean.valueOf(!r);
  }

  private static Boolean decide(boolean always, boolean never) {
    return always ? Boolean.TRUE : never ? Boolean.FALSE : null;
  }

  private static Expr.BinaryOp flip(Expr.BinaryOp op) {
    return switch (op) {
      case LT -> Expr.BinaryOp.GT;
      case GT -> Expr.BinaryOp.LT;
      case LE -> Expr.BinaryOp.GE;
      case GE -> Expr.BinaryOp.LE;
      default -> op;
    };
  }
}
