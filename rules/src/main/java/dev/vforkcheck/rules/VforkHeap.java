package dev.vforkcheck.rules;

import dev.vforkcheck.analysis.ChildCall;
import dev.vforkcheck.analysis.Effect;
import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.engine.Rule;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.RuleInfo;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Severity;

import java.util.ArrayList;
import java.util.List;

/** The vfork child allocates or frees heap memory. */
@RuleInfo(id = "vfork-heap",
        summary = "vfork() child allocates or frees heap memory shared with the parent",
        severity = Severity.ERROR,
        tags = {"vfork", "correctness", "no-mmu"},
        precision = "very-high")
public final class VforkHeap implements Rule {
    @Override
    public List<Finding> check(RuleContext context) {
        List<Finding> out = new ArrayList<>();
        for (SiteContext s : context.sites()) {
            if (s.site().kind() != ForkSite.Kind.VFORK) {
                continue;
            }
            for (ChildCall c : ChildCall.of(s.region(), s.function(), context.knowledge(), context.summaries(), context.file().path())) {
                Effect viaHelper = c.reportable(Effect.Kind.HEAP);
                if (viaHelper != null) {
                    out.add(new Finding(metadata().id(), metadata().severity(),
                            "the " + s.site().callee() + "() child calls "
                                    + c.viaHelper(viaHelper) + c.alsoDoes(Effect.Kind.HEAP)
                                    + ": the heap and its locks are shared with the parent, so its"
                                    + " allocator state changes behind its back and a lock held at vfork time"
                                    + " deadlocks the child. Allocate in the parent before vfork().",
                            c.call().location(), c.steps(s.region(), viaHelper), List.of()));
                    continue;
                }
                if (c.cls() != FunctionClass.HEAP) {
                    continue;
                }
                out.add(new Finding(metadata().id(), metadata().severity(),
                        "the " + s.site().callee() + "() child calls " + c.name() + "(), which changes the heap it"
                                + " shares with the parent: the parent's allocator state is modified behind its back"
                                + " (leaks, double frees) and a malloc lock held at vfork time deadlocks the child."
                                + " Prepare every buffer and argv array in the parent before calling vfork().",
                        c.call().location(), s.region().pathTo(c.node().id()), List.of()));
            }
        }
        return out;
    }
}
