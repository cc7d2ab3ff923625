package dev.vforkcheck.rules;

import dev.vforkcheck.analysis.ChildCall;
import dev.vforkcheck.analysis.Effect;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.Store;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.RuleInfo;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Severity;

/** vfork() child installs a signal handler that would run on the parent's memory. */
@RuleInfo(
    id = "vfork-signal-handler",
    summary = "vfork() child installs a signal handler that would run on the parent's memory",
    severity = Severity.WARNING,
    tags = {"vfork", "correctness", "no-mmu"},
    precision = "high")
public final class VforkSignalHandler extends ChildCallRule {
  @Override
  Effect.Kind helperEffect() {
    return null; // helpers are not summarized for the handlers they install
  }

  @Override
  String helperTail() {
    return "";
  }

  @Override
  Problem direct(RuleContext context, SiteContext site, ChildCall c) {
    KnowledgeBase kb = context.knowledge();
    KnowledgeBase.HandlerArgument h = kb.signalHandlerArgument(c.name()).orElse(null);
    if (h == null || h.index() >= c.call().args().size()) {
      return null;
    }
    Expr arg = c.call().args().get(h.index());
    String handler =
        switch (h.form()) {
          case FUNCTION -> handlerFunction(arg, site, kb);
          case SIGACTION -> sigactionHandler(arg, site, kb);
        };
    if (handler == null) {
      return null;
    }
    return new Problem(
        "installs `" + handler + "` as a signal handler with " + c.name() + "()",
        ": the child's dispositions are its own, but until exec replaces the program a signal"
            + " delivered to it runs that handler on the parent's stack and memory while the parent"
            + " is suspended. Install handlers in the parent; in the child only reset dispositions"
            + " to SIG_DFL (or SIG_IGN) and set the signal mask with sigprocmask(), which exec"
            + " keeps.");
  }

  /**
   * The function a handler argument names ({@code on_chld}, {@code &on_chld}), or null for a
   * disposition ({@code SIG_DFL}, {@code SIG_IGN}, a constant) or a pointer variable whose value is
   * not known here.
   */
  private static String handlerFunction(Expr e, SiteContext site, KnowledgeBase kb) {
    Expr x = Expr.stripCasts(e);
    if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS_OF) {
      x = Expr.stripCasts(u.operand());
    }
    if (!(x instanceof Expr.Name n) || Expr.constantValue(x) != null) {
      return null;
    }
    if (kb.isSignalDisposition(n.id()) || site.function().locals().containsKey(n.id())) {
      return null;
    }
    return n.id();
  }

  /**
   * The handler a {@code struct sigaction} argument carries: a function stored into its handler
   * field ({@code sa.sa_handler = on_term;}) anywhere in the function, or null when none is seen
   * (the struct only resets dispositions, or is filled elsewhere).
   */
  private static String sigactionHandler(Expr arg, SiteContext site, KnowledgeBase kb) {
    Expr x = Expr.stripCasts(arg);
    if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS_OF) {
      x = u.operand();
    }
    String struct = Expr.rootName(x);
    if (struct == null || Expr.constantValue(arg) != null) {
      return null;
    }
    for (CfgNode node : site.function().cfg().nodes()) {
      for (Store s : Store.of(node)) {
        if (s.value() != null
            && Expr.stripCasts(s.target()) instanceof Expr.Member m
            && kb.isSigactionHandlerField(m.field())
            && struct.equals(Expr.rootName(m))) {
          String f = handlerFunction(s.value(), site, kb);
          if (f != null) {
            return f;
          }
        }
      }
    }
    return null;
  }
}
