package dev.vforkcheck.bench;

import dev.vforkcheck.cli.AnalysisOptions;
import dev.vforkcheck.engine.Engine;
import dev.vforkcheck.engine.ScanConfig;
import dev.vforkcheck.engine.ScanStats;
import dev.vforkcheck.engine.SourceWalker;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.rules.RuleRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prints, for one tree, the time of a bare CDT parse of every file (the same options, nothing of
 * the analysis) and of a full scan, their ratio, lines per second and peak heap, with {@code -j 1}
 * and all cores, with headers followed and not. Each measurement is the median of several runs
 * after a warm-up, parse and scan interleaved in one JVM so that their ratio is stable on a noisy
 * machine. Prints numbers; asserts nothing.
 *
 * <p>{@code Benchmark TREE [--runs N] [--warmup N] [-- SCAN OPTIONS...]}
 */
public final class Benchmark {
  private final List<Path> files;
  private final long lines;
  private final List<String> extra;
  private final KnowledgeBase knowledge = KnowledgeBase.load();
  private final RuleRegistry registry = RuleRegistry.builtin();
  private final Path root;
  private long parsedDeclarations;

  private Benchmark(Path root, List<Path> files, long lines, List<String> extra) {
    this.root = root;
    this.files = files;
    this.lines = lines;
    this.extra = extra;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: Benchmark TREE [--runs N] [--warmup N] [-- SCAN OPTIONS...]");
      System.exit(2);
    }
    Path root = Path.of(args[0]).toAbsolutePath().normalize();
    int runs = 3;
    int warmup = 1;
    List<String> extra = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--" -> {
          extra.addAll(Arrays.asList(args).subList(i + 1, args.length));
          i = args.length;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<Path> files = SourceWalker.expand(List.of(root));
    long lines = 0;
    for (Path f : files) {
      lines += Files.readAllLines(f, StandardCharsets.ISO_8859_1).size();
    }
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(
        Locale.ROOT,
        "java %s, %d cores, max heap %d MB%ntree %s: %d files, %d lines%n",
        System.getProperty("java.version"),
        cores,
        Runtime.getRuntime().maxMemory() >> 20,
        root,
        files.size(),
        lines);
    Benchmark b = new Benchmark(root, files, lines, extra);
    System.out.println(
        "includes  jobs  parse-only ms  scan ms  scan/parse  lines/s (scan)  peak heap MB (scan)");
    for (boolean includes : new boolean[] {false, true}) {
      for (int jobs : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
        b.measure(includes, jobs, runs, warmup);
      }
    }
    System.out.printf(Locale.ROOT, "peak RSS of this process: %d MB%n", peakRssMb());
  }

  private void measure(boolean includes, int jobs, int runs, int warmup) throws Exception {
    List<String> args = new ArrayList<>(List.of("--no-config", "-j", String.valueOf(jobs)));
    if (!includes) {
      args.add("--no-includes");
    }
    args.addAll(extra);
    Set<String> ids = new HashSet<>();
    registry.metadata().forEach(m -> ids.add(m.id()));
    ScanConfig config =
        AnalysisOptions.fromArguments(args, root, registry.all(), ids)
            .withAdvisor(registry.advisor())
            .withTree(root, List.of(root), List.of());
    long[] parse = new long[runs];
    long[] scan = new long[runs];
    long[][] phases = new long[4][runs];
    long heap = 0;
    ScanStats stats = null;
    for (int r = -warmup; r < runs; r++) {
      long p = timeParse(config);
      resetPeaks();
      long start = System.nanoTime();
      stats = new Engine(knowledge, config).scan(files).stats();
      long s = (System.nanoTime() - start) / 1_000_000;
      if (r >= 0) {
        parse[r] = p;
        scan[r] = s;
        heap = Math.max(heap, peakHeapMb());
        phases[0][r] = stats.phases().harvest();
        phases[1][r] = stats.phases().parse();
        phases[2][r] = stats.phases().summaries();
        phases[3][r] = stats.phases().analyze();
      }
    }
    long pm = median(parse);
    long sm = median(scan);
    System.out.printf(
        Locale.ROOT,
        "%-8s  %4d  %13d  %7d  %10.2f  %14.0f  %19d%n",
        includes ? "followed" : "no",
        jobs,
        pm,
        sm,
        (double) sm / pm,
        lines / (sm / 1000.0),
        heap);
    System.out.printf(
        Locale.ROOT,
        "          phases ms: headers %d, parse+facts %d, summaries %d, analysis %d;"
            + " parses %d (%d files, %d in other configurations)%n",
        median(phases[0]),
        median(phases[1]),
        median(phases[2]),
        median(phases[3]),
        stats.parses(),
        stats.filesScanned(),
        stats.configurations());
    if (parsedDeclarations == 0) {
      System.out.println("  (the parse-only pass parsed no declarations: its number is not valid)");
    }
  }

  /**
   * The bare parse of every file with the scan's own front end (same options, headers, cache), on
   * the configured number of threads: the floor of a scan.
   */
  private long timeParse(ScanConfig config) {
    long start = System.nanoTime();
    parsedDeclarations = new Engine(knowledge, config).parseOnly(files);
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static long median(long[] xs) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static long peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum >> 20;
  }

  /** VmHWM of /proc/self/status, in MB (-1 when not on Linux). */
  private static long peakRssMb() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmHWM:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", "")) >> 10;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
