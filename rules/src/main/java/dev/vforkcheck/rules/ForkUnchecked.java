package dev.vforkcheck.rules;

import dev.vforkcheck.analysis.Role;
import dev.vforkcheck.analysis.RoleState;
import dev.vforkcheck.analysis.ValueTest;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.EdgeKind;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.NodeKind;
import dev.vforkcheck.cfg.Store;
import dev.vforkcheck.engine.Rule;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.RuleInfo;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Severity;
import dev.vforkcheck.model.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

/** The fork/vfork result is used as a process id on a path where -1 was not excluded. */
@RuleInfo(
    id = "fork-unchecked",
    summary = "fork()/vfork() result used as a process id without excluding -1",
    severity = Severity.WARNING,
    tags = {"fork", "vfork", "correctness", "security"},
    precision = "high")
public final class ForkUnchecked implements Rule {
  @Override
  public List<Finding> check(RuleContext context) {
    List<Finding> out = new ArrayList<>();
    for (SiteContext s : context.sites()) {
      inFunction(context, s, out);
      throughGlobals(context, s, out);
    }
    return out;
  }

  /** In the function: the failed-fork path still holds -1 where a pid argument reads it. */
  private void inFunction(RuleContext context, SiteContext s, List<Finding> out) {
    String call = s.site().callee() + "()";
    for (CfgNode n : s.function().cfg().nodes()) {
      RoleState st = s.region().stateAt(n.id());
      if (!st.has(Role.ERROR) || n.expr() == null) {
        continue;
      }
      for (Expr.Call c : Expr.calls(n.expr())) {
        String key = pidKey(context, c);
        if (key != null && st.holders(Role.ERROR).contains(key)) {
          out.add(finding(context, c, key, s, call + " called here; it returns -1 when it fails"));
        }
      }
    }
  }

  /**
   * Globals that may still hold -1 when the function returns (the result or a copy of it), used as
   * a pid elsewhere in the file without a test that excludes -1.
   */
  @SuppressWarnings("ReferenceEquality") // the site's own function, not another with equal facts
  private void throughGlobals(RuleContext context, SiteContext s, List<Finding> out) {
    RoleState atExit = s.region().stateAt(s.function().cfg().exit().id());
    if (!atExit.has(Role.ERROR)) {
      return;
    }
    String call = s.site().callee() + "()";
    for (String key : atExit.holders(Role.ERROR)) {
      if (isLocal(s.function(), key)) {
        continue;
      }
      for (FunctionFacts other : context.file().functions()) {
        if (other == s.function()) {
          continue;
        }
        for (CfgNode n : other.cfg().nodes()) {
          for (Expr.Call c : n.expr() == null ? List.<Expr.Call>of() : Expr.calls(n.expr())) {
            if (key.equals(pidKey(context, c)) && !guarded(other, n, key)) {
              String why =
                  call + " here can fail, and -1 reaches " + key + " without being excluded";
              out.add(finding(context, c, key, s, why));
            }
          }
        }
      }
    }
  }

  private Finding finding(
      RuleContext context, Expr.Call c, String key, SiteContext s, String firstStep) {
    String call = s.site().callee() + "()";
    List<Step> steps = List.of(new Step(s.site().location(), firstStep));
    String name = c.calleeName();
    KnowledgeBase.MinusOnePid meaning =
        context
            .knowledge()
            .pidUse(name)
            .map(KnowledgeBase.PidArgument::minusOne)
            .orElse(KnowledgeBase.MinusOnePid.INVALID);
    String what =
        switch (meaning) {
          case EVERY_PROCESS ->
              name
                  + "(-1, sig) sends the signal to every process the user may signal (for root:"
                  + " every process but init)";
          case ANY_CHILD -> name + "(-1, ...) waits for any child, not this one";
          case INVALID -> name + "() is given -1 as a process id";
        };
    String headline = "`" + key + "` may be -1 here";
    return new Finding(
        metadata().id(),
        metadata().severity(),
        headline
            + " (the "
            + call
            + " at line "
            + s.site().location().line()
            + " can fail and this path never excludes it): "
            + what
            + ". Handle the failure first: `if ("
            + key
            + " < 0) { report; return; }`.",
        c.location(),
        steps,
        List.of(),
        headline);
  }

  /** The lvalue passed as the process id, when the call takes one. */
  private static String pidKey(RuleContext context, Expr.Call c) {
    int index = context.knowledge().pidArgument(c.calleeName());
    if (index < 0 || index >= c.args().size()) {
      return null;
    }
    return Expr.lvalueKey(c.args().get(index));
  }

  private static boolean isLocal(FunctionFacts fn, String key) {
    String root = key.replaceAll("[.\\-\\[].*$", "");
    return fn.locals().containsKey(root);
  }

  /**
   * True when every path from the function's entry to the use passes a test that -1 fails ({@code
   * if (g_pid > 0)}, {@code if (g_pid <= 0) return;}, {@code g_pid != -1}) or a store to the
   * variable; {@code if (g_pid)} does not guard, since -1 is true.
   */
  private static boolean guarded(FunctionFacts fn, CfgNode use, String key) {
    var cfg = fn.cfg();
    BitSet seen = new BitSet(cfg.size());
    Deque<Integer> work = new ArrayDeque<>();
    work.push(use.id());
    seen.set(use.id());
    while (!work.isEmpty()) {
      int n = work.pop();
      if (n == cfg.entry().id()) {
        return false;
      }
      for (var e : cfg.predecessors(n)) {
        CfgNode from = cfg.node(e.from());
        if (seen.get(from.id())) {
          continue;
        }
        if (from.kind() == NodeKind.BRANCH && from.expr() != null) {
          Boolean minusOne = valueWithMinusOne(from.expr(), key);
          boolean taken = e.kind() == EdgeKind.TRUE;
          if (minusOne != null && minusOne != taken) {
            continue; // -1 never comes this way
          }
        }
        if (from.id() != use.id() && writesKey(from, key)) {
          continue; // the variable is set here: not the fork's -1
        }
        seen.set(from.id());
        work.push(from.id());
      }
    }
    return true;
  }

  /** True when the node assigns the lvalue ({@code =}, {@code +=}, or its declaration). */
  private static boolean writesKey(CfgNode node, String key) {
    return Store.of(node).stream()
        .anyMatch(
            s ->
                (s.kind() == Store.Kind.ASSIGN
                        || s.kind() == Store.Kind.COMPOUND
                        || s.kind() == Store.Kind.INITIALIZER)
                    && key.equals(s.key()));
  }

  /**
   * The truth of a condition when {@code key} is -1, or null when the condition is not such a test.
   */
  private static Boolean valueWithMinusOne(Expr cond, String key) {
    ValueTest t = ValueTest.of(cond);
    return (t == null || !key.equals(Expr.lvalueKey(t.subject()))) ? null : t.over(-1, -1);
  }
}
