package dev.vforkcheck.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Runs the engine's per-file work on the configured number of threads, keeping results in the order
 * of the items. Each call uses its own pool of worker threads with a large stack, shut down before
 * it returns; with one job the items run one after the other on one such thread, so that {@code -j
 * 1} sees the same stack, and so the same results, as a parallel scan.
 */
final class Parallel {
  /**
   * Deeply nested C (generated parsers, long else-if chains) needs more stack than a default thread
   * has.
   */
  private static final long THREAD_STACK = 64L * 1024 * 1024;

  private final int jobs;

  Parallel(int jobs) {
    this.jobs = jobs;
  }

  /**
   * Like {@link #map(List, Function)}, but starts the heaviest items first so that one big file
   * does not finish alone at the end; results keep the order of {@code items}.
   */
  <T, R> List<R> map(List<T> items, Function<T, R> work, ToLongFunction<T> weight) {
    if (jobs == 1 || items.size() <= 1) {
      return map(items, work);
    }
    Integer[] order = new Integer[items.size()];
    long[] w = new long[items.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      w[i] = weight.applyAsLong(items.get(i));
    }
    Arrays.sort(
        order,
        (a, b) -> Long.compare(w[b], w[a]) != 0 ? Long.compare(w[b], w[a]) : Integer.compare(a, b));
    ExecutorService pool = Executors.newFixedThreadPool(jobs, threads());
    try {
      List<Future<R>> futures = new ArrayList<>(Collections.nCopies(items.size(), null));
      for (int i : order) {
        T item = items.get(i);
        futures.set(i, pool.submit(() -> work.apply(item)));
      }
      List<R> out = new ArrayList<>(items.size());
      for (Future<R> f : futures) {
        out.add(await(f));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Runs {@code work} over {@code items} on the configured number of threads, keeping the order.
   */
  <T, R> List<R> map(List<T> items, Function<T, R> work) {
    List<R> out = new ArrayList<>(items.size());
    if (jobs == 1 || items.size() <= 1) {
      ExecutorService one = Executors.newSingleThreadExecutor(threads());
      try {
        return await(
            one.submit(
                () -> {
                  List<R> done = new ArrayList<>(items.size());
                  for (T item : items) {
                    done.add(work.apply(item));
                  }
                  return done;
                }));
      } finally {
        one.shutdownNow();
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(jobs, threads());
    try {
      List<Future<R>> futures = new ArrayList<>(items.size());
      for (T item : items) {
        futures.add(pool.submit(() -> work.apply(item)));
      }
      for (Future<R> f : futures) {
        out.add(await(f));
      }
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  /**
   * Runs many small independent tasks and returns when all are done. Handing each to a thread costs
   * more than running it, so each thread gets a few chunks of about equal weight.
   *
   * @param weights a cost estimate per task
   */
  void runAll(List<Runnable> tasks, long[] weights) {
    map(
        chunks(tasks, weights, 4 * jobs),
        chunk -> {
          chunk.forEach(Runnable::run);
          return chunk.size();
        });
  }

  /**
   * The tasks in at most {@code n} chunks of about equal weight (heaviest first, each to the
   * lightest chunk so far); each chunk keeps its tasks' order.
   */
  private static List<List<Runnable>> chunks(List<Runnable> tasks, long[] weights, int n) {
    int count = Math.max(1, Math.min(n, tasks.size()));
    Integer[] order = new Integer[tasks.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(weights[b], weights[a]));
    long[] load = new long[count];
    List<TreeSet<Integer>> members = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      members.add(new TreeSet<>());
    }
    for (int i : order) {
      int lightest = 0;
      for (int c = 1; c < count; c++) {
        if (load[c] < load[lightest]) {
          lightest = c;
        }
      }
      load[lightest] += Math.max(1, weights[i]);
      members.get(lightest).add(i);
    }
    List<List<Runnable>> out = new ArrayList<>();
    for (TreeSet<Integer> m : members) {
      if (!m.isEmpty()) {
        out.add(m.stream().map(tasks::get).toList());
      }
    }
    return out;
  }

  private static <R> R await(Future<R> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("scan interrupted", e);
    } catch (ExecutionException e) {
      // parse and analyze catch everything a file can cause; reaching here is a bug in the engine
      throw new IllegalStateException(
          "analyzer failure: " + Failures.describe(e.getCause()), e.getCause());
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(null, r, "vforkcheck-worker-" + n.incrementAndGet(), THREAD_STACK);
      t.setDaemon(true);
      return t;
    };
  }
}
