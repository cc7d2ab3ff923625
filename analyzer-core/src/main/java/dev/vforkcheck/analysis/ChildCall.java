package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.knowledge.FunctionClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A call the child of a fork/vfork site can make.
 *
 * @param node  the CFG node that makes it
 * @param call  the call expression
 * @param name  the called function's name, or null for a call through a pointer
 * @param cls   what the knowledge base says about the function, or null when it is not a known libc function
 */
public record ChildCall(CfgNode node, Expr.Call call, String name, FunctionClass cls) {

    public Optional<FunctionClass> knownClass() {
        return Optional.ofNullable(cls);
    }

    /** Every call in the child region, in CFG order, outermost call of a node first. */
    public static List<ChildCall> of(ChildRegion region, dev.vforkcheck.knowledge.KnowledgeBase knowledge) {
        List<ChildCall> out = new ArrayList<>();
        for (CfgNode node : region.nodes()) {
            if (node.expr() == null) {
                continue;
            }
            for (Expr.Call call : Expr.calls(node.expr())) {
                String name = call.calleeName();
                Long first = call.args().isEmpty() ? null : Expr.constantValue(call.args().get(0));
                out.add(new ChildCall(node, call, name,
                        name == null ? null : knowledge.classifyCall(name, first).orElse(null)));
            }
        }
        return out;
    }
}
