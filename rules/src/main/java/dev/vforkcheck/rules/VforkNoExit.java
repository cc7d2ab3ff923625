package dev.vforkcheck.rules;

import dev.vforkcheck.analysis.PathEnd;
import dev.vforkcheck.engine.ChildRule;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.RuleInfo;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** A vfork child path leaves the child's code without exec/_exit. */
@RuleInfo(
    id = "vfork-no-exit",
    summary = "vfork() child leaves its code without exec or _exit",
    severity = Severity.ERROR,
    tags = {"vfork", "correctness", "no-mmu"},
    precision = "high")
public final class VforkNoExit implements ChildRule {
  @Override
  public List<Finding> checkChild(RuleContext context, SiteContext s) {
    List<Finding> out = new ArrayList<>();
    String who = "the " + s.site().callee() + "() child";
    for (PathEnd end : s.region().ends()) {
      Problem problem =
          switch (end.kind()) {
            case LEAVES ->
                new Problem(
                    "runs on into code the parent also runs ("
                        + end.detail()
                        + ") without calling exec or _exit",
                    ": it executes the parent's work on the parent's memory while the parent is"
                        + " suspended. End the child's branch with _exit(127) after the exec call.");
            case LOOPS ->
                new Problem(
                    "can loop forever here without exec or _exit",
                    "; the parent stays suspended until the child execs or exits. Make sure every"
                        + " child path reaches exec or _exit.");
            case UNKNOWN ->
                s.region().resultTested()
                    ? null
                    : new Problem(
                        "cannot be told apart from the parent",
                        ": "
                            + end.detail()
                            + ". Test the result (`if (pid == 0) { ...; execv(...); _exit(127); }`).");
            default -> null;
          };
      if (problem != null) {
        out.add(
            problem.finding(
                metadata(), who, end.location(), end.steps(), s.region().onErrorPath(end.node())));
      }
    }
    return out;
  }
}
