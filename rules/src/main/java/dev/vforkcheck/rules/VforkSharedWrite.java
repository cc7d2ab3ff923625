package dev.vforkcheck.rules;

import dev.vforkcheck.analysis.ChildCall;
import dev.vforkcheck.analysis.ChildWrite;
import dev.vforkcheck.analysis.Effect;
import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.engine.Rule;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.RuleInfo;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Severity;

import java.util.ArrayList;
import java.util.List;

/** The vfork child writes memory the parent sees. */
@RuleInfo(id = "vfork-shared-write",
        summary = "vfork() child writes memory the parent sees",
        severity = Severity.WARNING,
        tags = {"vfork", "correctness", "no-mmu"},
        precision = "high")
public final class VforkSharedWrite implements Rule {
    /** True when some argument of the call is a pointer or array the child did not create itself. */
    private static boolean passesParentPointer(ChildCall c, SiteContext s) {
        for (var arg : c.call().args()) {
            String root = dev.vforkcheck.cfg.Expr.rootName(arg);
            if (root == null) {
                if (arg instanceof dev.vforkcheck.cfg.Expr.Unary u && u.op() == dev.vforkcheck.cfg.Expr.UnaryOp.ADDRESS_OF) {
                    return true;
                }
                continue;
            }
            var local = s.function().locals().get(root);
            boolean childOwned = local != null && !local.parameter() && local.declNode() >= 0
                    && s.region().childCode(local.declNode());
            if (!childOwned) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<Finding> check(RuleContext context) {
        List<Finding> out = new ArrayList<>();
        for (SiteContext s : context.sites()) {
            if (s.site().kind() != ForkSite.Kind.VFORK) {
                continue;
            }
            String who = "the " + s.site().callee() + "() child";
            for (ChildCall c : ChildCall.of(s.region(), s.function(), context.knowledge(), context.summaries(), context.file().path())) {
                Effect e = c.helperEffect(Effect.Kind.GLOBAL_WRITE);
                if (e == null && passesParentPointer(c, s)) {
                    e = c.helperEffect(Effect.Kind.POINTER_WRITE);
                }
                if (e != null) {
                    out.add(new Finding(metadata().id(), metadata().severity(), who + " calls " + c.viaHelper(e)
                            + ": the child shares the parent's memory, so the parent sees the change when it"
                            + " resumes. Keep such writes out of helpers a vfork child calls.",
                            c.call().location(), c.steps(s.region(), e), List.of()));
                }
            }
            for (ChildWrite w : ChildWrite.of(s.region(), s.function(), context.knowledge())) {
                String target = w.target().text();
                String msg;
                Severity severity = metadata().severity();
                switch (w.memory()) {
                    case GLOBAL -> msg = who + " writes `" + target + "`, a global or static variable: the child"
                            + " shares the parent's memory, so the parent sees the change when it resumes."
                            + " Compute it in the parent, or pass the value to the new program another way.";
                    case PARENT_LOCAL -> msg = who + " writes `" + target + "`, a local variable of "
                            + s.function().name() + "() that lives in the parent's stack frame: the parent may see the"
                            + " new value or, if the compiler kept the variable in a register, not. Declare a"
                            + " variable inside the child's block, or make it volatile if it is meant to carry a"
                            + " result back.";
                    case THROUGH_POINTER -> msg = who + " writes `" + target + "` through a pointer: the memory it"
                            + " points to is the parent's. Prepare the data in the parent before vfork().";
                    case VOLATILE_LOCAL -> {
                        severity = Severity.NOTE;
                        msg = who + " writes `" + target + "`, a volatile local of the parent: this is the known"
                                + " idiom for passing errno back from a failed exec, and works because vfork shares"
                                + " memory; make sure the parent reads it only after vfork() returns.";
                    }
                    default -> {
                        continue;
                    }
                }
                out.add(new Finding(metadata().id(), severity, msg, w.location(),
                        s.region().pathTo(w.node().id()), List.of()));
            }
        }
        return out;
    }
}
