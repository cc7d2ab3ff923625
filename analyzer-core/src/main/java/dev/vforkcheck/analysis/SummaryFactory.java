package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.Cfg;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Edge;
import dev.vforkcheck.cfg.EdgeKind;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.LocalVar;
import dev.vforkcheck.cfg.NodeKind;
import dev.vforkcheck.cfg.Store;
import dev.vforkcheck.frontend.FileFacts;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Location;
import dev.vforkcheck.model.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Builds the {@link Summaries} of every function in the scanned tree: bottom-up over the strongly
 * connected components of the call graph, so a function is summarized after the functions it calls;
 * the functions of a recursive cycle are iterated together until their summaries settle (starting
 * from "returns, does nothing", so the answer for a cycle errs toward "may return").
 */
public final class SummaryFactory {
  private static final int MAX_EFFECTS = 48;
  private static final int MAX_CHAIN = 8;
  private static final int MAX_ROUNDS = 8;

  private final KnowledgeBase knowledge;

  public SummaryFactory(KnowledgeBase knowledge) {
    this.knowledge = knowledge;
  }

  /** One defined function and the file it is in. */
  private record Fn(String path, FunctionFacts facts) {}

  public Summaries build(List<FileFacts> files) {
    List<Fn> fns = new ArrayList<>();
    Set<String> declared = new TreeSet<>();
    files.forEach(f -> declared.addAll(f.noReturnDecls()));
    Map<String, Integer> statics = new HashMap<>();
    Map<String, Integer> externals = new HashMap<>();
    for (FileFacts file : files) {
      for (FunctionFacts f : file.functions()) {
        int id = fns.size();
        fns.add(new Fn(file.path(), f));
        if (f.isStatic()) {
          statics.putIfAbsent(Summaries.key(file.path(), f.name()), id);
        } else {
          externals.putIfAbsent(f.name(), id);
        }
      }
    }
    // call graph over defined functions
    List<int[]> callees = new ArrayList<>(fns.size());
    for (Fn fn : fns) {
      List<Integer> out = new ArrayList<>();
      for (CfgNode n : fn.facts().cfg().nodes()) {
        if (n.expr() == null) {
          continue;
        }
        for (Expr.Call c : Expr.calls(n.expr())) {
          Integer target = resolve(statics, externals, fn.path(), c.calleeName());
          if (target != null) {
            out.add(target);
          }
        }
      }
      callees.add(out.stream().mapToInt(Integer::intValue).distinct().toArray());
    }
    Map<String, Summary> staticSummaries = new HashMap<>();
    Map<String, Summary> externalSummaries = new HashMap<>();
    Summary[] done = new Summary[fns.size()];
    Resolver resolver =
        (path, name) -> {
          Integer id = resolve(statics, externals, path, name);
          if (id == null) {
            return name != null && declared.contains(name) ? declaredOnly(name) : null;
          }
          return done[id];
        };
    for (int[] scc : sccs(callees)) {
      boolean recursive = scc.length > 1 || contains(callees.get(scc[0]), scc[0]);
      if (!recursive) {
        done[scc[0]] = summarize(fns.get(scc[0]), resolver);
        continue;
      }
      for (int id : scc) {
        Fn fn = fns.get(id);
        done[id] =
            new Summary(
                fn.facts().name(),
                fn.facts().location(),
                fn.facts().isStatic(),
                true,
                false,
                Set.of(),
                List.of(),
                null);
      }
      for (int round = 0; round < MAX_ROUNDS; round++) {
        boolean changed = false;
        for (int id : scc) {
          Summary next = summarize(fns.get(id), resolver);
          if (!next.equals(done[id])) {
            done[id] = next;
            changed = true;
          }
        }
        if (!changed) {
          break;
        }
      }
    }
    for (int id = 0; id < fns.size(); id++) {
      Fn fn = fns.get(id);
      if (fn.facts().isStatic()) {
        staticSummaries.putIfAbsent(Summaries.key(fn.path(), fn.facts().name()), done[id]);
      } else {
        externalSummaries.putIfAbsent(fn.facts().name(), done[id]);
      }
    }
    return new Summaries(staticSummaries, externalSummaries, declared);
  }

  /** What is known of a function that is only declared noreturn: it never comes back. */
  static Summary declaredOnly(String name) {
    return new Summary(
        name,
        Location.point("", 1, 1),
        false,
        false,
        false,
        Set.of(EndKind.NORETURN_CALL),
        List.of(new Effect(Effect.Kind.UNKNOWN_CALL, name, List.of())),
        null);
  }

  /** Looks up the summary of a callee from a given file while summaries are being built. */
  @FunctionalInterface
  interface Resolver {
    Summary resolve(String callerPath, String callee);
  }

  private static Integer resolve(
      Map<String, Integer> statics, Map<String, Integer> externals, String path, String name) {
    if (name == null) {
      return null;
    }
    Integer id = statics.get(Summaries.key(path, name));
    return id != null ? id : externals.get(name);
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  /** Tarjan's algorithm, iterative; components come out callees first. */
  static List<int[]> sccs(List<int[]> graph) {
    int n = graph.size();
    int[] index = new int[n];
    int[] low = new int[n];
    boolean[] onStack = new boolean[n];
    Arrays.fill(index, -1);
    Deque<Integer> stack = new ArrayDeque<>();
    List<int[]> out = new ArrayList<>();
    int counter = 0;
    for (int root = 0; root < n; root++) {
      if (index[root] >= 0) {
        continue;
      }
      Deque<int[]> frames = new ArrayDeque<>(); // {node, next edge}
      frames.push(new int[] {root, 0});
      index[root] = low[root] = counter++;
      stack.push(root);
      onStack[root] = true;
      while (!frames.isEmpty()) {
        int[] frame = frames.peek();
        int v = frame[0];
        int[] succ = graph.get(v);
        if (frame[1] < succ.length) {
          int w = succ[frame[1]++];
          if (index[w] < 0) {
            index[w] = low[w] = counter++;
            stack.push(w);
            onStack[w] = true;
            frames.push(new int[] {w, 0});
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
        } else {
          frames.pop();
          if (!frames.isEmpty()) {
            int parent = frames.peek()[0];
            low[parent] = Math.min(low[parent], low[v]);
          }
          if (low[v] == index[v]) {
            List<Integer> comp = new ArrayList<>();
            int w;
            do {
              w = stack.pop();
              onStack[w] = false;
              comp.add(w);
            } while (w != v);
            out.add(comp.stream().mapToInt(Integer::intValue).sorted().toArray());
          }
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ one function

  private Summary summarize(Fn fn, Resolver resolver) {
    FunctionFacts f = fn.facts();
    Cfg cfg = f.cfg();
    String path = fn.path();
    BitSet plain = new BitSet(cfg.size());
    BitSet execed = new BitSet(cfg.size());
    Deque<int[]> work = new ArrayDeque<>();
    work.push(new int[] {cfg.entry().id(), 0});
    plain.set(cfg.entry().id());
    boolean mayReturn = false;
    boolean mayExec = false;
    Set<EndKind> endings = EnumSet.noneOf(EndKind.class);
    BitSet visited = new BitSet(cfg.size());
    while (!work.isEmpty()) {
      int[] item = work.pop();
      CfgNode node = cfg.node(item[0]);
      visited.set(node.id());
      boolean execFlag = item[1] == 1 || execsHere(node, path, resolver);
      mayExec |= execsHere(node, path, resolver);
      Expr.Call top = endingCall(node);
      Summary helper = top == null ? null : resolver.resolve(path, top.calleeName());
      if (helper != null && helper.neverReturns() && node.kind() == NodeKind.EXPR) {
        endings.add(helper.endingForChild(execFlag));
        continue;
      }
      for (Edge e : cfg.successors(node.id())) {
        if (e.kind() == EdgeKind.EXEC_OK) {
          continue;
        }
        CfgNode to = cfg.node(e.to());
        if (to.kind() == NodeKind.EXIT) {
          mayReturn = true;
          continue;
        }
        if (to.kind() == NodeKind.NORETURN_EXIT) {
          endings.add(noReturnEnding(knowledge, top, path, resolver::resolve, execFlag));
          continue;
        }
        BitSet seen = execFlag ? execed : plain;
        if (!seen.get(to.id())) {
          seen.set(to.id());
          work.push(new int[] {to.id(), execFlag ? 1 : 0});
        }
      }
    }
    List<Effect> effects = effects(fn, visited, resolver);
    ForkSite.Kind wrapper = forkWrapper(fn, resolver);
    return new Summary(
        f.name(),
        f.location(),
        f.isStatic(),
        mayReturn || wrapper != null,
        mayExec,
        endings,
        effects,
        wrapper);
  }

  /**
   * True when the node calls exec, or a helper that tries exec (the one test {@link Callees}
   * makes).
   */
  private boolean execsHere(CfgNode node, String path, Resolver resolver) {
    return node.expr() != null
        && new Callees(knowledge, resolver::resolve, path).containsExec(node.expr());
  }

  /**
   * How a path ends at a call that never returns: by the call's libc class, or by the project
   * function's own endings; {@code execFlag} says whether an exec was attempted before.
   */
  static EndKind noReturnEnding(
      KnowledgeBase knowledge,
      Expr.Call call,
      String path,
      BiFunction<String, String, Summary> lookup,
      boolean execFlag) {
    String name = call == null ? null : call.calleeName();
    if (name == null) {
      return EndKind.NORETURN_CALL;
    }
    Long first = call.args().isEmpty() ? null : Expr.constantValue(call.args().get(0));
    FunctionClass cls = knowledge.classifyCall(name, first).orElse(null);
    if (cls != null) {
      return switch (cls) {
        case UNDERSCORE_EXIT -> execFlag ? EndKind.EXEC_EXIT : EndKind.UNDERSCORE_EXIT;
        case EXIT -> EndKind.EXIT;
        case ABORT -> EndKind.ABORT;
        case NONLOCAL_JUMP -> EndKind.LONGJMP;
        default -> EndKind.NORETURN_CALL;
      };
    }
    Summary s = lookup.apply(path, name);
    return s == null ? EndKind.NORETURN_CALL : s.endingForChild(execFlag);
  }

  /**
   * The call a statement ends with ({@code f(x);}, {@code (void)f(x);}, {@code a, f(x);}), or null.
   */
  public static Expr.Call endingCall(CfgNode node) {
    if (node.expr() == null) {
      return null;
    }
    Expr top = Expr.stripCasts(node.expr());
    if (top instanceof Expr.Binary b && b.op() == Expr.BinaryOp.COMMA) {
      top = Expr.stripCasts(b.right());
    }
    return top instanceof Expr.Call c ? c : null;
  }

  private List<Effect> effects(Fn fn, BitSet visited, Resolver resolver) {
    FunctionFacts f = fn.facts();
    Map<String, Effect> out = new LinkedHashMap<>();
    for (int id = visited.nextSetBit(0);
        id >= 0 && out.size() < MAX_EFFECTS;
        id = visited.nextSetBit(id + 1)) {
      CfgNode node = f.cfg().node(id);
      if (node.expr() == null) {
        continue;
      }
      for (Expr.Call c : Expr.calls(node.expr())) {
        String name = c.calleeName();
        if (name == null || f.locals().containsKey(name)) {
          add(
              out,
              new Effect(
                  Effect.Kind.POINTER_CALL,
                  "a function pointer",
                  List.of(
                      new Step(
                          c.location(), "calls `" + c.callee().text() + "` through a pointer"))));
          continue;
        }
        Step here = new Step(c.location(), "calls " + name + "()");
        Long first = c.args().isEmpty() ? null : Expr.constantValue(c.args().get(0));
        FunctionClass cls = knowledge.classifyCall(name, first).orElse(null);
        if (cls != null) {
          Effect.Kind kind =
              switch (cls) {
                case EXIT -> Effect.Kind.EXIT;
                case STDIO -> Effect.Kind.STDIO;
                case HEAP -> Effect.Kind.HEAP;
                case UNSAFE, FORK, VFORK, NONLOCAL_JUMP -> Effect.Kind.UNSAFE_CALL;
                default -> null;
              };
          if (kind != null) {
            add(out, new Effect(kind, name, List.of(here)));
          }
          continue;
        }
        Summary callee = resolver.resolve(fn.path(), name);
        if (callee == null) {
          add(out, new Effect(Effect.Kind.UNKNOWN_CALL, name, List.of(here)));
          continue;
        }
        for (Effect e : callee.effects()) {
          if (e.chain().size() >= MAX_CHAIN) {
            continue;
          }
          List<Step> chain = new ArrayList<>(e.chain().size() + 1);
          chain.add(here);
          chain.addAll(e.chain());
          add(out, new Effect(e.kind(), e.name(), chain));
        }
      }
      for (Expr target : writes(node)) {
        String root = Expr.rootName(target);
        if (root == null || knowledge.perProcessState(root)) {
          continue;
        }
        LocalVar local = f.locals().get(root);
        if (local == null || local.isStatic()) {
          add(
              out,
              new Effect(
                  Effect.Kind.GLOBAL_WRITE,
                  root,
                  List.of(new Step(node.location(), "writes `" + target.text() + "`"))));
        } else if (local.parameter()
            && local.pointer()
            && !(Expr.stripCasts(target) instanceof Expr.Name)) {
          add(
              out,
              new Effect(
                  Effect.Kind.POINTER_WRITE,
                  root,
                  List.of(new Step(node.location(), "writes `" + target.text() + "`"))));
        }
      }
    }
    return new ArrayList<>(out.values());
  }

  private static void add(Map<String, Effect> out, Effect e) {
    if (out.size() < MAX_EFFECTS) {
      out.putIfAbsent(e.kind() + "\u0000" + e.name(), e);
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

  /**
   * FORK/VFORK when the function's child returns the fork result to the caller ({@code return
   * vfork();}, {@code pid = vfork(); if (pid < 0) die(); return pid;}): then each call of it is a
   * fork site for its caller. A spawn helper whose child execs and only the parent returns the pid
   * is not one.
   */
  private ForkSite.Kind forkWrapper(Fn fn, Resolver resolver) {
    List<ForkSite> sites = new SiteFinder(knowledge).find(fn.facts(), fn.path(), resolver::resolve);
    if (sites.isEmpty()) {
      return null;
    }
    ChildRegionAnalysis regions = new ChildRegionAnalysis(knowledge, resolver::resolve, fn.path());
    ForkSite.Kind found = null;
    for (ForkSite s : sites) {
      ChildRegion region = regions.analyze(fn.facts(), s);
      for (PathEnd end : region.ends()) {
        CfgNode n = fn.facts().cfg().node(end.node());
        if (end.kind() != EndKind.RETURN || n.kind() != NodeKind.RETURN || n.expr() == null) {
          continue;
        }
        Expr value = Expr.stripCasts(n.expr());
        String key = Expr.lvalueKey(value);
        if (value == s.call() || (key != null && key.equals(s.resultKey()))) {
          if (found == null || s.kind() == ForkSite.Kind.VFORK) {
            found = s.kind();
          }
        }
      }
    }
    return found;
  }
}
