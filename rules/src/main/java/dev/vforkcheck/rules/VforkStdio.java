package dev.vforkcheck.rules;

import dev.vforkcheck.analysis.ChildCall;
import dev.vforkcheck.analysis.Effect;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.RuleInfo;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.model.Severity;

/** The vfork child uses buffered stdio. */
@RuleInfo(
    id = "vfork-stdio",
    summary = "vfork() child uses buffered stdio shared with the parent",
    severity = Severity.ERROR,
    tags = {"vfork", "correctness", "no-mmu"},
    precision = "very-high")
public final class VforkStdio extends ChildCallRule {
  @Override
  Effect.Kind helperEffect() {
    return Effect.Kind.STDIO;
  }

  @Override
  String helperTail() {
    return ": stdio shares FILE buffers and locks with the parent, so the output lands in the"
        + " parent's buffers and a lock held at vfork time deadlocks the child. Keep stdio out of"
        + " helpers a vfork child calls (use write(2)).";
  }

  @Override
  Problem direct(RuleContext context, SiteContext site, ChildCall c) {
    if (c.cls() != FunctionClass.STDIO) {
      return null;
    }
    return new Problem(
        "calls " + c.name() + "(), which works on FILE buffers and locks shared with the parent",
        ": the child's output lands in the parent's buffers (and is flushed later by the parent,"
            + " or lost), and a lock held at vfork time deadlocks the child. Write to a file"
            + " descriptor with write(2) instead (for errors: write(2, msg, len) before _exit).");
  }
}
