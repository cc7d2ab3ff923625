package dev.vforkcheck.rules;

import dev.vforkcheck.analysis.ChildCall;
import dev.vforkcheck.analysis.Effect;
import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.analysis.Role;
import dev.vforkcheck.engine.Rule;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.RuleInfo;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Fix;
import dev.vforkcheck.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** A fork child that calls exit() after an exec attempt. */
@RuleInfo(
    id = "fork-child-exit",
    summary = "fork() child calls exit() after a failed exec",
    severity = Severity.WARNING,
    tags = {"fork", "correctness"},
    precision = "high")
public final class ForkChildExit implements Rule {
  @Override
  public List<Finding> check(RuleContext context) {
    List<Finding> out = new ArrayList<>();
    for (SiteContext s : context.sites()) {
      if (s.site().kind() != ForkSite.Kind.FORK) {
        continue;
      }
      for (ChildCall c : s.calls()) {
        Effect viaHelper = c.helperEffect(Effect.Kind.EXIT);
        boolean helperExecsFirst = viaHelper != null && c.helper().mayExec();
        if (!s.region().rolesAt(c.node().id()).contains(Role.CHILD_EXECED) && !helperExecsFirst) {
          continue; // only after an exec attempt: before it, exit() in a fork child is a normal
          // ending
        }
        boolean direct = c.cls() == FunctionClass.EXIT;
        if (!direct && viaHelper == null) {
          continue;
        }
        String what = direct ? c.name() + "()" : c.viaHelper(viaHelper);
        List<Fix> fixes = ExitFix.of(c, context.knowledge()).stream().toList();
        String when =
            direct || s.region().rolesAt(c.node().id()).contains(Role.CHILD_EXECED)
                ? "after the failed exec the fork() child calls " + what
                : "the fork() child calls "
                    + what
                    + ", a helper that tries exec and calls exit() when it fails";
        out.add(
            new Finding(
                metadata().id(),
                metadata().severity(),
                when
                    + ": the child holds a copy of the"
                    + " parent's unflushed stdio buffers, so exit() writes the parent's pending output a second"
                    + " time, and it runs the parent's atexit handlers (removing its temporary files, closing"
                    + " its connections). Use _exit(127) there.",
                c.call().location(),
                c.steps(s.region(), viaHelper),
                fixes));
      }
    }
    return out;
  }
}
