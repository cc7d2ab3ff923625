package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Finds every fork()/vfork() call in a function and the lvalue, if any, that receives its result.
 */
public final class SiteFinder {
  private final KnowledgeBase knowledge;

  public SiteFinder(KnowledgeBase knowledge) {
    this.knowledge = knowledge;
  }

  public List<ForkSite> find(FunctionFacts fn) {
    return find(fn, "", (path, name) -> null);
  }

  /**
   * Every fork/vfork call in {@code fn}, and every call of a project function that returns the
   * result of one (a wrapper such as {@code xvfork()}), which is a fork/vfork site for its caller.
   */
  public List<ForkSite> find(
      FunctionFacts fn, String path, BiFunction<String, String, Summary> summaries) {
    List<ForkSite> out = new ArrayList<>();
    for (CfgNode node : fn.cfg().nodes()) {
      if (node.expr() == null) {
        continue;
      }
      for (Expr.Call call : Expr.calls(node.expr())) {
        String name = call.calleeName();
        if (name == null) {
          continue;
        }
        FunctionClass cls = knowledge.classify(name).orElse(null);
        ForkSite.Kind kind;
        boolean onlyChild = false;
        boolean neverFails = false;
        if (cls != null) {
          if (!cls.startsProcess()) {
            continue;
          }
          kind = cls == FunctionClass.VFORK ? ForkSite.Kind.VFORK : ForkSite.Kind.FORK;
          neverFails = inDyingPassThrough(node.expr(), call, summaries, path);
        } else {
          Summary wrapper = summaries.apply(path, name);
          if (wrapper == null || name.equals(fn.name())) {
            continue;
          }
          kind = wrapper.forkWrapper() != null ? wrapper.forkWrapper() : wrapper.onlyChildReturns();
          onlyChild = wrapper.forkWrapper() == null;
          neverFails = wrapper.forkNeverFails();
          if (kind == null) {
            continue;
          }
        }
        out.add(
            new ForkSite(
                kind,
                fn.name(),
                call.location(),
                node.id(),
                call,
                receiver(node.expr(), call, PassThrough.of(summaries, path)),
                name,
                onlyChild,
                neverFails));
      }
    }
    out.sort(Comparator.comparing(ForkSite::location, Location.ORDER));
    return out;
  }

  /**
   * True when the call's value goes through a pass-through function that dies on a failed fork's -1
   * ({@code xvforkwrap(vfork())}): the result is never -1.
   */
  @SuppressWarnings("ReferenceEquality") // this very call node, not an equal-looking one
  private static boolean inDyingPassThrough(
      Expr root, Expr.Call call, BiFunction<String, String, Summary> summaries, String path) {
    PassThrough through = PassThrough.of(summaries, path);
    boolean[] found = new boolean[1];
    Expr.walk(
        root,
        e -> {
          if (!found[0] && e instanceof Expr.Call c && c != call && c.calleeName() != null) {
            Summary s = summaries.apply(path, c.calleeName());
            Expr arg = through.argument(c);
            found[0] = s != null && s.forkNeverFails() && arg != null && yields(arg, call, through);
          }
        });
    return found[0];
  }

  /**
   * The lvalue assigned the call's value: {@code x = call}, {@code T x = call}, through casts and
   * nested assignments.
   */
  static String receiver(Expr root, Expr.Call call, PassThrough through) {
    String[] found = new String[1];
    Expr.walk(
        root,
        e -> {
          if (found[0] == null
              && e instanceof Expr.Binary b
              && b.op() == Expr.BinaryOp.ASSIGN
              && yields(b.right(), call, through)) {
            found[0] = Expr.lvalueKey(b.left());
          }
        });
    return found[0];
  }

  /**
   * True when evaluating {@code e} yields the value of {@code call} unchanged: through casts,
   * assignments, the comma operator, either arm of {@code ?:} and pass-through calls.
   */
  @SuppressWarnings("ReferenceEquality") // this very call node, not an equal-looking one
  static boolean yields(Expr e, Expr.Call call, PassThrough through) {
    Expr x = Expr.stripCasts(e);
    if (x == call) {
      return true;
    }
    if (x instanceof Expr.Binary b
        && (b.op() == Expr.BinaryOp.ASSIGN || b.op() == Expr.BinaryOp.COMMA)) {
      return yields(b.right(), call, through);
    }
    if (x instanceof Expr.Conditional c) {
      // pid = use_mmu ? fork() : vfork();
      return yields(c.then(), call, through) || yields(c.otherwise(), call, through);
    }
    if (x instanceof Expr.Call c) {
      Expr arg = through.argument(c);
      return arg != null && yields(arg, call, through);
    }
    return false;
  }
}
