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

/** The vfork child calls a function that is not known to be vfork-safe. */
@RuleInfo(id = "vfork-unsafe-call",
        summary = "vfork() child calls a function not known to be vfork-safe",
        severity = Severity.WARNING,
        tags = {"vfork", "correctness", "no-mmu"},
        precision = "medium")
public final class VforkUnsafeCall implements Rule {
    private static final String ADVICE = " Between vfork() and exec, call only async-signal-safe functions (dup2,"
            + " close, setsid, sigprocmask, chdir, ...), or move this work into the parent before vfork().";

    @Override
    public List<Finding> check(RuleContext context) {
        List<Finding> out = new ArrayList<>();
        for (SiteContext s : context.sites()) {
            if (s.site().kind() != ForkSite.Kind.VFORK) {
                continue;
            }
            String who = "the " + s.site().callee() + "() child";
            for (ChildCall c : ChildCall.of(s.region(), s.function(), context.knowledge(), context.summaries(), context.file().path())) {
                if (c.helper() != null) {
                    Effect e = c.reportable(Effect.Kind.UNSAFE_CALL);
                    if (e != null) {
                        out.add(new Finding(metadata().id(), metadata().severity(), who + " calls " + c.viaHelper(e)
                                + c.alsoDoes(Effect.Kind.UNSAFE_CALL)
                                + ": it may take locks, use static buffers or allocate in the parent's memory."
                                + ADVICE, c.call().location(), c.steps(s.region(), e), List.of()));
                    }
                    continue;
                }
                String why = reason(c, who);
                if (why == null) {
                    continue;
                }
                out.add(new Finding(metadata().id(), metadata().severity(), why, c.call().location(),
                        s.region().pathTo(c.node().id()), List.of()));
            }
        }
        return out;
    }

    /** Null when the call is safe or belongs to a more specific rule. */
    private static String reason(ChildCall c, String who) {
        String advice = ADVICE;
        if (c.name() == null) {
            return who + " calls a function through a pointer (`" + c.call().callee().text() + "`); the analysis"
                    + " cannot tell whether it is vfork-safe." + advice;
        }
        FunctionClass cls = c.cls();
        if (cls == null) {
            return who + " calls " + c.name() + "(), which is not known to be vfork-safe (it has no body in the"
                    + " scanned files and is not a known C library function): anything it does happens in the"
                    + " parent's memory." + advice + " If it is safe, pass --assume-safe " + c.name() + ".";
        }
        return switch (cls) {
            case UNSAFE -> who + " calls " + c.name() + "(), which is not async-signal-safe (it may take locks, use"
                    + " static buffers or allocate), so it can deadlock or corrupt the parent's state." + advice;
            case FORK -> who + " calls " + c.name() + "(), which runs fork handlers and copies the parent's memory"
                    + " from inside a process that is borrowing it." + advice;
            case VFORK -> who + " calls " + c.name() + "() again while still borrowing the parent's memory." + advice;
            case NONLOCAL_JUMP -> who + " calls " + c.name() + "(), which jumps back into a stack frame the parent"
                    + " owns: the child then runs the parent's code on the parent's stack. End the child with _exit().";
            default -> null;
        };
    }
}
