package dev.vforkcheck.analysis;

import dev.vforkcheck.analysis.CallGraph.Fn;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Edge;
import dev.vforkcheck.cfg.EdgeKind;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.NodeKind;
import dev.vforkcheck.cfg.Store;
import dev.vforkcheck.frontend.FunctionFacts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Path-sensitive summaries at a call: when a call passes a constant for a parameter that the callee
 * only tests ({@code errmsg(1, ...)} whose body says {@code if (doexit) exit(code);}), the callee
 * is summarized again with the branches that constant rules out dropped, so its effects and endings
 * are those of the paths the call can take. Specializations are computed on demand and kept per
 * callee and constant arguments; a call that passes no such constant gets the plain summary.
 */
final class Specializer {
  /** Summarizes a function with only the edges the predicate accepts. */
  @FunctionalInterface
  interface Summarizer {
    Summary summarize(Fn fn, Predicate<Edge> feasible, Summary base);
  }

  private final CallGraph graph;
  private final Summarizer summarizer;
  private final Map<Integer, List<Integer>> guards = new ConcurrentHashMap<>();
  private final Map<String, Summary> cache = new ConcurrentHashMap<>();
  private final ThreadLocal<Set<String>> inProgress = ThreadLocal.withInitial(HashSet::new);

  Specializer(CallGraph graph, Summarizer summarizer) {
    this.graph = graph;
    this.summarizer = summarizer;
  }

  /**
   * The summary of the function {@code call} reaches from {@code callerPath}, specialized to the
   * call's constant arguments; {@code base} (its plain summary) when nothing is to be gained.
   */
  Summary atCall(String callerPath, Expr.Call call, Summary base) {
    if (base == null || call == null || call.calleeName() == null) {
      return base;
    }
    Integer id = graph.id(callerPath, call.calleeName());
    if (id == null) {
      return base;
    }
    Fn fn = graph.functions().get(id);
    SortedMap<Integer, Long> constants = new TreeMap<>();
    for (int i = 0; i < call.args().size(); i++) {
      Long v = Expr.constantValue(call.args().get(i));
      if (v != null) {
        constants.put(i, v);
      }
    }
    return withValues(id, fn, constants, base);
  }

  /**
   * The summary of function number {@code id} when its parameters have the given values (by index);
   * {@code base} when none of them is a guard.
   */
  Summary withValues(int id, Fn fn, SortedMap<Integer, Long> values, Summary base) {
    SortedMap<Integer, Long> known = new TreeMap<>(values);
    known.keySet().retainAll(guards.computeIfAbsent(id, k -> guardParameters(fn.facts())));
    if (known.isEmpty()) {
      return base;
    }
    String key = id + ":" + known;
    Summary cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    if (!inProgress.get().add(key)) {
      return base; // a recursive call with the same constants: the plain summary
    }
    try {
      Summary s = summarizer.summarize(fn, feasible(fn.facts(), known), base);
      cache.put(key, s);
      return s;
    } finally {
      inProgress.get().remove(key);
    }
  }

  /**
   * The parameters the function tests in a branch or switch and never writes: the ones a constant
   * argument can decide.
   */
  static List<Integer> guardParameters(FunctionFacts f) {
    Set<String> tested = new HashSet<>();
    Set<String> written = new HashSet<>();
    for (CfgNode n : f.cfg().nodes()) {
      if ((n.kind() == NodeKind.BRANCH || n.kind() == NodeKind.SWITCH) && n.expr() != null) {
        String name = testedName(n);
        if (name != null) {
          tested.add(name);
        }
      }
      for (Store s : Store.of(n)) {
        if (s.key() != null) {
          written.add(s.key());
        }
      }
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < f.params().size(); i++) {
      String p = f.params().get(i);
      if (tested.contains(p) && !written.contains(p)) {
        out.add(i);
      }
    }
    return out;
  }

  /** The variable a branch tests against a constant, or a switch switches on, or null. */
  private static String testedName(CfgNode n) {
    Expr subject = n.kind() == NodeKind.SWITCH ? n.expr() : subjectOf(ValueTest.of(n.expr()));
    Expr x = subject == null ? null : masked(subject);
    return x instanceof Expr.Name name ? name.id() : null;
  }

  /** {@code flags & MASK} tests {@code flags} (the mask is applied by {@link #valueOf}). */
  private static Expr masked(Expr e) {
    Expr x = Expr.stripCasts(e);
    if (x instanceof Expr.Binary b
        && b.op() == Expr.BinaryOp.BIT_AND
        && Expr.constantValue(b.right()) != null) {
      return Expr.stripCasts(b.left());
    }
    return x;
  }

  private static Expr subjectOf(ValueTest t) {
    return t == null ? null : t.subject();
  }

  /** The edges a call with these parameter values can take: the others' tests rule them out. */
  private static Predicate<Edge> feasible(FunctionFacts f, Map<Integer, Long> known) {
    Map<String, Long> values = new TreeMap<>();
    known.forEach((i, v) -> values.put(f.params().get(i), v));
    BiFunction<CfgNode, Edge, Boolean> ok =
        (n, e) -> {
          if (n.expr() == null) {
            return true;
          }
          if (n.kind() == NodeKind.BRANCH
              && (e.kind() == EdgeKind.TRUE || e.kind() == EdgeKind.FALSE)) {
            ValueTest t = ValueTest.of(n.expr());
            Long v = t == null ? null : valueOf(t.subject(), values);
            if (v == null) {
              return true;
            }
            Boolean holds = t.over(v, v);
            return holds == null || holds == (e.kind() == EdgeKind.TRUE);
          }
          if (n.kind() == NodeKind.SWITCH) {
            Long v = valueOf(n.expr(), values);
            if (v == null) {
              return true;
            }
            if (e.kind() == EdgeKind.CASE) {
              return e.caseValue() == null || e.caseValue().equals(v);
            }
            if (e.kind() == EdgeKind.DEFAULT) {
              return f.cfg().successors(n.id()).stream()
                  .noneMatch(c -> c.kind() == EdgeKind.CASE && v.equals(c.caseValue()));
            }
          }
          return true;
        };
    return e -> ok.apply(f.cfg().node(e.from()), e);
  }

  /** The value of {@code p} or {@code p & MASK} when the parameter {@code p} has a known value. */
  private static Long valueOf(Expr subject, Map<String, Long> values) {
    Expr x = Expr.stripCasts(subject);
    if (x instanceof Expr.Binary b && b.op() == Expr.BinaryOp.BIT_AND) {
      Long mask = Expr.constantValue(b.right());
      Long v = mask == null ? null : valueOf(b.left(), values);
      return v == null ? null : v & mask;
    }
    return x instanceof Expr.Name n ? values.get(n.id()) : null;
  }
}
