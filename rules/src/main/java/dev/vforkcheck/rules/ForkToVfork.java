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
      String extra =
          a.verdict() == PortAdvice.Verdict.SWAP_SAFE_AFTER_FIXES
              ? " once exit() after the failed exec becomes _exit() (the fix does both)"
              : "";
      out.add(
          new Finding(
              metadata().id(),
              metadata().severity(),
              "this fork() can become vfork()"
                  + extra
                  + ": on every path its child only does vfork-safe work before exec or _exit."
                  + " vfork() works on no-MMU (uClinux) systems, which have no fork(), and skips"
                  + " copying the parent's page tables.",
              s.site().location(),
              List.of(),
              List.of(a.fix()),
              "can become vfork()"));
    }
    return out;
  }
}
