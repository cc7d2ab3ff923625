package dev.vforkcheck.dataflow;

import dev.vforkcheck.cfg.Cfg;
import dev.vforkcheck.cfg.Edge;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * The one generic forward dataflow solver: a worklist over nodes ordered by reverse postorder,
 * joining the facts of incoming edges until nothing changes.
 */
public final class WorklistSolver {
  private WorklistSolver() {}

  /**
   * Solves a forward problem.
   *
   * @param seeds facts joined into the IN of the given nodes before solving (e.g. the entry, or a
   *     fork site)
   */
  public static <S> Solution<S> forward(
      Cfg cfg, Lattice<S> lattice, Transfer<S> transfer, Map<Integer, S> seeds) {
    int n = cfg.size();
    int[] order = reversePostorder(cfg, seeds.keySet());
    List<S> in = new ArrayList<>(n);
    List<S> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      in.add(lattice.bottom());
      out.add(lattice.bottom());
    }
    PriorityQueue<Integer> work =
        new PriorityQueue<>((a, b) -> Integer.compare(order[a], order[b]));
    BitSet queued = new BitSet(n);
    for (var seed : seeds.entrySet()) {
      in.set(seed.getKey(), lattice.join(in.get(seed.getKey()), seed.getValue()));
      if (!queued.get(seed.getKey())) {
        queued.set(seed.getKey());
        work.add(seed.getKey());
      }
    }
    S bottom = lattice.bottom();
    while (!work.isEmpty()) {
      int node = work.poll();
      queued.clear(node);
      S newOut = transfer.node(cfg.node(node), in.get(node));
      if (Objects.equals(newOut, out.get(node)) && !Objects.equals(newOut, bottom)) {
        continue;
      }
      out.set(node, newOut);
      for (Edge e : cfg.successors(node)) {
        S flow = transfer.edge(e, cfg.node(node), newOut);
        S old = in.get(e.to());
        S joined = lattice.join(old, flow);
        if (!Objects.equals(joined, old) && !queued.get(e.to())) {
          in.set(e.to(), joined);
          queued.set(e.to());
          work.add(e.to());
        } else {
          in.set(e.to(), joined);
        }
      }
    }
    return new Solution<>(cfg, in, out, transfer);
  }

  /**
   * Position of each node in a reverse postorder from the entry and the seeds; unreached nodes
   * last.
   */
  static int[] reversePostorder(Cfg cfg, Iterable<Integer> roots) {
    int n = cfg.size();
    int[] pos = new int[n];
    Arrays.fill(pos, Integer.MAX_VALUE);
    BitSet seen = new BitSet(n);
    List<Integer> post = new ArrayList<>(n);
    List<Integer> starts = new ArrayList<>();
    starts.add(cfg.entry().id());
    roots.forEach(starts::add);
    for (int root : starts) {
      if (seen.get(root)) {
        continue;
      }
      // iterative DFS producing postorder
      Deque<int[]> stack = new ArrayDeque<>();
      stack.push(new int[] {root, 0});
      seen.set(root);
      while (!stack.isEmpty()) {
        int[] top = stack.peek();
        List<Edge> succ = cfg.successors(top[0]);
        if (top[1] < succ.size()) {
          int next = succ.get(top[1]++).to();
          if (!seen.get(next)) {
            seen.set(next);
            stack.push(new int[] {next, 0});
          }
        } else {
          post.add(top[0]);
          stack.pop();
        }
      }
    }
    for (int i = 0; i < post.size(); i++) {
      pos[post.get(i)] = post.size() - 1 - i;
    }
    return pos;
  }
}
