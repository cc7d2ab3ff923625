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
import dev.vforkcheck.model.Fix;
import dev.vforkcheck.model.Severity;
import dev.vforkcheck.model.TextEdit;

import java.util.ArrayList;
import java.util.List;

/** The vfork child calls exit() or a function that calls it. */
@RuleInfo(id = "vfork-exit",
        summary = "vfork() child calls exit() or a function that calls it",
        severity = Severity.ERROR,
        tags = {"vfork", "correctness", "no-mmu"},
        precision = "very-high")
public final class VforkExit implements Rule {
    @Override
    public List<Finding> check(RuleContext context) {
        List<Finding> out = new ArrayList<>();
        for (SiteContext s : context.sites()) {
            if (s.site().kind() != ForkSite.Kind.VFORK) {
                continue;
            }
            for (ChildCall c : ChildCall.of(s.region(), s.function(), context.knowledge(), context.summaries(), context.file().path())) {
                Effect viaHelper = c.reportable(Effect.Kind.EXIT);
                if (viaHelper != null) {
                    out.add(new Finding(metadata().id(), metadata().severity(),
                            "the " + s.site().callee() + "() child calls "
                                    + c.viaHelper(viaHelper) + c.alsoDoes(Effect.Kind.EXIT) + ": exit() runs"
                                    + " exit handlers and flushes and closes stdio streams that belong to the parent."
                                    + " End the child with _exit() instead, and keep exit() out of helpers a vfork"
                                    + " child calls.",
                            c.call().location(), c.steps(s.region(), viaHelper), List.of()));
                    continue;
                }
                if (c.cls() != FunctionClass.EXIT) {
                    continue;
                }
                boolean plainExit = c.name().equals("exit");
                String what = plainExit ? "exit()," : c.name() + "(), which ends the process the way exit() does,";
                List<Fix> fixes = plainExit
                        ? List.of(new Fix("replace exit() with _exit()",
                        List.of(new TextEdit(c.call().nameLocation(), "_exit"))))
                        : List.of();
                out.add(new Finding(metadata().id(), metadata().severity(),
                        "the " + s.site().callee() + "() child calls " + what + " which runs exit handlers and"
                                + " flushes and closes stdio streams that belong to the parent: the parent's pending"
                                + " output is written early (into whatever the child redirected) and its state is torn"
                                + " down under it. Use _exit() instead"
                                + (plainExit ? "" : " (print with write(2) first if a message is needed)") + ".",
                        c.call().location(), s.region().pathTo(c.node().id()), fixes));
            }
        }
        return out;
    }
}
