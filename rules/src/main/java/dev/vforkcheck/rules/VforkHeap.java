package dev.vforkcheck.rules;

import dev.vforkcheck.analysis.ChildCall;
import dev.vforkcheck.analysis.Effect;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.RuleInfo;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.model.Severity;

/** The vfork child allocates or frees heap memory. */
@RuleInfo(
    id = "vfork-heap",
    summary = "vfork() child allocates or frees heap memory shared with the parent",
    severity = Severity.ERROR,
    tags = {"vfork", "correctness", "no-mmu"},
    precision = "very-high")
public final class VforkHeap extends ChildCallRule {
  @Override
  Effect.Kind helperEffect() {
    return Effect.Kind.HEAP;
  }

  @Override
  String helperTail() {
    return ": the heap and its locks are shared with the parent, so its allocator state changes"
        + " behind its back and a lock held at vfork time deadlocks the child. Allocate in the"
        + " parent before vfork().";
  }

  @Override
  Problem direct(RuleContext context, SiteContext site, ChildCall c) {
    if (c.cls() != FunctionClass.HEAP) {
      return null;
    }
    return new Problem(
        "calls " + c.name() + "(), which changes the heap it shares with the parent",
        ": the parent's allocator state is modified behind its back (leaks, double frees) and a"
            + " malloc lock held at vfork time deadlocks the child. Prepare every buffer and argv"
            + " array in the parent before calling vfork().");
  }
}
