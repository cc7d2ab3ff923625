package dev.vforkcheck.rules;

import dev.vforkcheck.analysis.ChildCall;
import dev.vforkcheck.analysis.Effect;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.RuleInfo;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.model.Fix;
import dev.vforkcheck.model.Severity;
import java.util.List;

/** The vfork child calls exit() or a function that calls it. */
@RuleInfo(
    id = "vfork-exit",
    summary = "vfork() child calls exit() or a function that calls it",
    severity = Severity.ERROR,
    tags = {"vfork", "correctness", "no-mmu"},
    precision = "very-high")
public final class VforkExit extends ChildCallRule {
  @Override
  Effect.Kind helperEffect() {
    return Effect.Kind.EXIT;
  }

  @Override
  String helperTail() {
    return ": exit() runs exit handlers and flushes and closes stdio streams that belong to the"
        + " parent. End the child with _exit() instead, and keep exit() out of helpers a vfork"
        + " child calls.";
  }

  @Override
  Problem direct(RuleContext context, SiteContext site, ChildCall c) {
    if (c.cls() != FunctionClass.EXIT) {
      return null;
    }
    List<Fix> fixes = ExitFix.of(c, context.knowledge()).stream().toList();
    boolean replaceable = !fixes.isEmpty();
    String what =
        replaceable
            ? c.name() + "(),"
            : c.name() + "(), which ends the process the way exit() does,";
    return new Problem(
        "calls "
            + what
            + " which runs exit handlers and flushes and closes stdio streams that belong to the"
            + " parent",
        ": the parent's pending output is written early (into whatever the child redirected) and"
            + " its state is torn down under it. Use _exit() instead"
            + (replaceable ? "" : " (print with write(2) first if a message is needed)")
            + ".",
        fixes);
  }
}
