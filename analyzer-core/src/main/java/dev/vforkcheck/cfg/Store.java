package dev.vforkcheck.cfg;

import dev.vforkcheck.model.Location;
import java.util.ArrayList;
import java.util.List;

/**
 * One place where a CFG node may write memory. Every analysis that asks "what does this statement
 * write?" (the child-region facts, the shared-write rule, the function summaries) reads the stores
 * found here, so they never disagree about what counts as a write.
 *
 * @param target the written lvalue as written in the source
 * @param location the assignment, increment or address-of expression
 * @param kind how it is written
 * @param value the assigned value for {@link Kind#ASSIGN} and {@link Kind#INITIALIZER}, else null
 */
public record Store(Expr target, Location location, Kind kind, Expr value) {

  /** How a store writes its target. */
  public enum Kind {
    /** {@code x = v}. */
    ASSIGN,
    /** {@code x += v}, {@code x |= v}, ... */
    COMPOUND,
    /** {@code ++x}, {@code x++}: the value steps up by one. */
    INCREMENT,
    /** {@code --x}, {@code x--}: the value steps down by one. */
    DECREMENT,
    /** {@code &x} handed to someone who may write through it. */
    ADDRESS_TAKEN,
    /** The initializer of the node's own declaration ({@code int x = v;}). */
    INITIALIZER;

    /**
     * True for the stores that surely change the value (not an address that may be written
     * through).
     */
    public boolean certain() {
      return this != ADDRESS_TAKEN;
    }
  }

  /** Every store a node makes, in evaluation-tree order (outermost first). */
  public static List<Store> of(CfgNode node) {
    List<Store> out = new ArrayList<>();
    Expr root = node.expr();
    if (root == null) {
      return out;
    }
    boolean declaration = node.kind() == NodeKind.DECL;
    Expr.walk(
        root,
        e -> {
          if (e instanceof Expr.Binary b && b.op().isAssignment()) {
            Kind k =
                declaration && b == root
                    ? Kind.INITIALIZER
                    : b.op() == Expr.BinaryOp.ASSIGN ? Kind.ASSIGN : Kind.COMPOUND;
            out.add(new Store(b.left(), b.location(), k, k == Kind.COMPOUND ? null : b.right()));
          } else if (e instanceof Expr.Unary u && u.op().writes()) {
            boolean up = u.op() == Expr.UnaryOp.PRE_INC || u.op() == Expr.UnaryOp.POST_INC;
            out.add(
                new Store(u.operand(), u.location(), up ? Kind.INCREMENT : Kind.DECREMENT, null));
          } else if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS_OF) {
            out.add(new Store(u.operand(), u.location(), Kind.ADDRESS_TAKEN, null));
          }
        });
    return out;
  }

  /** The lvalue key of the target ({@code job->pid}), or null when it is not a plain lvalue. */
  public String key() {
    return Expr.lvalueKey(target);
  }
}
