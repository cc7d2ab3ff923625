package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.frontend.FileFacts;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.frontend.PointerStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The call graph of the scanned tree over its defined functions, for {@link SummaryFactory}: the
 * functions numbered in file order; how a call from a file resolves to one of them (a static
 * function of that file first, then an external one; the first definition of a name wins); the
 * defined functions each one calls; and the strongly connected components, callees first.
 */
final class CallGraph {
  /** One defined function and the file it is in. */
  record Fn(String path, FunctionFacts facts) {}

  private final List<Fn> fns = new ArrayList<>();
  private final Map<String, Integer> statics = new HashMap<>();
  private final Map<String, Integer> externals = new HashMap<>();
  private final Map<String, Integer> headerStatics = new HashMap<>();
  private final List<int[]> callees;
  private final Map<String, Targets> pointers = new HashMap<>();
  private final Set<String> pointerVariables = new HashSet<>();

  /**
   * The functions a global function pointer can call, from every store into it in the tree.
   *
   * @param functions the project functions, by number
   * @param others the other names stored (C library functions such as {@code exit})
   */
  record Targets(List<Integer> functions, List<String> others) {}

  CallGraph(List<FileFacts> files) {
    for (FileFacts file : files) {
      for (FunctionFacts f : file.functions()) {
        int id = fns.size();
        fns.add(new Fn(file.path(), f));
        if (f.isStatic()) {
          statics.putIfAbsent(Summaries.key(file.path(), f.name()), id);
          if (Summaries.isHeader(file.path())) {
            headerStatics.putIfAbsent(f.name(), id); // static inline, in every includer
          }
        } else {
          externals.putIfAbsent(f.name(), id);
        }
      }
    }
    pointers(files);
    callees = callees();
  }

  /**
   * Resolves the stores into variables that are not functions: a variable initialized with a
   * function and only ever given function names gets them as targets. One given any other value
   * gets none, and so does a hook without an initializer (null until some program of the tree sets
   * it, as busybox's {@code die_func}): which program sets it, if any, is not known.
   */
  private void pointers(List<FileFacts> files) {
    Map<String, List<Integer>> functions = new HashMap<>();
    Map<String, List<String>> others = new HashMap<>();
    Set<String> unknown = new HashSet<>();
    Set<String> initialized = new HashSet<>();
    for (FileFacts file : files) {
      for (Map.Entry<String, List<PointerStore>> e : file.pointerStores().entrySet()) {
        String name = e.getKey();
        if (id(file.path(), name) != null) {
          continue; // a function, not a pointer
        }
        pointerVariables.add(name);
        for (PointerStore store : e.getValue()) {
          String value = store.function();
          if (store.initializer()) {
            initialized.add(name);
          }
          Integer target = store.unknown() ? null : id(file.path(), value);
          if (store.unknown()) {
            unknown.add(name);
          } else if (target != null) {
            List<Integer> list = functions.computeIfAbsent(name, k -> new ArrayList<>());
            if (!list.contains(target)) {
              list.add(target);
            }
          } else {
            List<String> list = others.computeIfAbsent(name, k -> new ArrayList<>());
            if (!list.contains(value)) {
              list.add(value);
            }
          }
        }
      }
    }
    Set<String> names = new TreeSet<>(functions.keySet());
    names.addAll(others.keySet());
    for (String name : names) {
      if (!unknown.contains(name) && initialized.contains(name)) {
        pointers.put(
            name,
            new Targets(
                List.copyOf(functions.getOrDefault(name, List.of())),
                List.copyOf(others.getOrDefault(name, List.of()))));
      }
    }
  }

  /**
   * What a call of {@code name} from file {@code path} can reach when {@code name} is a global
   * function pointer rather than a function; null when it is a function, or its targets are not all
   * known.
   */
  Targets pointerTargets(String path, String name) {
    return name == null || id(path, name) != null ? null : pointers.get(name);
  }

  /**
   * The variables the tree stores into that are not functions: when one is called, it is a function
   * pointer.
   */
  Set<String> pointerVariables() {
    return pointerVariables;
  }

  /** The names of the global function pointers whose targets are known. */
  Set<String> pointerNames() {
    return pointers.keySet();
  }

  /** The defined functions; a function's number is its index. */
  List<Fn> functions() {
    return fns;
  }

  /** The number of the function {@code name} called from file {@code path}, or null. */
  Integer id(String path, String name) {
    if (name == null) {
      return null;
    }
    Integer id = statics.get(Summaries.key(path, name));
    if (id == null) {
      id = externals.get(name);
    }
    return id != null ? id : headerStatics.get(name);
  }

  /** The strongly connected components, callees first, each's numbers in ascending order. */
  List<int[]> components() {
    return sccs(callees);
  }

  /**
   * The components by level, lowest first: a component's level is one more than the highest level
   * of the components it calls (a component that calls none is at level 0). Within a level, the
   * order of {@link #components()}.
   */
  List<List<int[]>> levels() {
    List<int[]> sccs = components();
    int[] componentOf = new int[fns.size()];
    for (int c = 0; c < sccs.size(); c++) {
      for (int id : sccs.get(c)) {
        componentOf[id] = c;
      }
    }
    int[] level = new int[sccs.size()];
    List<List<int[]>> out = new ArrayList<>();
    for (int c = 0; c < sccs.size(); c++) {
      int l = 0;
      for (int id : sccs.get(c)) {
        for (int callee : callees.get(id)) {
          int other = componentOf[callee];
          if (other != c) {
            l = Math.max(l, level[other] + 1); // callees come first: their level is known
          }
        }
      }
      level[c] = l;
      while (out.size() <= l) {
        out.add(new ArrayList<>());
      }
      out.get(l).add(sccs.get(c));
    }
    return out;
  }

  /** True when the component is a cycle: more than one function, or one that calls itself. */
  boolean recursive(int[] scc) {
    return scc.length > 1 || contains(callees.get(scc[0]), scc[0]);
  }

  /** For each defined function, the defined functions it calls (each once). */
  private List<int[]> callees() {
    List<int[]> out = new ArrayList<>(fns.size());
    for (Fn fn : fns) {
      List<Integer> targets = new ArrayList<>();
      for (CfgNode n : fn.facts().cfg().nodes()) {
        if (n.expr() == null) {
          continue;
        }
        for (Expr.Call c : Expr.calls(n.expr())) {
          Integer target = id(fn.path(), c.calleeName());
          if (target != null) {
            targets.add(target);
          } else {
            Targets via = pointerTargets(fn.path(), c.calleeName());
            if (via != null) {
              targets.addAll(via.functions()); // a call through a global function pointer
            }
          }
        }
      }
      out.add(targets.stream().mapToInt(Integer::intValue).distinct().toArray());
    }
    return out;
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
            out.add(popComponent(stack, onStack, v));
          }
        }
      }
    }
    return out;
  }

  /** Pops the component rooted at {@code v} off Tarjan's stack, its nodes in ascending order. */
  private static int[] popComponent(Deque<Integer> stack, boolean[] onStack, int v) {
    List<Integer> comp = new ArrayList<>();
    int w;
    do {
      w = stack.pop();
      onStack[w] = false;
      comp.add(w);
    } while (w != v);
    return comp.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }
}
