package dev.vforkcheck.analysis;

import dev.vforkcheck.analysis.CallGraph.Fn;
import dev.vforkcheck.cfg.Cfg;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Edge;
import dev.vforkcheck.cfg.EdgeKind;
import dev.vforkcheck.cfg.Expr;
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
import java.util.BitSet;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Builds the {@link Summaries} of every function in the scanned tree: bottom-up over the strongly
 * connected components of the call graph, so a function is summarized after the functions it calls;
 * the functions of a recursive cycle are iterated together until their summaries settle (starting
 * from "returns, does nothing", so the answer for a cycle errs toward "may return").
 */
public final class SummaryFactory {
  private static final int MAX_ROUNDS = 8;

  private final KnowledgeBase knowledge;
  private final Batches batches;

  /**
   * Runs a batch of independent tasks and returns when all are done (on the scan's worker threads;
   * the tasks of one batch never read what another task of the batch writes).
   */
  @FunctionalInterface
  public interface Batches {
    /**
     * Runs every task; returns when all are done.
     *
     * @param weights a cost estimate per task, for starting the heaviest first
     */
    void runAll(List<Runnable> tasks, long[] weights);

    /** Runs the tasks one after the other, on the calling thread. */
    Batches SEQUENTIAL = (tasks, weights) -> tasks.forEach(Runnable::run);
  }

  /** A factory that summarizes on the calling thread. */
  public SummaryFactory(KnowledgeBase knowledge) {
    this(knowledge, Batches.SEQUENTIAL);
  }

  /**
   * @param batches runs the components of one call-graph level (none calls another) in parallel
   */
  public SummaryFactory(KnowledgeBase knowledge, Batches batches) {
    this.knowledge = knowledge;
    this.batches = batches;
  }

  public Summaries build(List<FileFacts> files) {
    CallGraph graph = new CallGraph(files);
    Set<String> declared = new TreeSet<>();
    files.forEach(f -> declared.addAll(f.noReturnDecls()));
    List<Fn> fns = graph.functions();
    Summary[] done = new Summary[fns.size()];
    Resolver[] self = new Resolver[1];
    Specializer specializer =
        new Specializer(graph, (fn, feasible, base) -> specialized(fn, self[0], feasible, base));
    Resolver resolver = resolver(graph, declared, done, specializer);
    self[0] = resolver;
    // level by level: a component's callees are all in lower levels, summarized before it; the
    // components of one level only read lower levels' summaries, so they run in parallel
    for (List<int[]> level : graph.levels()) {
      List<Runnable> tasks = new ArrayList<>(level.size());
      long[] weights = new long[level.size()];
      for (int i = 0; i < level.size(); i++) {
        int[] scc = level.get(i);
        for (int id : scc) {
          weights[i] += fns.get(id).facts().cfg().nodes().size();
        }
        tasks.add(
            () -> {
              if (graph.recursive(scc)) {
                summarizeCycle(fns, scc, resolver, done);
              } else {
                Summary s = summarize(fns.get(scc[0]), resolver);
                done[scc[0]] = diesOnFailure(specializer, scc[0], fns.get(scc[0]), s);
              }
            });
      }
      batches.runAll(tasks, weights);
    }
    Map<String, Summary> pointers = new HashMap<>();
    for (String name : graph.pointerNames()) {
      Summary s = throughPointer(name, graph.pointerTargets("", name), done);
      if (s != null) {
        pointers.put(name, s);
      }
    }
    return summaries(fns, done, declared, specializer, pointers, graph.pointerVariables());
  }

  /**
   * What a call through the global function pointer {@code name} does: what any of the functions
   * stored into it does (it may return if one may, its endings and effects are theirs, each effect
   * with the target's call in front of its chain). Null when a target is not summarized yet or is
   * neither a project function nor a known C library function.
   */
  private Summary throughPointer(String name, CallGraph.Targets targets, Summary[] done) {
    if (targets == null) {
      return null;
    }
    List<Summary> parts = new ArrayList<>();
    for (int id : targets.functions()) {
      if (done[id] == null) {
        return null;
      }
      parts.add(done[id]);
    }
    for (String other : targets.others()) {
      FunctionClass cls = knowledge.classify(other).orElse(null);
      if (cls == null) {
        return null;
      }
      parts.add(library(other, cls));
    }
    if (parts.isEmpty()) {
      return null;
    }
    boolean mayReturn = false;
    boolean mayExec = false;
    Set<EndKind> endings = EnumSet.noneOf(EndKind.class);
    List<Effect> effects = new ArrayList<>();
    for (Summary p : parts) {
      mayReturn |= p.mayReturn();
      mayExec |= p.mayExec();
      endings.addAll(p.endings());
      for (Effect e : p.effects()) {
        List<Step> chain = new ArrayList<>();
        if (!e.chain().isEmpty()) {
          chain.add(new Step(p.location(), "calls " + p.function() + "()"));
        }
        chain.addAll(e.chain());
        effects.add(new Effect(e.kind(), e.name(), chain, e.errorPath()));
      }
    }
    return new Summary(
        name,
        parts.get(0).location(),
        false,
        mayReturn,
        mayExec,
        endings,
        effects,
        null,
        null,
        -1,
        false);
  }

  /** A C library function stored in a function pointer, as a summary of its class. */
  private static Summary library(String name, FunctionClass cls) {
    EndKind ending = cls.noReturn() ? endingOf(cls, false) : null;
    Effect.Kind kind = EffectCollector.effectOf(cls);
    return new Summary(
        name,
        Location.point("", 1, 1),
        false,
        !cls.noReturn(),
        cls == FunctionClass.EXEC,
        ending == null ? Set.of() : Set.of(ending),
        kind == null ? List.of() : List.of(new Effect(kind, name, List.of())),
        null,
        null,
        -1,
        false);
  }

  /**
   * Looks callees up in the summaries built so far ({@code done}); a function that is not defined
   * but declared noreturn gets {@link #declaredOnly}.
   */
  private Resolver resolver(
      CallGraph graph, Set<String> declared, Summary[] done, Specializer specializer) {
    return new Resolver() {
      @Override
      public Summary resolve(String path, String name) {
        Integer id = graph.id(path, name);
        if (id == null) {
          Summary viaPointer = throughPointer(name, graph.pointerTargets(path, name), done);
          if (viaPointer != null) {
            return viaPointer;
          }
          return name != null && declared.contains(name) ? declaredOnly(name) : null;
        }
        return done[id];
      }

      @Override
      public Summary resolveCall(String path, Expr.Call call) {
        return specializer.atCall(path, call, resolve(path, call.calleeName()));
      }

      @Override
      public boolean isPointer(String name) {
        return graph.pointerVariables().contains(name);
      }
    };
  }

  /**
   * Summarizes the functions of a recursive cycle together: each starts as "returns, does nothing",
   * then all are summarized again until no summary changes (at most {@link #MAX_ROUNDS} rounds).
   */
  private void summarizeCycle(List<Fn> fns, int[] scc, Resolver resolver, Summary[] done) {
    for (int id : scc) {
      FunctionFacts f = fns.get(id).facts();
      done[id] =
          new Summary(
              f.name(),
              f.location(),
              f.isStatic(),
              true,
              false,
              Set.of(),
              List.of(),
              null,
              null,
              -1,
              false);
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

  /**
   * A pass-through function that dies when handed a failed fork's -1 (toybox's {@code
   * xvforkwrap(pid)}: {@code if (pid == -1) perror_exit("vfork");}) never yields -1: marked {@code
   * forkNeverFails}, so {@code pid = xvforkwrap(vfork())} has no failed-fork path.
   */
  private static Summary diesOnFailure(Specializer specializer, int id, Fn fn, Summary s) {
    if (s.passThrough() < 0) {
      return s;
    }
    Summary failed = specializer.withValues(id, fn, new TreeMap<>(Map.of(s.passThrough(), -1L)), s);
    if (!failed.neverReturns()) {
      return s;
    }
    return new Summary(
        s.function(),
        s.location(),
        s.isStatic(),
        s.mayReturn(),
        s.mayExec(),
        s.endings(),
        s.effects(),
        s.forkWrapper(),
        s.onlyChildReturns(),
        s.passThrough(),
        true);
  }

  /** The finished summaries, static functions by file and name, external ones by name. */
  private static Summaries summaries(
      List<Fn> fns,
      Summary[] done,
      Set<String> declared,
      Specializer specializer,
      Map<String, Summary> pointers,
      Set<String> pointerVariables) {
    Map<String, Summary> staticSummaries = new HashMap<>();
    Map<String, Summary> headerStatics = new HashMap<>();
    Map<String, Summary> externalSummaries = new HashMap<>();
    for (int id = 0; id < fns.size(); id++) {
      Fn fn = fns.get(id);
      if (fn.facts().isStatic()) {
        staticSummaries.putIfAbsent(Summaries.key(fn.path(), fn.facts().name()), done[id]);
        if (Summaries.isHeader(fn.path())) {
          headerStatics.putIfAbsent(fn.facts().name(), done[id]);
        }
      } else {
        externalSummaries.putIfAbsent(fn.facts().name(), done[id]);
      }
    }
    pointers.forEach(externalSummaries::putIfAbsent);
    headerStatics.forEach(externalSummaries::putIfAbsent); // after the real external functions
    return new Summaries(
        staticSummaries, externalSummaries, declared, specializer, pointerVariables);
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
        null,
        null,
        -1,
        false);
  }

  /** Looks up the summary of a callee from a given file while summaries are being built. */
  @FunctionalInterface
  interface Resolver {
    Summary resolve(String callerPath, String callee);

    /** The summary of the callee of {@code call}, specialized to its constant arguments. */
    default Summary resolveCall(String callerPath, Expr.Call call) {
      return resolve(callerPath, call.calleeName());
    }

    /** True when {@code name} is a global variable the tree stores into: a function pointer. */
    default boolean isPointer(String name) {
      return false;
    }
  }

  /** Tarjan's algorithm, iterative; components come out callees first (see {@link CallGraph}). */
  static List<int[]> sccs(List<int[]> graph) {
    return CallGraph.sccs(graph);
  }

  // ------------------------------------------------------------------ one function

  /**
   * The summary of {@code fn} on the edges {@code feasible} accepts, for a call with constant
   * arguments; how it wraps a fork is that of its plain summary {@code base}.
   */
  private Summary specialized(Fn fn, Resolver resolver, Predicate<Edge> feasible, Summary base) {
    FunctionFacts f = fn.facts();
    Walk walk = new Walk(f.cfg(), fn.path(), resolver, feasible);
    walk.run();
    List<Effect> effects =
        EffectCollector.collect(knowledge, f, fn.path(), walk.visited, resolver, walk.callees);
    return new Summary(
        f.name(),
        f.location(),
        f.isStatic(),
        walk.mayReturn || base.forkWrapper() != null || base.onlyChildReturns() != null,
        walk.mayExec,
        walk.endings,
        effects,
        base.forkWrapper(),
        base.onlyChildReturns(),
        base.passThrough(),
        base.forkNeverFails());
  }

  private Summary summarize(Fn fn, Resolver resolver) {
    FunctionFacts f = fn.facts();
    Walk walk = new Walk(f.cfg(), fn.path(), resolver, e -> true);
    walk.run();
    List<Effect> effects =
        EffectCollector.collect(knowledge, f, fn.path(), walk.visited, resolver, walk.callees);
    Wrapping wrapping = wrapping(fn, resolver);
    return new Summary(
        f.name(),
        f.location(),
        f.isStatic(),
        walk.mayReturn || wrapping.returnsResult() != null || wrapping.onlyChild() != null,
        walk.mayExec,
        walk.endings,
        effects,
        wrapping.returnsResult(),
        wrapping.returnsResult() == null ? wrapping.onlyChild() : null,
        passThrough(f),
        wrapping.neverFails());
  }

  /**
   * The parameter that every return of the function hands back unchanged (through casts), or -1:
   * such a function is transparent to the value it is given ({@code xvforkwrap(vfork())}).
   */
  static int passThrough(FunctionFacts f) {
    int index = -1;
    boolean any = false;
    for (CfgNode n : f.cfg().nodes()) {
      if (n.kind() != NodeKind.RETURN) {
        continue;
      }
      Expr value = n.expr() == null ? null : Expr.stripCasts(n.expr());
      int i = value instanceof Expr.Name name ? f.params().indexOf(name.id()) : -1;
      if (i < 0 || (any && i != index) || writesParameter(f, name(value))) {
        return -1;
      }
      index = i;
      any = true;
    }
    return index;
  }

  private static String name(Expr e) {
    return e instanceof Expr.Name n ? n.id() : null;
  }

  /**
   * True when some statement of the function may store to the variable (then it is not passed
   * through).
   */
  private static boolean writesParameter(FunctionFacts f, String param) {
    for (CfgNode n : f.cfg().nodes()) {
      for (Store s : Store.of(n)) {
        if (param.equals(s.key())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The paths of one function from its entry, each node visited at most once without and once after
   * an exec attempt: whether a path reaches the exit, whether the function may exec, how the paths
   * that never return end, and the nodes reached.
   */
  private final class Walk {
    private final Cfg cfg;
    private final String path;
    private final Resolver resolver;
    private final Callees callees;
    private final Predicate<Edge> feasible;
    private final BitSet plain;
    private final BitSet execed;
    private final Deque<int[]> work = new ArrayDeque<>();
    final BitSet visited;
    final Set<EndKind> endings = EnumSet.noneOf(EndKind.class);
    boolean mayReturn;
    boolean mayExec;

    Walk(Cfg cfg, String path, Resolver resolver, Predicate<Edge> feasible) {
      this.cfg = cfg;
      this.path = path;
      this.resolver = resolver;
      this.callees = callees(path, resolver);
      this.feasible = feasible;
      this.plain = new BitSet(cfg.size());
      this.execed = new BitSet(cfg.size());
      this.visited = new BitSet(cfg.size());
    }

    void run() {
      work.push(new int[] {cfg.entry().id(), 0});
      plain.set(cfg.entry().id());
      while (!work.isEmpty()) {
        int[] item = work.pop();
        CfgNode node = cfg.node(item[0]);
        visited.set(node.id());
        boolean execsHere = node.expr() != null && callees.containsExec(node.expr());
        boolean execFlag = item[1] == 1 || execsHere;
        mayExec |= execsHere;
        Summary helper = callees.neverReturningHelper(node);
        if (helper != null) {
          endings.add(helper.endingForChild(execFlag));
          continue;
        }
        follow(node, endingCall(node), execFlag);
      }
    }

    /** Follows the edges out of {@code node}, except the one taken when exec succeeds. */
    private void follow(CfgNode node, Expr.Call top, boolean execFlag) {
      for (Edge e : cfg.successors(node.id())) {
        if (e.kind() == EdgeKind.EXEC_OK || !feasible.test(e)) {
          continue;
        }
        CfgNode to = cfg.node(e.to());
        if (to.kind() == NodeKind.EXIT) {
          mayReturn = true;
          continue;
        }
        if (to.kind() == NodeKind.NORETURN_EXIT) {
          endings.add(
              noReturnEnding(
                  knowledge, top, path, (p, n) -> resolver.resolveCall(p, top), execFlag));
          continue;
        }
        BitSet seen = execFlag ? execed : plain;
        if (!seen.get(to.id())) {
          seen.set(to.id());
          work.push(new int[] {to.id(), execFlag ? 1 : 0});
        }
      }
    }
  }

  /**
   * What the functions called from file {@code path} do, as far as the summaries built so far tell:
   * the one place that says whether a call execs or never returns, for the walk and the effects.
   */
  private Callees callees(String path, Resolver resolver) {
    return new Callees(knowledge, resolver::resolve, path, resolver::resolveCall);
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
      return endingOf(cls, execFlag);
    }
    Summary s = lookup.apply(path, name);
    return s == null ? EndKind.NORETURN_CALL : s.endingForChild(execFlag);
  }

  /** How a call of a C library function of a class ends a path that reaches it. */
  private static EndKind endingOf(FunctionClass cls, boolean execFlag) {
    return switch (cls) {
      case UNDERSCORE_EXIT -> execFlag ? EndKind.EXEC_EXIT : EndKind.UNDERSCORE_EXIT;
      case EXIT -> EndKind.EXIT;
      case ABORT -> EndKind.ABORT;
      case NONLOCAL_JUMP -> EndKind.LONGJMP;
      default -> EndKind.NORETURN_CALL;
    };
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

  /**
   * How a function wraps a fork/vfork of its own, by the kind of that call.
   *
   * @param returnsResult its child returns the fork result to the caller ({@code return vfork();},
   *     {@code pid = vfork(); if (pid < 0) die(); return pid;}): each call of it is a fork site for
   *     its caller. A spawn helper whose child execs and only the parent returns the pid is not
   *     one.
   * @param onlyChild VFORK when only its vfork child ever returns to the caller, the parent waits
   *     and exits inside (busybox's {@code xvfork_parent_waits_and_exits()}), or null
   */
  private record Wrapping(
      ForkSite.Kind returnsResult, ForkSite.Kind onlyChild, boolean neverFails) {}

  private Wrapping wrapping(Fn fn, Resolver resolver) {
    List<ForkSite> sites = new SiteFinder(knowledge).find(fn.facts(), fn.path(), resolver::resolve);
    if (sites.isEmpty()) {
      return new Wrapping(null, null, false);
    }
    ChildRegionAnalysis regions = new ChildRegionAnalysis(knowledge, resolver::resolve, fn.path());
    ForkSite.Kind result = null;
    ForkSite.Kind onlyChild = null;
    boolean neverFails = true;
    for (ForkSite s : sites) {
      ChildRegion region = regions.analyze(fn.facts(), s);
      if (returnsResult(fn, s, region) && (result == null || s.kind() == ForkSite.Kind.VFORK)) {
        result = s.kind();
        // the failed fork's path ends inside (a die()), or never reaches a return
        neverFails &= !region.rolesAt(fn.facts().cfg().exit().id()).contains(Role.ERROR);
      }
      // a fork child that returns to the caller has its own memory (a daemonize()): only a vfork
      // child running the caller's code on the parent's stack makes the call a site
      if (s.kind() == ForkSite.Kind.VFORK && onlyChildReturns(fn, region)) {
        onlyChild = s.kind();
      }
    }
    return new Wrapping(result, onlyChild, result != null && neverFails);
  }

  @SuppressWarnings("ReferenceEquality") // this site's own call node
  private static boolean returnsResult(Fn fn, ForkSite s, ChildRegion region) {
    for (PathEnd end : region.ends()) {
      CfgNode n = fn.facts().cfg().node(end.node());
      if (end.kind() != EndKind.RETURN || n.kind() != NodeKind.RETURN || n.expr() == null) {
        continue;
      }
      Expr value = Expr.stripCasts(n.expr());
      String key = Expr.lvalueKey(value);
      if (value == s.call() || (key != null && key.equals(s.resultKey()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the child reaches the function's return and no path of the parent does (a failed
   * fork, which such wrappers end in a die() the analysis may not see, does not count).
   */
  private static boolean onlyChildReturns(Fn fn, ChildRegion region) {
    Set<Role> atExit = region.rolesAt(fn.facts().cfg().exit().id());
    return atExit.stream().anyMatch(Role::isChild)
        && atExit.stream().allMatch(r -> r.isChild() || r == Role.ERROR);
  }
}
