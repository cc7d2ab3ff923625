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

/** The vfork child uses buffered stdio. */
@RuleInfo(id = "vfork-stdio",
        summary = "vfork() child uses buffered stdio shared with the parent",
        severity = Severity.ERROR,
        tags = {"vfork", "correctness", "no-mmu"},
        precision = "very-high")
public final class VforkStdio implements Rule {
    @Override
    public List<Finding> check(RuleContext context) {
        List<Finding> out = new ArrayList<>();
        for (SiteContext s : context.sites()) {
            if (s.site().kind() != ForkSite.Kind.VFORK) {
                continue;
            }
            for (ChildCall c : ChildCall.of(s.region(), s.function(), context.knowledge(), context.summaries(), context.file().path())) {
                Effect viaHelper = c.reportable(Effect.Kind.STDIO);
                if (viaHelper != null) {
                    out.add(new Finding(metadata().id(), metadata().severity(),
                            "the " + s.site().callee() + "() child calls "
                                    + c.viaHelper(viaHelper) + c.alsoDoes(Effect.Kind.STDIO)
                                    + ": stdio shares FILE buffers and locks with the parent, so the"
                                    + " output lands in the parent's buffers and a lock held at vfork time deadlocks"
                                    + " the child. Keep stdio out of helpers a vfork child calls (use write(2)).",
                            c.call().location(), c.steps(s.region(), viaHelper), List.of()));
                    continue;
                }
                if (c.cls() != FunctionClass.STDIO) {
                    continue;
                }
                out.add(new Finding(metadata().id(), metadata().severity(),
                        "the " + s.site().callee() + "() child calls " + c.name() + "(), which works on FILE buffers"
                                + " and locks shared with the parent: the child's output lands in the parent's buffers"
                                + " (and is flushed later by the parent, or lost), and a lock held at vfork time"
                                + " deadlocks the child. Write to a file descriptor with"
                                + " write(2) instead (for errors: write(2, msg, len) before _exit).",
                        c.call().location(), s.region().pathTo(c.node().id()), List.of()));
            }
        }
        return out;
    }
}
