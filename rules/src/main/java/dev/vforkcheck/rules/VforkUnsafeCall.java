package dev.vforkcheck.rules;

import dev.vforkcheck.analysis.ChildCall;
import dev.vforkcheck.analysis.Effect;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.RuleInfo;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.model.Severity;

/** The vfork child calls a function that is not known to be vfork-safe. */
@RuleInfo(
    id = "vfork-unsafe-call",
    summary = "vfork() child calls a function not known to be vfork-safe",
    severity = Severity.WARNING,
    tags = {"vfork", "correctness", "no-mmu"},
    precision = "medium")
public final class VforkUnsafeCall extends ChildCallRule {
  private static final String ADVICE =
      " Between vfork() and exec, call only async-signal-safe functions (dup2, close, setsid,"
          + " sigprocmask, chdir, ...), or move this work into the parent before vfork().";

  @Override
  Effect.Kind helperEffect() {
    return Effect.Kind.UNSAFE_CALL;
  }

  @Override
  String helperTail() {
    return ": it may take locks, use static buffers or allocate in the parent's memory." + ADVICE;
  }

  @Override
  Problem direct(RuleContext context, SiteContext site, ChildCall c) {
    if (c.throughPointer()) {
      return new Problem(
          "calls a function through a pointer (`" + c.call().callee().text() + "`)",
          "; the analysis cannot tell whether it is vfork-safe." + ADVICE);
    }
    String called = "calls " + c.name() + "()";
    FunctionClass cls = c.cls();
    if (cls == null) {
      return new Problem(
          called + ", which is not known to be vfork-safe",
          " (it has no body in the scanned files and is not a known C library function): anything"
              + " it does happens in the parent's memory."
              + ADVICE
              + " If it is safe, pass --assume-safe "
              + c.name()
              + ".");
    }
    return switch (cls) {
      case UNSAFE ->
          new Problem(
              called + ", which is not async-signal-safe",
              " (it may take locks, use static buffers or allocate), so it can deadlock or corrupt"
                  + " the parent's state."
                  + ADVICE);
      case FORK ->
          new Problem(
              called,
              ", which runs fork handlers and copies the parent's memory from inside a process"
                  + " that is borrowing it."
                  + ADVICE);
      case VFORK ->
          new Problem(called + " again", " while still borrowing the parent's memory." + ADVICE);
      case NONLOCAL_JUMP ->
          new Problem(
              called,
              ", which jumps back into a stack frame the parent owns: the child then runs the"
                  + " parent's code on the parent's stack. End the child with _exit().");
      default -> null;
    };
  }
}
