package dev.vforkcheck.rules;

import dev.vforkcheck.analysis.ChildCall;
import dev.vforkcheck.analysis.ChildWrite;
import dev.vforkcheck.analysis.Effect;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.LocalVar;
import dev.vforkcheck.engine.ChildRule;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.RuleInfo;
import dev.vforkcheck.engine.RuleMetadata;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** The vfork child writes memory the parent sees. */
@RuleInfo(
    id = "vfork-shared-write",
    summary = "vfork() child writes memory the parent sees",
    severity = Severity.WARNING,
    tags = {"vfork", "correctness", "no-mmu"},
    precision = "high")
public final class VforkSharedWrite implements ChildRule {
  @Override
  public List<Finding> checkChild(RuleContext context, SiteContext s) {
    List<Finding> out = new ArrayList<>();
    String who = "the " + s.site().callee() + "() child";
    for (ChildCall c : s.calls()) {
      Effect e = c.helperEffect(Effect.Kind.GLOBAL_WRITE);
      if (e == null && passesParentPointer(c, s)) {
        e = c.helperEffect(Effect.Kind.POINTER_WRITE);
      }
      if (e != null) {
        out.add(
            new Problem(
                    "calls " + c.viaHelper(e),
                    ": the child shares the parent's memory, so the parent sees the change when it"
                        + " resumes. Keep such writes out of helpers a vfork child calls.")
                .finding(
                    metadata(),
                    who,
                    c.call().location(),
                    c.steps(s.region(), e),
                    c.onErrorPath(s.region(), e)));
      }
    }
    for (ChildWrite w : s.writes()) {
      Problem p = problem(w, s);
      if (p == null) {
        continue;
      }
      RuleMetadata rule = metadata();
      if (w.memory() == ChildWrite.Memory.VOLATILE_LOCAL
          || w.memory() == ChildWrite.Memory.UNREAD_PARENT_LOCAL) {
        rule = rule.withSeverity(Severity.NOTE);
      }
      out.add(
          p.finding(
              rule,
              who,
              w.location(),
              s.region().pathTo(w.node().id()),
              s.region().onErrorPath(w.node().id())));
    }
    return out;
  }

  private static Problem problem(ChildWrite w, SiteContext s) {
    String target = "`" + w.target().text() + "`";
    return switch (w.memory()) {
      case GLOBAL ->
          new Problem(
              "writes " + target + ", a global or static variable",
              ": the child shares the parent's memory, so the parent sees the change when it"
                  + " resumes. Compute it in the parent, or pass the value to the new program"
                  + " another way.");
      case PARENT_LOCAL ->
          new Problem(
              "writes "
                  + target
                  + ", a local variable of "
                  + s.function().name()
                  + "() that lives in the parent's stack frame",
              ": the parent may see the new value or, if the compiler kept the variable in a"
                  + " register, not. Declare a variable inside the child's block, or make it"
                  + " volatile if it is meant to carry a result back.");
      case UNREAD_PARENT_LOCAL ->
          new Problem(
              "writes "
                  + target
                  + ", a local variable of "
                  + s.function().name()
                  + "() that lives in the parent's stack frame and that the parent does not read"
                  + " after vfork() returns",
              ": the parent does not see the child's value, but the compiler may keep another of"
                  + " the parent's variables in the same stack slot, and a later change to the"
                  + " parent's code can read it. Declare the variable inside the child's block.");
      case THROUGH_POINTER ->
          new Problem(
              "writes " + target + " through a pointer",
              ": the memory it points to is the parent's. Prepare the data in the parent before"
                  + " vfork().");
      case VOLATILE_LOCAL ->
          new Problem(
              "writes " + target + ", a volatile local of the parent",
              ": this is the known idiom for passing errno back from a failed exec, and works"
                  + " because vfork shares memory; make sure the parent reads it only after"
                  + " vfork() returns.");
      default -> null;
    };
  }

  /** True when some argument of the call is a pointer or array the child did not create itself. */
  private static boolean passesParentPointer(ChildCall c, SiteContext s) {
    for (Expr arg : c.call().args()) {
      String root = Expr.rootName(arg);
      if (root == null) {
        if (arg instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS_OF) {
          return true;
        }
        continue;
      }
      LocalVar local = s.function().locals().get(root);
      boolean childOwned =
          local != null
              && !local.parameter()
              && local.declNode() >= 0
              && s.region().childCode(local.declNode());
      if (!childOwned) {
        return true;
      }
    }
    return false;
  }
}
