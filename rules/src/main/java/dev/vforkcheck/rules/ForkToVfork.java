package dev.vforkcheck.rules;

import dev.vforkcheck.engine.Advisor;
import dev.vforkcheck.engine.PortAdvice;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.RuleInfo;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** A fork() whose child could be a vfork child: safe to swap. */
@RuleInfo(
    id = "fork-to-vfork",
    summary = "fork() whose child only does vfork-safe work before exec can become vfork()",
    severity = Severity.NOTE,
    tags = {"fork", "porting", "no-mmu", "performance"},
    precision = "high")
public final class ForkToVfork extends VerdictRule {
  public ForkToVfork(Advisor advisor) {
    super(advisor);
  }

  @Override
  public List<Finding> check(RuleContext context) {
    List<Finding> out = new ArrayList<>();
    for (SiteContext s : context.sites()) {
      PortAdvice a = s.advice();
      if (a == null || !a.verdict().swappable()) {
        continue;
      }
      String why;
      if (!a.blockers().isEmpty()) { // swappable with blockers: problems only on error paths
        Finding first = a.blockers().get(0);
        why =
            " once "
                + (a.blockers().size() == 1
                    ? "the problem on its error path is"
                    : "the " + a.blockers().size() + " problems on its error paths are")
                + " fixed (first: line "
                + first.location().line()
                + ", "
                + first.ruleId()
                + "): on its normal path the child only does vfork-safe work before exec or"
                + " _exit.";
      } else if (a.verdict() == PortAdvice.Verdict.SWAP_SAFE_AFTER_FIXES) {
        why =
            " once exit() on its error paths becomes _exit() (the fix does both): then on every"
                + " path its child only does vfork-safe work before exec or _exit.";
      } else {
        why = ": on every path its child only does vfork-safe work before exec or _exit.";
      }
      out.add(
          new Finding(
              metadata().id(),
              metadata().severity(),
              "this fork() can become vfork()"
                  + why
                  + " vfork() works on no-MMU (uClinux) systems, which have no fork(), and skips"
                  + " copying the parent's page tables.",
              s.site().location(),
              List.of(),
              a.fix() == null ? List.of() : List.of(a.fix()),
              "can become vfork()"));
    }
    return out;
  }
}
