package dev.vforkcheck.engine;

import dev.vforkcheck.analysis.Summaries;
import dev.vforkcheck.analysis.SummaryFactory;
import dev.vforkcheck.frontend.FileFacts;
import dev.vforkcheck.frontend.FrontEnd;
import dev.vforkcheck.frontend.HeaderCache;
import dev.vforkcheck.frontend.SourceText;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs a scan: parses files in parallel, computes fork sites and their child regions, runs every
 * enabled rule per translation unit and returns findings in deterministic order. No AST outlives
 * the parse of its file. Never throws on bad input: problems become {@link Diagnostic}s.
 *
 * <p>This class holds the public API and the order of the passes; the passes themselves are in
 * {@link FrontEnds} (pass 0, the headers' macros, and the front ends), {@link FileParser} (pass 1),
 * {@link TreeDiagnostics} (the tree's problems after pass 1) and {@link FileAnalyzer} (pass 2), run
 * on threads by {@link Parallel}.
 */
public final class Engine {
  private final KnowledgeBase knowledge;
  private final ScanConfig config;

  public Engine(KnowledgeBase knowledge, ScanConfig config) {
    this.knowledge = knowledge;
    this.config = config;
  }

  /** The enabled rules. */
  public List<Rule> rules() {
    return config.rules();
  }

  /**
   * Everything the analyzer knows about one file: its facts and every site with its child region.
   */
  public record FileAnalysis(
      FileFacts facts,
      List<SiteContext> sites,
      List<Finding> findings,
      String contentHash,
      List<List<String>> siteConfigurations,
      Map<Integer, String> snippets) {
    public FileAnalysis {
      sites = List.copyOf(sites);
      findings = List.copyOf(findings);
      siteConfigurations = siteConfigurations.stream().map(List::copyOf).toList();
      snippets = Map.copyOf(snippets);
    }

    public FileAnalysis(FileFacts facts, List<SiteContext> sites, List<Finding> findings) {
      this(
          facts,
          sites,
          findings,
          "",
          sites.stream().map(s -> List.<String>of()).toList(),
          Map.of());
    }

    FileAnalysis withHash(String hash) {
      return new FileAnalysis(facts, sites, findings, hash, siteConfigurations, snippets);
    }

    /**
     * The same analysis quoting the source lines its findings, their steps and its sites point at.
     */
    FileAnalysis withSnippets(SourceText text) {
      Map<Integer, String> lines = new TreeMap<>();
      Consumer<Location> quote =
          l -> {
            if (l.path().equals(facts.path()) && l.line() >= 1 && l.line() <= text.lineCount()) {
              lines.put(l.line(), text.lineText(l.line()));
            }
          };
      for (Finding f : findings) {
        quote.accept(f.location());
        f.steps().forEach(st -> quote.accept(st.location()));
      }
      sites.forEach(st -> quote.accept(st.site().location()));
      return new FileAnalysis(facts, sites, findings, contentHash, siteConfigurations, lines);
    }
  }

  /**
   * The name findings show for the scan's own configuration when they were also found in others.
   */
  public static final String DEFAULT_CONFIGURATION = "default";

  /**
   * Scans files (already expanded by {@link SourceWalker}) in two passes: pass 1 parses every file
   * in parallel and keeps only its facts; then the summaries of every function in the tree are
   * built bottom-up; pass 2 finds the fork sites, computes their child regions and runs the rules,
   * again in parallel, file by file.
   */
  public ScanResult scan(List<Path> files) {
    long start = System.nanoTime();
    List<Diagnostic> treeProblems = new ArrayList<>();
    Summaries[] summaries = new Summaries[1];
    Counts counts = new Counts();
    List<FileAnalysis> results = analyzeAll(files, treeProblems, summaries, counts);
    List<Finding> findings = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>(treeProblems);
    List<SiteReport> sites = new ArrayList<>();
    Map<String, String> hashes = new TreeMap<>();
    Map<String, Map<Integer, String>> snippets = new TreeMap<>();
    for (FileAnalysis r : results) {
      findings.addAll(r.findings());
      diagnostics.addAll(r.facts().diagnostics());
      if (!r.contentHash().isEmpty()) {
        hashes.put(r.facts().path(), r.contentHash());
      }
      if (!r.snippets().isEmpty()) {
        snippets.put(r.facts().path(), r.snippets());
      }
      for (int i = 0; i < r.sites().size(); i++) {
        sites.add(
            FileAnalyzer.report(
                r.sites().get(i), r.facts().path(), summaries[0], r.siteConfigurations().get(i)));
      }
    }
    findings.sort(Finding.ORDER);
    diagnostics.sort(Diagnostic.ORDER);
    sites.sort(Comparator.comparing(s -> s.site().location(), Location.ORDER));
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new ScanResult(
        findings,
        diagnostics,
        sites,
        hashes,
        snippets,
        stats(files.size(), results, sites.size(), millis, summaries[0], counts));
  }

  /** What the passes count while they run, for {@link ScanStats}; filled on the calling thread. */
  private static final class Counts {
    long configurations;
    long headerVersions;
    long headerReuses;
    long parses;
    long harvestMillis;
    long parseMillis;
    long summaryMillis;
    long analyzeMillis;
  }

  /** The scan's counts. */
  private static ScanStats stats(
      int fileCount,
      List<FileAnalysis> results,
      int siteCount,
      long millis,
      Summaries summaries,
      Counts counts) {
    int parsedCount = 0;
    long lines = 0;
    long functions = 0;
    for (FileAnalysis r : results) {
      boolean skipped =
          r.facts().diagnostics().stream().anyMatch(Diagnostic::fileSkipped)
              || r.facts().lines() == 0;
      if (!skipped) {
        parsedCount++;
      }
      lines += r.facts().lines();
      functions += r.facts().functions().size();
    }
    return new ScanStats(
        fileCount,
        parsedCount,
        lines,
        functions,
        siteCount,
        millis,
        summaries.size(),
        counts.configurations,
        counts.headerVersions,
        counts.headerReuses,
        counts.parses,
        new ScanStats.Phases(
            counts.harvestMillis, counts.parseMillis, counts.summaryMillis, counts.analyzeMillis));
  }

  /**
   * The per-file results of a scan, with the functions and regions behind them (for {@code cfg}).
   *
   * @param files one result per reported file, in order
   * @param problems problems of the whole tree (headers not found, ...)
   */
  public record TreeAnalysis(List<FileAnalysis> files, List<Diagnostic> problems) {
    public TreeAnalysis {
      files = List.copyOf(files);
      problems = List.copyOf(problems);
    }
  }

  /**
   * Both passes over a set of files analyzed together (a tree), exactly as {@link #scan} runs them.
   */
  public TreeAnalysis analyzeTree(List<Path> files) {
    List<Diagnostic> problems = new ArrayList<>();
    List<FileAnalysis> out = analyzeAll(files, problems, new Summaries[1], new Counts());
    return new TreeAnalysis(out, problems);
  }

  /**
   * Only the CDT parse of every file, once, in its default configuration, with the front end a scan
   * uses (headers followed through the same cache, the tree's harvested macros) and nothing of the
   * analysis: the floor a scan is compared with by the benchmark.
   *
   * @return the number of top-level declarations parsed (a file that cannot be read counts 0)
   */
  public long parseOnly(List<Path> files) {
    FrontEnds.Harvest harvest = FrontEnds.harvest(files, knowledge);
    List<Path> roots = config.roots().isEmpty() ? FrontEnds.defaultRoots(files) : config.roots();
    FrontEnd frontEnd =
        new FrontEnds(knowledge, config.variants(), roots, harvest).of(config.parse());
    List<Integer> declarations =
        new Parallel(config.jobs())
            .map(
                files,
                f -> {
                  try {
                    SourceText text = SourceText.decode(Files.readAllBytes(f));
                    return frontEnd.parseOnly(displayPath(f), text);
                  } catch (IOException | RuntimeException e) {
                    return 0; // what a scan would report as a problem with the input
                  }
                });
    return declarations.stream().mapToLong(Integer::longValue).sum();
  }

  /** Both passes over a tree; one result per file, in order; an internal failure throws (tests). */
  public List<FileAnalysis> analyzeAll(List<Path> files) {
    TreeAnalysis tree = analyzeTree(files);
    for (Diagnostic d : tree.problems()) {
      if (d.kind() == Diagnostic.Kind.INTERNAL) {
        throw new IllegalStateException(d.message());
      }
    }
    return tree.files();
  }

  /**
   * @param counts filled with the passes' counts and times
   */
  private List<FileAnalysis> analyzeAll(
      List<Path> files, List<Diagnostic> treeProblems, Summaries[] built, Counts counts) {
    long start = System.nanoTime();
    FrontEnds.Harvest harvest = FrontEnds.harvest(files, knowledge);
    counts.harvestMillis = millisSince(start);
    if (!harvest.redefined().isEmpty()) {
      // the project's own error()/... macros are not the libc functions of the same name
      return new Engine(knowledge.without(harvest.redefined()), config)
          .passes(files, harvest, treeProblems, built, counts);
    }
    return passes(files, harvest, treeProblems, built, counts);
  }

  /**
   * Pass 1 over every file, the tree's problems, the summaries, then pass 2 over the reported
   * files.
   */
  private List<FileAnalysis> passes(
      List<Path> files,
      FrontEnds.Harvest harvest,
      List<Diagnostic> treeProblems,
      Summaries[] built,
      Counts counts) {
    long start = System.nanoTime();
    List<Path> roots = config.roots().isEmpty() ? FrontEnds.defaultRoots(files) : config.roots();
    FrontEnds fronts = new FrontEnds(knowledge, config.variants(), roots, harvest);
    Parallel parallel = new Parallel(config.jobs());
    // pass 1: every file in each of its configurations, the default one first
    List<List<Parsed>> parsed =
        new FileParser(config, this::displayPath, parallel).parseTree(files, fronts);
    List<FileFacts> all = new ArrayList<>(parsed.size());
    parsed.forEach(p -> all.add(p.get(0).facts()));
    all.addAll(FileParser.onlyInOtherConfigurations(parsed));
    List<HeaderCache> caches = fronts.caches();
    treeProblems.addAll(new TreeDiagnostics(this::displayPath).of(parsed, caches));
    for (List<Parsed> ps : parsed) {
      counts.configurations += ps.size() - 1;
      ps.forEach(p -> counts.parses += p.facts().parses());
    }
    for (HeaderCache c : caches) {
      counts.headerVersions += c.stats()[1];
      counts.headerReuses += c.stats()[0];
    }
    counts.parseMillis = millisSince(start);
    // the summaries of every function in the tree, then pass 2 file by file
    start = System.nanoTime();
    Summaries summaries = summarize(all, treeProblems, parallel);
    built[0] = summaries;
    counts.summaryMillis = millisSince(start);
    start = System.nanoTime();
    FileAnalyzer analyzer = new FileAnalyzer(knowledge, config);
    List<FileAnalysis> out =
        parallel.map(
            reported(files, parsed),
            ps -> analyzer.merge(ps, summaries),
            ps -> ps.stream().mapToLong(p -> p.parsed() ? p.source().size() : 0).sum());
    counts.analyzeMillis = millisSince(start);
    return out;
  }

  private static long millisSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }

  /** The parsed configurations of the files to report (all of them unless the scan names some). */
  private List<List<Parsed>> reported(List<Path> files, List<List<Parsed>> parsed) {
    Set<Path> only = new HashSet<>(config.report());
    List<List<Parsed>> reported = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      if (only.isEmpty() || only.contains(files.get(i).toAbsolutePath().normalize())) {
        reported.add(parsed.get(i));
      }
    }
    return reported;
  }

  /**
   * Builds the tree's function summaries; if that fails (a bug), the scan goes on without them and
   * says so, rather than losing every result.
   */
  private Summaries summarize(List<FileFacts> all, List<Diagnostic> problems, Parallel parallel) {
    SummaryFactory.Batches batches = parallel::runAll;
    try {
      return new SummaryFactory(knowledge, batches).build(all);
    } catch (RuntimeException | StackOverflowError e) {
      String where = all.isEmpty() ? "." : all.get(0).path();
      problems.add(
          new Diagnostic(
              Diagnostic.Kind.INTERNAL,
              Location.point(where, 1, 1),
              "function summaries could not be built ("
                  + Failures.describe(e)
                  + "); calls to project functions are"
                  + " treated as unknown in this scan (please report this)"));
      return Summaries.NONE;
    }
  }

  /**
   * Reads, parses and analyzes one file with the tree of the configuration's roots (or on its own
   * when there are none); never throws for problems with the file.
   */
  public FileAnalysis analyzeFile(Path file) {
    List<Diagnostic> problems = new ArrayList<>();
    FileAnalysis fa = analyzeAll(List.of(file), problems, new Summaries[1], new Counts()).get(0);
    if (problems.isEmpty()) {
      return fa;
    }
    List<Diagnostic> all = new ArrayList<>(fa.facts().diagnostics());
    all.addAll(problems);
    all.sort(Diagnostic.ORDER);
    return new FileAnalysis(
        fa.facts().withDiagnostics(all),
        fa.sites(),
        fa.findings(),
        fa.contentHash(),
        fa.siteConfigurations(),
        fa.snippets());
  }

  /** The path to report: relative to the base directory when below it, always with '/'. */
  public String displayPath(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path base = config.baseDir().toAbsolutePath().normalize();
    Path shown = abs.startsWith(base) ? base.relativize(abs) : abs;
    return shown.toString().replace('\\', '/');
  }
}
