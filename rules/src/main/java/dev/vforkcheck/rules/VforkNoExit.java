package dev.vforkcheck.rules;

import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.analysis.PathEnd;
import dev.vforkcheck.engine.Rule;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.RuleInfo;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Severity;

import java.util.ArrayList;
import java.util.List;

/** A vfork child path leaves the child's code without exec/_exit. */
@RuleInfo(id = "vfork-no-exit",
        summary = "vfork() child leaves its code without exec or _exit",
        severity = Severity.ERROR,
        tags = {"vfork", "correctness", "no-mmu"},
        precision = "high")
public final class VforkNoExit implements Rule {
    @Override
    public List<Finding> check(RuleContext context) {
        List<Finding> out = new ArrayList<>();
        for (SiteContext s : context.sites()) {
            if (s.site().kind() != ForkSite.Kind.VFORK) {
                continue;
            }
            String who = "the " + s.site().callee() + "() child";
            for (PathEnd end : s.region().ends()) {
                String msg = switch (end.kind()) {
                    case LEAVES -> who + " runs on into code the parent also runs (" + end.detail() + ") without"
                            + " calling exec or _exit: it executes the parent's work on the parent's memory while the"
                            + " parent is suspended. End the child's branch with _exit(127) after the exec call.";
                    case LOOPS -> who + " can loop forever here without exec or _exit; the parent stays suspended"
                            + " until the child execs or exits. Make sure every child path reaches exec or _exit.";
                    case UNKNOWN -> s.region().resultTested() ? null
                            : who + " cannot be told apart from the parent: " + end.detail() + ". Test the result"
                            + " (`if (pid == 0) { ...; execv(...); _exit(127); }`).";
                    default -> null;
                };
                if (msg != null) {
                    out.add(new Finding(metadata().id(), metadata().severity(), msg, end.location(), end.steps(),
                            List.of()));
                }
            }
        }
        return out;
    }
}
