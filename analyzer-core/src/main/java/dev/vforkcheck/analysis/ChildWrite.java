package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.LocalVar;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.model.Location;

import java.util.ArrayList;
import java.util.List;

/**
 * A store the child of a fork/vfork site can make, classified by whose memory it writes.
 *
 * @param node     the CFG node that makes it
 * @param target   the written lvalue
 * @param location the assignment or increment
 * @param memory   whose memory it is
 * @param root     the variable at the root of the lvalue, or null
 */
public record ChildWrite(CfgNode node, Expr target, Location location, Memory memory, String root) {

    /** Whose memory a store lands in. */
    public enum Memory {
        /** A variable declared inside the child's own code: its own stack slot. */
        CHILD_LOCAL,
        /** The variable that receives the fork result. */
        RESULT,
        /** A local of the enclosing function declared before the fork (the parent's stack frame). */
        PARENT_LOCAL,
        /** Like PARENT_LOCAL, but declared {@code volatile}: the documented way to pass errno back. */
        VOLATILE_LOCAL,
        /** A global or a static variable. */
        GLOBAL,
        /** Memory reached through a pointer: whatever it points to, often the parent's. */
        THROUGH_POINTER
    }

    /** Every store in the child region, in CFG order. */
    public static List<ChildWrite> of(ChildRegion region, FunctionFacts fn) {
        List<ChildWrite> out = new ArrayList<>();
        for (CfgNode node : region.nodes()) {
            if (node.expr() == null) {
                continue;
            }
            Expr root = node.expr();
            boolean declInit = node.kind() == dev.vforkcheck.cfg.NodeKind.DECL;
            Expr.walk(root, e -> {
                Expr target = null;
                Location at = null;
                if (e instanceof Expr.Binary b && b.op().isAssignment()) {
                    if (declInit && b == root) {
                        return; // the initializer of a declaration in the child: its own variable
                    }
                    target = b.left();
                    at = b.location();
                } else if (e instanceof Expr.Unary u && u.op().writes()) {
                    target = u.operand();
                    at = u.location();
                }
                if (target != null) {
                    out.add(classify(region, fn, node, target, at));
                }
            });
        }
        return out;
    }

    private static ChildWrite classify(ChildRegion region, FunctionFacts fn, CfgNode node, Expr target, Location at) {
        Expr t = Expr.stripCasts(target);
        String root = Expr.rootName(t);
        String key = Expr.lvalueKey(t);
        if (key != null && key.equals(region.site().resultKey())) {
            return new ChildWrite(node, target, at, Memory.RESULT, root);
        }
        boolean throughPointer = viaPointer(t);
        if (root == null || throughPointer) {
            return new ChildWrite(node, target, at, Memory.THROUGH_POINTER, root);
        }
        LocalVar local = fn.locals().get(root);
        if (local == null || local.isStatic()) {
            return new ChildWrite(node, target, at, Memory.GLOBAL, root);
        }
        if (!local.parameter() && local.declNode() >= 0 && region.contains(local.declNode())
                && !region.parentAlsoRuns(local.declNode())) {
            return new ChildWrite(node, target, at, Memory.CHILD_LOCAL, root);
        }
        return new ChildWrite(node, target, at, local.isVolatile() ? Memory.VOLATILE_LOCAL : Memory.PARENT_LOCAL, root);
    }

    /** True when the lvalue dereferences a pointer ({@code *p}, {@code p->f}). Array indexing is not counted. */
    private static boolean viaPointer(Expr e) {
        Expr x = Expr.stripCasts(e);
        while (true) {
            if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.DEREF) {
                return true;
            } else if (x instanceof Expr.Member m) {
                if (m.arrow()) {
                    return true;
                }
                x = Expr.stripCasts(m.base());
            } else if (x instanceof Expr.Index i) {
                x = Expr.stripCasts(i.base());
            } else {
                return false;
            }
        }
    }
}
