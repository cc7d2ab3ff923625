package dev.vforkcheck.rules;

import dev.vforkcheck.analysis.ChildCall;
import dev.vforkcheck.analysis.EndKind;
import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.analysis.Role;
import dev.vforkcheck.analysis.Summary;
import dev.vforkcheck.engine.Rule;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Fix;
import dev.vforkcheck.model.TextEdit;

import java.util.ArrayList;
import java.util.List;

/**
 * The fork→vfork porting verdict of one site, shared by the {@code fork-to-vfork} and
 * {@code fork-no-exec} rules and the {@code port} command. It asks the vfork rules themselves
 * whether the child would be correct as a vfork child, so the advice and the vfork checks can
 * never disagree. Not a rule itself; it lives with the rules it composes.
 */
public final class PortAdvisor {

    /** What a porter should do with a site. */
    public enum Verdict {
        VFORK_ALREADY("vfork already"),
        SWAP_SAFE("swap-safe"),
        SWAP_SAFE_AFTER_FIXES("swap-safe after fixes"),
        NEEDS_RESTRUCTURING("needs restructuring");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A site's verdict.
     *
     * @param verdict  what to do
     * @param reason   why, in a sentence
     * @param neverExecs the child never calls exec (fork-no-exec)
     * @param fix      the edits that make the swap (SWAP_SAFE and SWAP_SAFE_AFTER_FIXES), else null
     * @param blockers the vfork findings the child would have (why it needs restructuring)
     */
    public record Advice(SiteContext site, Verdict verdict, String reason, boolean neverExecs, Fix fix,
                         List<Finding> blockers) {
        public Advice {
            blockers = List.copyOf(blockers);
        }
    }

    private final List<Rule> vforkRules;

    public PortAdvisor(List<Rule> vforkRules) {
        this.vforkRules = List.copyOf(vforkRules);
    }

    public List<Advice> advise(RuleContext context) {
        List<Advice> out = new ArrayList<>();
        for (SiteContext s : context.sites()) {
            out.add(advise(context, s));
        }
        return out;
    }

    public Advice advise(RuleContext context, SiteContext s) {
        ForkSite site = s.site();
        if (site.kind() == ForkSite.Kind.VFORK) {
            List<Finding> problems = run(context, s);
            return new Advice(s, Verdict.VFORK_ALREADY, problems.isEmpty() ? "already vfork(); its child is clean"
                    : "already vfork(); its child has " + problems.size() + " problem(s) reported by the vfork rules",
                    false, null, problems);
        }
        Summary self = context.summaries().resolve(context.file().path(), site.function());
        if (self != null && self.forkWrapper() != null) {
            return new Advice(s, Verdict.NEEDS_RESTRUCTURING, site.function() + "() is a fork wrapper (its child returns"
                    + " the result); the sites that call it are judged instead", false, null, List.of());
        }
        boolean execs = childMayExec(context, s);
        if (!execs) {
            return new Advice(s, Verdict.NEEDS_RESTRUCTURING, "the child never calls exec: it runs the program's own"
                    + " code, which a vfork child cannot do", true, null, List.of());
        }
        if (!site.callee().equals("fork")) {
            return new Advice(s, Verdict.NEEDS_RESTRUCTURING, "the fork happens inside " + site.callee()
                    + "(); call vfork() directly here instead (a vfork wrapper function is undefined behavior)", false,
                    null, List.of());
        }
        ForkSite asVfork = new ForkSite(ForkSite.Kind.VFORK, site.function(), site.location(), site.node(), site.call(),
                site.resultKey(), "vfork");
        SiteContext hypothetical = new SiteContext(s.function(), asVfork, s.region());
        List<Finding> problems = run(context, hypothetical);
        List<TextEdit> edits = new ArrayList<>();
        edits.add(new TextEdit(site.call().nameLocation(), "vfork"));
        List<Finding> blockers = new ArrayList<>();
        for (Finding f : problems) {
            TextEdit exitFix = exitAfterFailedExec(f, s);
            if (exitFix != null) {
                edits.add(exitFix);
            } else {
                // even a note blocks: a volatile write that is private in a fork child would reach the parent
                blockers.add(f);
            }
        }
        ChildCall wait = firstWait(context, s);
        if (wait != null) {
            return new Advice(s, Verdict.NEEDS_RESTRUCTURING, "the child waits in " + wait.name() + "() at line "
                    + wait.call().location().line() + ": a vfork parent stays suspended until the child execs, so the"
                    + " child must not wait for anything the parent does", false, null, blockers);
        }
        if (!blockers.isEmpty()) {
            Finding first = blockers.get(0);
            String more = blockers.size() > 1 ? " and " + (blockers.size() - 1) + " more" : "";
            return new Advice(s, Verdict.NEEDS_RESTRUCTURING, "as a vfork child it would break " + first.ruleId()
                    + " at line " + first.location().line() + more + ": " + shortMessage(first), false, null, blockers);
        }
        boolean fixes = edits.size() > 1;
        Fix fix = new Fix(fixes ? "replace fork() with vfork() and exit() with _exit() after the failed exec"
                : "replace fork() with vfork()", edits);
        return new Advice(s, fixes ? Verdict.SWAP_SAFE_AFTER_FIXES : Verdict.SWAP_SAFE, fixes
                ? "the child only does vfork-safe work once exit() after the failed exec becomes _exit()"
                : "the child only does vfork-safe work before exec/_exit on every path", false, fix, List.of());
    }

    /** The first clause of a finding's message, without the "the vfork() child" subject. */
    private static String shortMessage(Finding f) {
        String m = f.message().replaceFirst("^the vfork\\(\\) child ", "");
        int colon = m.indexOf(": ");
        return colon > 0 ? m.substring(0, colon) : m;
    }

    private List<Finding> run(RuleContext context, SiteContext s) {
        RuleContext one = new RuleContext(context.file(), List.of(s), context.knowledge(), context.summaries());
        List<Finding> out = new ArrayList<>();
        for (Rule r : vforkRules) {
            out.addAll(r.check(one));
        }
        out.sort(Finding.ORDER);
        return out;
    }

    /** The exit()-to-_exit() edit when a vfork-exit finding is a direct exit() right after a failed exec. */
    private static TextEdit exitAfterFailedExec(Finding f, SiteContext s) {
        if (!f.ruleId().equals("vfork-exit") || f.fixes().isEmpty()) {
            return null;
        }
        for (var node : s.region().nodes()) {
            if (node.expr() == null || dev.vforkcheck.cfg.Expr.calls(node.expr()).stream()
                    .noneMatch(c -> c.location().equals(f.location()))) {
                continue;
            }
            var roles = s.region().rolesAt(node.id());
            return roles.contains(Role.CHILD_EXECED) && !roles.contains(Role.CHILD) ? f.fixes().get(0).edits().get(0)
                    : null;
        }
        return null;
    }

    /** The first call in the child that waits for another process to act, or null. */
    private static ChildCall firstWait(RuleContext context, SiteContext s) {
        for (ChildCall c : ChildCall.of(s.region(), s.function(), context.knowledge(), context.summaries(),
                context.file().path())) {
            if (context.knowledge().waitsForOthers(c.name())) {
                return c;
            }
        }
        return null;
    }

    /**
     * True when some child path calls exec (directly or in a helper that may exec), or calls through
     * a function pointer (dropbear's {@code exec_fn(exec_data)}), which might exec. Functions with no
     * body in the tree are library code and taken not to exec.
     */
    static boolean childMayExec(RuleContext context, SiteContext s) {
        if (s.region().endKinds().contains(EndKind.EXEC_EXIT)) {
            return true;
        }
        for (ChildCall c : ChildCall.of(s.region(), s.function(), context.knowledge(), context.summaries(),
                context.file().path())) {
            if (c.cls() == FunctionClass.EXEC || c.name() == null) {
                return true;
            }
            Summary h = c.helper();
            if (h != null && (h.mayExec() || h.effects().stream().anyMatch(e ->
                    e.kind() == dev.vforkcheck.analysis.Effect.Kind.UNKNOWN_CALL && e.name().equals("a function pointer")))) {
                return true;
            }
        }
        return false;
    }
}
