package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A call the child of a fork/vfork site can make.
 *
 * @param node the CFG node that makes it
 * @param call the call expression
 * @param name the called function's name, or null for a call through a pointer
 * @param cls what the knowledge base says about the function, or null when it is not a known libc
 *     function
 * @param helper the summary of the project function called, or null when it has no body in the tree
 */
public record ChildCall(
    CfgNode node, Expr.Call call, String name, FunctionClass cls, Summary helper) {

  public Optional<FunctionClass> knownClass() {
    return Optional.ofNullable(cls);
  }

  /**
   * The helper effects that are reported once per call, most serious first: a call of a helper that
   * can exit, allocate, print and call unsafe functions (a typical die() path) gets one finding,
   * from the rule of its most serious effect, which names the others.
   */
  private static final List<Effect.Kind> BUNDLE =
      List.of(
          Effect.Kind.EXIT,
          Effect.Kind.HEAP,
          Effect.Kind.STDIO,
          Effect.Kind.UNSAFE_CALL,
          Effect.Kind.UNKNOWN_CALL,
          Effect.Kind.POINTER_CALL);

  /**
   * The helper's effect of this kind when it is the call's most serious one (so the rule of that
   * kind reports the call); null otherwise. UNSAFE_CALL and UNKNOWN_CALL count as one.
   */
  public Effect reportable(Effect.Kind kind) {
    Effect.Kind lead = leading();
    if (lead == null) {
      return null;
    }
    boolean sameGroup = lead == kind || (isCallGroup(lead) && isCallGroup(kind));
    if (!sameGroup) {
      return null;
    }
    Effect e = helper.first(lead);
    return lead == kind ? e : helper.first(kind) != null ? helper.first(kind) : e;
  }

  /**
   * The helper's most serious effect kind, one on its normal path first (xmalloc's heap use before
   * the exit() it reaches only when malloc failed), or null.
   */
  private Effect.Kind leading() {
    if (helper == null) {
      return null;
    }
    Effect.Kind onError = null;
    for (Effect.Kind k : BUNDLE) {
      Effect e = helper.first(k);
      if (e != null && !e.errorPath()) {
        return k;
      }
      if (e != null && onError == null) {
        onError = k;
      }
    }
    return onError;
  }

  /**
   * True when the child makes this call only on an error path, or the helper effect reported for it
   * happens only on the helper's error path.
   */
  public boolean onErrorPath(ChildRegion region, Effect effect) {
    return region.onErrorPath(node.id()) || (effect != null && effect.errorPath());
  }

  private static boolean isCallGroup(Effect.Kind k) {
    return k == Effect.Kind.UNSAFE_CALL
        || k == Effect.Kind.UNKNOWN_CALL
        || k == Effect.Kind.POINTER_CALL;
  }

  /** {@code "; on its paths it also uses stdio (fflush()) and the heap (vasprintf())"}, or "". */
  public String alsoDoes(Effect.Kind reported) {
    if (helper == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    List<String> unsafeCalls = new ArrayList<>();
    for (Effect.Kind k : BUNDLE) {
      if (k == reported || (isCallGroup(k) && isCallGroup(reported))) {
        continue;
      }
      Effect e = helper.first(k);
      if (e == null) {
        continue;
      }
      switch (k) {
        case EXIT -> parts.add("can end the process with " + e.name() + "()");
        case HEAP -> parts.add("uses the heap (" + e.name() + "())");
        case STDIO -> parts.add("uses stdio (" + e.name() + "())");
        default -> unsafeCalls.add(e.name() + (k == Effect.Kind.POINTER_CALL ? "" : "()"));
      }
    }
    if (!unsafeCalls.isEmpty()) {
      parts.add("calls functions that are not vfork-safe (" + String.join(", ", unsafeCalls) + ")");
    }
    return parts.isEmpty() ? "" : "; on its paths it also " + String.join(", ", parts);
  }

  /** The helper's first effect of a kind, or null (also null for libc and unknown calls). */
  public Effect helperEffect(Effect.Kind kind) {
    return helper == null ? null : helper.first(kind);
  }

  /**
   * {@code die(), which calls exit() (die() -> exit() at util.c:42)}: how a helper reaches an
   * effect.
   */
  public String viaHelper(Effect effect) {
    String what =
        switch (effect.kind()) {
          case GLOBAL_WRITE -> "writes the global `" + effect.name() + "`";
          case POINTER_WRITE -> "writes through its pointer parameter `" + effect.name() + "`";
          case POINTER_CALL -> "calls a function through a pointer";
          case UNKNOWN_CALL -> "calls " + effect.name() + "(), which is not known to be vfork-safe";
          default -> "calls " + effect.name() + "()";
        };
    return name + "(), which " + what + " (" + effect.route(name) + " at " + effect.where() + ")";
  }

  /**
   * The report steps for this call: the path from the fork call to it, then the helper's chain down
   * to where the effect happens.
   */
  public List<Step> steps(ChildRegion region, Effect effect) {
    List<Step> out = new ArrayList<>(region.pathTo(node.id()));
    if (effect != null) {
      out.add(new Step(call.location(), "child calls " + name + "()"));
      out.addAll(effect.chain());
    }
    return out;
  }

  /** Every call in the child region, in CFG order, outermost call of a node first. */
  static List<ChildCall> of(
      ChildRegion region,
      FunctionFacts function,
      KnowledgeBase knowledge,
      Function<Expr.Call, Summary> helpers,
      Predicate<String> isPointer) {
    List<ChildCall> out = new ArrayList<>();
    for (CfgNode node : region.nodes()) {
      if (node.expr() == null) {
        continue;
      }
      for (Expr.Call call : Expr.calls(node.expr())) {
        String name = call.calleeName();
        if (name != null && function.locals().containsKey(name)) {
          name = null; // a parameter or local holding a function pointer
        }
        Long first = call.args().isEmpty() ? null : Expr.constantValue(call.args().get(0));
        FunctionClass cls = name == null ? null : knowledge.classifyCall(name, first).orElse(null);
        Summary helper = cls != null || name == null ? null : helpers.apply(call);
        if (helper == null && cls == null && isPointer.test(name)) {
          name = null; // a global function pointer whose targets are not all known
        }
        out.add(new ChildCall(node, call, name, cls, helper));
      }
    }
    return out;
  }

  /** True for a call through a function pointer (the callee cannot be known). */
  public boolean throughPointer() {
    return name == null;
  }
}
