package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.LocalVar;
import dev.vforkcheck.cfg.Store;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Step;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Effect}s of one function for its {@link Summary}, collected from the nodes its walk
 * reached: per call, the C library classes that matter in a child, calls through pointers, calls of
 * unknown functions and, one step deeper, the effects of the project functions it calls; per store,
 * writes to globals and through pointer parameters. The first effect of each kind and name is kept,
 * at most {@value #MAX_EFFECTS} of them, with call chains of at most {@value #MAX_CHAIN} steps.
 */
final class EffectCollector {
  private static final int MAX_EFFECTS = 48;
  private static final int MAX_CHAIN = 8;

  private final KnowledgeBase knowledge;
  private final FunctionFacts f;
  private final String path;
  private final SummaryFactory.Resolver resolver;
  private final Map<String, Effect> out = new LinkedHashMap<>();
  private boolean errorPath;

  private EffectCollector(
      KnowledgeBase knowledge, FunctionFacts f, String path, SummaryFactory.Resolver resolver) {
    this.knowledge = knowledge;
    this.f = f;
    this.path = path;
    this.resolver = resolver;
  }

  /**
   * The effects of function {@code f} of file {@code path} on the nodes in {@code visited}.
   *
   * @param resolver the summaries of callees built so far
   * @param callees what those callees do (which calls exec), as the summary's walk saw them
   */
  static List<Effect> collect(
      KnowledgeBase knowledge,
      FunctionFacts f,
      String path,
      BitSet visited,
      SummaryFactory.Resolver resolver,
      Callees callees) {
    EffectCollector c = new EffectCollector(knowledge, f, path, resolver);
    BitSet normal =
        ErrorPaths.of(f.cfg(), knowledge)
            .normalReach(
                f.cfg().entry().id(),
                e -> visited.get(e.to()),
                n -> callees.containsExec(n.expr()));
    for (int id = visited.nextSetBit(0);
        id >= 0 && c.out.size() < MAX_EFFECTS;
        id = visited.nextSetBit(id + 1)) {
      c.errorPath = !normal.get(id);
      c.node(f.cfg().node(id));
    }
    return new ArrayList<>(c.out.values());
  }

  private void node(CfgNode node) {
    if (node.expr() == null) {
      return;
    }
    for (Expr.Call c : Expr.calls(node.expr())) {
      call(c);
    }
    for (Expr target : writes(node)) {
      store(node, target);
    }
  }

  /** A call through a pointer, of a classified library function, or of another function. */
  private void call(Expr.Call c) {
    String name = c.calleeName();
    if (name == null || f.locals().containsKey(name)) {
      pointerCall(c);
      return;
    }
    Step here = new Step(c.location(), "calls " + name + "()");
    Long first = c.args().isEmpty() ? null : Expr.constantValue(c.args().get(0));
    FunctionClass cls = knowledge.classifyCall(name, first).orElse(null);
    if (cls != null) {
      libraryCall(name, cls, here);
      return;
    }
    Summary callee = resolver.resolveCall(path, c);
    if (callee != null) {
      inherit(callee, here);
    } else if (resolver.isPointer(name)) {
      pointerCall(c); // a global function pointer whose targets are not all known
    } else {
      add(new Effect(Effect.Kind.UNKNOWN_CALL, name, List.of(here)));
    }
  }

  private void pointerCall(Expr.Call c) {
    add(
        new Effect(
            Effect.Kind.POINTER_CALL,
            "a function pointer",
            List.of(
                new Step(c.location(), "calls `" + c.callee().text() + "` through a pointer"))));
  }

  /** What calling a C library function of a class does to a vfork child, or null for nothing. */
  static Effect.Kind effectOf(FunctionClass cls) {
    return switch (cls) {
      case EXIT -> Effect.Kind.EXIT;
      case STDIO -> Effect.Kind.STDIO;
      case HEAP -> Effect.Kind.HEAP;
      case UNSAFE, FORK, VFORK, NONLOCAL_JUMP -> Effect.Kind.UNSAFE_CALL;
      default -> null;
    };
  }

  /** A C library call, by its class; classes that do not matter in a child add nothing. */
  private void libraryCall(String name, FunctionClass cls, Step here) {
    Effect.Kind kind = effectOf(cls);
    if (kind != null) {
      add(new Effect(kind, name, List.of(here)));
    }
  }

  /** The callee's effects, each with the call {@code here} in front of its chain. */
  private void inherit(Summary callee, Step here) {
    for (Effect e : callee.effects()) {
      if (e.chain().size() >= MAX_CHAIN) {
        continue;
      }
      List<Step> chain = new ArrayList<>(e.chain().size() + 1);
      chain.add(here);
      chain.addAll(e.chain());
      add(new Effect(e.kind(), e.name(), chain, errorPath || e.errorPath()));
    }
  }

  /**
   * A store to {@code target}: a write to a global or static, or through a pointer parameter;
   * per-process state and other locals are left out.
   */
  private void store(CfgNode node, Expr target) {
    String root = Expr.rootName(target);
    if (root == null || knowledge.perProcessState(root)) {
      return;
    }
    LocalVar local = f.locals().get(root);
    if (local == null || local.isStatic()) {
      add(
          new Effect(
              Effect.Kind.GLOBAL_WRITE,
              root,
              List.of(new Step(node.location(), "writes `" + target.text() + "`"))));
    } else if (local.parameter()
        && local.pointer()
        && !(Expr.stripCasts(target) instanceof Expr.Name)) {
      add(
          new Effect(
              Effect.Kind.POINTER_WRITE,
              root,
              List.of(new Step(node.location(), "writes `" + target.text() + "`"))));
    }
  }

  /**
   * Keeps the first effect of each kind and name, made on the current path (normal or error); one
   * on the normal path replaces one seen only on an error path.
   */
  private void add(Effect effect) {
    Effect e =
        errorPath && !effect.errorPath()
            ? new Effect(effect.kind(), effect.name(), effect.chain(), true)
            : effect;
    String key = e.kind() + "\u0000" + e.name();
    Effect before = out.get(key);
    if (before == null ? out.size() < MAX_EFFECTS : before.errorPath() && !e.errorPath()) {
      out.put(key, e);
    }
  }

  /** The lvalues a statement stores to (not its own declaration's initializer). */
  private static List<Expr> writes(CfgNode node) {
    List<Expr> out = new ArrayList<>();
    for (Store s : Store.of(node)) {
      if (s.kind() != Store.Kind.INITIALIZER && s.kind() != Store.Kind.ADDRESS_TAKEN) {
        out.add(s.target());
      }
    }
    return out;
  }
}
