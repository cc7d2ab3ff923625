package dev.vforkcheck.rules;

import dev.vforkcheck.analysis.EndKind;
import dev.vforkcheck.analysis.PathEnd;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.NodeKind;
import dev.vforkcheck.engine.ChildRule;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.RuleInfo;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** A vfork child path returns from the function that called vfork(). */
@RuleInfo(
    id = "vfork-return",
    summary = "vfork() child returns from the function that called vfork()",
    severity = Severity.ERROR,
    tags = {"vfork", "correctness", "no-mmu"},
    precision = "very-high")
public final class VforkReturn implements ChildRule {
  @Override
  public List<Finding> checkChild(RuleContext context, SiteContext s) {
    List<Finding> out = new ArrayList<>();
    for (PathEnd end : s.region().ends()) {
      if (end.kind() != EndKind.RETURN) {
        continue;
      }
      CfgNode node = s.region().cfg().node(end.node());
      String fn = s.function().name();
      String how =
          node.kind() == NodeKind.RETURN
              ? "returns from " + fn + "()"
              : "falls off the end of " + fn + "()";
      String extra =
          s.function().isMain()
              ? " Returning from main() also runs exit(): atexit handlers and stdio flushing on the"
                  + " parent's memory."
              : "";
      out.add(
          new Problem(
                  how,
                  ": the child is still running on the parent's stack, so returning pops and"
                      + " reuses the frame the parent will resume in, and the parent comes back to"
                      + " a corrupted stack."
                      + extra
                      + " End every child path with exec*() and then _exit(127).")
              .finding(
                  metadata(),
                  "the " + s.site().callee() + "() child",
                  end.location(),
                  end.steps(),
                  s.region().onErrorPath(end.node())));
    }
    return out;
  }
}
