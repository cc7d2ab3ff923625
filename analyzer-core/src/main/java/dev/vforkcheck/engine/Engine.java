package dev.vforkcheck.engine;

import dev.vforkcheck.analysis.ChildCall;
import dev.vforkcheck.analysis.ChildRegionAnalysis;
import dev.vforkcheck.analysis.EndKind;
import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.analysis.PathEnd;
import dev.vforkcheck.analysis.SiteFinder;
import dev.vforkcheck.analysis.Summaries;
import dev.vforkcheck.analysis.SummaryFactory;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.frontend.ConfigurationFinder;
import dev.vforkcheck.frontend.FileFacts;
import dev.vforkcheck.frontend.FrontEnd;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.frontend.HeaderCache;
import dev.vforkcheck.frontend.IncludeResolver;
import dev.vforkcheck.frontend.MacroHarvest;
import dev.vforkcheck.frontend.ParseOptions;
import dev.vforkcheck.frontend.SourceText;
import dev.vforkcheck.frontend.Variant;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Runs a scan: parses files in parallel, computes fork sites and their child regions, runs every
 * enabled rule per translation unit and returns findings in deterministic order. No AST outlives
 * the parse of its file. Never throws on bad input: problems become {@link Diagnostic}s.
 */
public final class Engine {
  /**
   * Deeply nested C (generated parsers, long else-if chains) needs more stack than a default thread
   * has.
   */
  private static final long THREAD_STACK = 64L * 1024 * 1024;

  private final KnowledgeBase knowledge;
  private final ScanConfig config;

  private final Advisor advisor;

  public Engine(KnowledgeBase knowledge, ScanConfig config) {
    this.knowledge = knowledge;
    this.config = config;
    this.advisor =
        config.advisor() != null
            ? config.advisor()
            : config.rules().stream()
                .filter(PortingRule.class::isInstance)
                .map(r -> ((PortingRule) r).advisor())
                .findFirst()
                .orElse(null);
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
   * A file after pass 1 in one configuration: its facts (no AST) and its text (for fingerprints),
   * or only diagnostics.
   */
  private record Parsed(
      FileFacts facts, SourceText text, String contentHash, String configuration) {
    Parsed(FileFacts facts, SourceText text, String contentHash) {
      this(facts, text, contentHash, "");
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
    long[] counts = new long[3];
    List<FileAnalysis> results = analyzeAll(files, treeProblems, summaries, counts);
    List<Finding> findings = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>(treeProblems);
    List<SiteReport> sites = new ArrayList<>();
    Map<String, String> hashes = new TreeMap<>();
    Map<String, Map<Integer, String>> snippets = new TreeMap<>();
    int parsedCount = 0;
    long lines = 0;
    long functions = 0;
    for (FileAnalysis r : results) {
      findings.addAll(r.findings());
      diagnostics.addAll(r.facts().diagnostics());
      if (!r.contentHash().isEmpty()) {
        hashes.put(r.facts().path(), r.contentHash());
      }
      if (!r.snippets().isEmpty()) {
        snippets.put(r.facts().path(), r.snippets());
      }
      boolean skipped =
          r.facts().diagnostics().stream().anyMatch(Diagnostic::fileSkipped)
              || r.facts().lines() == 0;
      if (!skipped) {
        parsedCount++;
      }
      lines += r.facts().lines();
      functions += r.facts().functions().size();
      for (int i = 0; i < r.sites().size(); i++) {
        sites.add(
            report(
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
        new ScanStats(
            files.size(),
            parsedCount,
            lines,
            functions,
            sites.size(),
            millis,
            summaries[0].size(),
            counts[0],
            counts[1],
            counts[2]));
  }

  private static SiteReport report(
      SiteContext s, String path, Summaries summaries, List<String> configurations) {
    int helpers = 0;
    int unknown = 0;
    for (ChildCall c : s.calls()) {
      if (c.helper() != null) {
        helpers++;
      } else if (c.cls() == null) {
        unknown++;
      }
    }
    int helperEndings = 0;
    for (PathEnd end : s.region().ends()) {
      CfgNode n = s.region().cfg().node(end.node());
      Expr.Call call = n.expr() == null ? null : SummaryFactory.endingCall(n);
      if (call != null
          && summaries.resolve(path, call.calleeName()) != null
          && end.kind() != EndKind.RETURN
          && end.kind() != EndKind.LEAVES) {
        helperEndings++;
      }
    }
    return new SiteReport(s, helpers, unknown, helperEndings, configurations);
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
    List<FileAnalysis> out = analyzeAll(files, problems, new Summaries[1], new long[3]);
    return new TreeAnalysis(out, problems);
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
   * @param counts filled with: extra configuration parses, header versions read, header reuses
   */
  private List<FileAnalysis> analyzeAll(
      List<Path> files, List<Diagnostic> treeProblems, Summaries[] built, long[] counts) {
    Set<String> redefined = new TreeSet<>();
    Map<String, String> headerMacros = harvestHeaderMacros(files, redefined);
    if (!redefined.isEmpty()) {
      // the project's own error()/... macros are not the libc functions of the same name
      return new Engine(knowledge.without(redefined), config)
          .passes(files, headerMacros, treeProblems, built, counts);
    }
    return passes(files, headerMacros, treeProblems, built, counts);
  }

  /**
   * Front ends per set of parse options, sharing one header cache per set of include directories.
   */
  private final class FrontEnds {
    private final Map<ParseOptions, FrontEnd> byOptions = new ConcurrentHashMap<>();
    private final Map<List<Object>, HeaderCache> caches = new ConcurrentHashMap<>();
    private final List<Path> roots;
    private final Map<String, String> headerMacros;
    private final Set<String> spawnNames = new TreeSet<>();

    FrontEnds(List<Path> roots, Map<String, String> headerMacros) {
      this.roots = roots;
      this.headerMacros = headerMacros;
      headerMacros.keySet().forEach(k -> spawnNames.add(k.replaceAll("\\(.*$", "")));
    }

    FrontEnd of(ParseOptions options) {
      return byOptions.computeIfAbsent(
          options,
          o -> {
            HeaderCache cache =
                caches.computeIfAbsent(
                    List.of(o.includeDirs(), o.systemIncludeDirs(), o.systemHeaders()),
                    k -> new HeaderCache(new IncludeResolver(roots, o, SourceWalker::skipDir)));
            ParseOptions withHarvest = headerMacros.isEmpty() ? o : withMacros(o, headerMacros);
            return new FrontEnd(knowledge, withHarvest, cache, config.variants(), spawnNames);
          });
    }

    List<HeaderCache> caches() {
      return List.copyOf(caches.values());
    }
  }

  private List<FileAnalysis> passes(
      List<Path> files,
      Map<String, String> headerMacros,
      List<Diagnostic> treeProblems,
      Summaries[] built,
      long[] counts) {
    List<Path> roots = config.roots().isEmpty() ? defaultRoots(files) : config.roots();
    FrontEnds fronts = new FrontEnds(roots, headerMacros);
    Set<Path> includedSources = includedSources(files);
    // pass 1: every file's own configurations (biggest files first, for an even load on the cores),
    // then the extra configurations they ask for, as separate tasks
    List<Integer> indices = IntStream.range(0, files.size()).boxed().toList();
    List<FirstPass> first =
        parallel(
            indices,
            i ->
                parseConfigurations(
                    i,
                    files.get(i),
                    fronts,
                    !includedSources.contains(files.get(i).toAbsolutePath().normalize())),
            i -> sizeOf(files.get(i)));
    List<Job> jobs = new ArrayList<>();
    first.forEach(fp -> jobs.addAll(fp.jobs()));
    List<Parsed> extra =
        parallel(
            jobs,
            j -> parse(j.file(), j.frontEnd(), j.variant(), j.name(), j.translationUnit()),
            j -> sizeOf(j.file()));
    List<List<Parsed>> parsed = new ArrayList<>();
    first.forEach(fp -> parsed.add(new ArrayList<>(fp.parsed())));
    for (int i = 0; i < jobs.size(); i++) {
      parsed.get(jobs.get(i).fileIndex()).add(extra.get(i));
    }
    List<FileFacts> all = new ArrayList<>(parsed.size());
    parsed.forEach(p -> all.add(p.get(0).facts()));
    all.addAll(onlyInOtherConfigurations(parsed));
    treeProblems.addAll(treeDiagnostics(parsed, fronts));
    parsed.forEach(p -> counts[0] += p.size() - 1);
    for (HeaderCache c : fronts.caches()) {
      counts[1] += c.stats()[1];
      counts[2] += c.stats()[0];
    }
    Summaries summaries = summarize(all, treeProblems);
    built[0] = summaries;
    Set<Path> only = new HashSet<>(config.report());
    List<List<Parsed>> reported = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      if (only.isEmpty() || only.contains(files.get(i).toAbsolutePath().normalize())) {
        reported.add(parsed.get(i));
      }
    }
    return parallel(
        reported,
        ps -> merge(ps, summaries),
        ps -> ps.stream().mapToLong(p -> p.text() == null ? 0 : p.text().length()).sum());
  }

  /**
   * Functions that exist only in another configuration of their file (defined under {@code #if
   * !BB_MMU} next to the vfork that calls them), as extra facts for the summaries: the default
   * configuration's functions win where both define one.
   */
  private static List<FileFacts> onlyInOtherConfigurations(List<List<Parsed>> parsed) {
    List<FileFacts> out = new ArrayList<>();
    for (List<Parsed> ps : parsed) {
      if (ps.size() < 2) {
        continue;
      }
      Set<String> have = new HashSet<>();
      ps.get(0).facts().functions().forEach(f -> have.add(f.name()));
      for (Parsed other : ps.subList(1, ps.size())) {
        List<FunctionFacts> extra =
            other.facts().functions().stream().filter(f -> have.add(f.name())).toList();
        if (!extra.isEmpty() || !other.facts().noReturnDecls().isEmpty()) {
          out.add(
              new FileFacts(
                  other.facts().path(),
                  0,
                  extra,
                  Set.of(),
                  other.facts().noReturnDecls(),
                  List.of()));
        }
      }
    }
    return out;
  }

  private static final Pattern INCLUDED_SOURCE =
      Pattern.compile("(?m)^[ \\t]*#[ \\t]*include[ \\t]*[\"<]([^\">]+\\.c)[\">]");

  /**
   * The scanned {@code .c} files that another scanned file {@code #include}s (a unity build such as
   * git's compat/regex/regex.c including regcomp.c): they are not translation units of their own.
   */
  private static Set<Path> includedSources(List<Path> files) {
    Map<String, List<Path>> byName = new HashMap<>();
    for (Path f : files) {
      Path abs = f.toAbsolutePath().normalize();
      byName.computeIfAbsent(abs.getFileName().toString(), k -> new ArrayList<>()).add(abs);
    }
    Set<Path> out = new HashSet<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (!name.endsWith(".c")) {
        continue;
      }
      String text;
      try {
        text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      } catch (IOException | SecurityException e) {
        continue; // reported when pass 1 reads it
      }
      if (text.indexOf(".c\"") < 0 && text.indexOf(".c>") < 0) {
        continue;
      }
      Matcher m = INCLUDED_SOURCE.matcher(text);
      Path dir = f.toAbsolutePath().normalize().getParent();
      while (m.find()) {
        Path beside = dir.resolve(m.group(1)).normalize();
        if (Files.isRegularFile(beside)) {
          out.add(beside);
          continue;
        }
        String base = Path.of(m.group(1)).getFileName().toString();
        for (Path candidate : byName.getOrDefault(base, List.of())) {
          if (candidate.toString().replace('\\', '/').endsWith("/" + m.group(1))) {
            out.add(candidate);
          }
        }
      }
    }
    return out;
  }

  /** The folders of the scanned files, outermost only: where includes are looked up by default. */
  private static List<Path> defaultRoots(List<Path> files) {
    TreeSet<Path> dirs = new TreeSet<>();
    for (Path f : files) {
      Path parent = f.toAbsolutePath().normalize().getParent();
      if (parent != null) {
        dirs.add(parent);
      }
    }
    List<Path> out = new ArrayList<>();
    for (Path d : dirs) {
      if (out.stream().noneMatch(d::startsWith)) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * Pass 1 for one file in every configuration worth analyzing: each flag set the compilation
   * database lists for it, each configuration that takes an inactive branch with spawn code, and
   * each named configuration. The first result is the file's default configuration.
   */
  /** One more configuration of a file to parse in pass 1. */
  private record Job(
      int fileIndex,
      Path file,
      FrontEnd frontEnd,
      Variant variant,
      String name,
      boolean translationUnit) {}

  /** A file's own configurations, parsed, and the extra ones it asks for. */
  private record FirstPass(List<Parsed> parsed, List<Job> jobs) {}

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException | SecurityException e) {
      return 0;
    }
  }

  private FirstPass parseConfigurations(
      int index, Path file, FrontEnds fronts, boolean translationUnit) {
    Path abs = file.toAbsolutePath().normalize();
    List<ParseOptions> bases = config.perFile().getOrDefault(abs, List.of(config.parse()));
    List<Parsed> out = new ArrayList<>();
    List<Job> jobs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < bases.size(); i++) {
      ParseOptions base = bases.get(i);
      String baseName = i == 0 ? "" : flagSetName(bases.get(0), base, i);
      FrontEnd fe = fronts.of(base);
      Parsed primary = parse(file, fe, Variant.DEFAULT, baseName, translationUnit);
      seen.add(baseName);
      if (primary.text() == null) {
        out.add(primary);
        return new FirstPass(out, jobs);
      }
      List<Variant> more = new ArrayList<>();
      List<Diagnostic> unsolved = new ArrayList<>();
      for (ConfigurationFinder.Candidate c : primary.facts().candidates()) {
        if (c.solved()) {
          more.add(c.variant());
        } else if (i == 0) {
          unsolved.add(
              new Diagnostic(
                  Diagnostic.Kind.CONFIGURATION,
                  Location.point(primary.facts().path(), c.line(), 1),
                  "spawn code under `"
                      + c.condition()
                      + "` is not analyzed: no choice of macros vforkcheck can make takes this branch;"
                      + " select it with -D/-U to check it"));
        }
      }
      if (!unsolved.isEmpty()) {
        List<Diagnostic> d = new ArrayList<>(primary.facts().diagnostics());
        d.addAll(unsolved);
        primary =
            new Parsed(
                primary.facts().withDiagnostics(d),
                primary.text(),
                primary.contentHash(),
                primary.configuration());
      }
      out.add(primary);
      more.addAll(config.extraConfigurations());
      boolean reported = config.report().isEmpty() || config.report().contains(abs);
      for (Variant v : more) {
        String name = (baseName.isEmpty() ? "" : baseName + " ") + v.name();
        if (reported && seen.add(name)) {
          jobs.add(new Job(index, file, fe, v, name, translationUnit));
        }
      }
    }
    return new FirstPass(out, jobs);
  }

  /**
   * How a second flag set of the compilation database is named: its -D/-U that differ from the
   * first.
   */
  private static String flagSetName(ParseOptions first, ParseOptions other, int index) {
    Map<String, String> defs = new TreeMap<>(other.defines());
    first
        .defines()
        .forEach(
            (k, v) -> {
              if (v.equals(defs.get(k))) {
                defs.remove(k);
              }
            });
    Set<String> undefs = new TreeSet<>(other.undefines());
    undefs.removeAll(first.undefines());
    first.defines().keySet().stream()
        .filter(k -> !other.defines().containsKey(k))
        .forEach(undefs::add);
    String name = Variant.of(defs, undefs).name();
    return name.isEmpty() ? "compile command " + (index + 1) : name;
  }

  /**
   * Pass 2 for one file in all its configurations: one finding per rule and statement with the
   * configurations it was found in, one site per call likewise.
   */
  @SuppressWarnings("ReferenceEquality") // the primary configuration's own entry, analyzed once
  private FileAnalysis merge(List<Parsed> configurations, Summaries summaries) {
    Parsed primary = configurations.get(0);
    FileAnalysis first = analyze(primary, summaries).withHash(primary.contentHash());
    if (configurations.size() == 1) {
      return primary.text() == null ? first : first.withSnippets(primary.text());
    }
    Map<String, Finding> findings = new LinkedHashMap<>();
    Map<String, Set<String>> findingConfigs = new HashMap<>();
    Map<String, SiteContext> sites = new LinkedHashMap<>();
    Map<String, Set<String>> siteConfigs = new HashMap<>();
    Map<String, Map<String, PortAdvice>> advice = new HashMap<>();
    Set<Diagnostic> diagnostics = new LinkedHashSet<>(first.facts().diagnostics());
    Set<String> porting = new HashSet<>();
    config.rules().stream()
        .filter(PortingRule.class::isInstance)
        .forEach(r -> porting.add(r.metadata().id()));
    for (Parsed p : configurations) {
      FileAnalysis fa = p == primary ? first : analyze(p, summaries);
      String name = p.configuration().isEmpty() ? DEFAULT_CONFIGURATION : p.configuration();
      for (Finding f : fa.findings()) {
        if (porting.contains(f.ruleId())) {
          continue; // reported below from the verdict of every configuration
        }
        String key = f.ruleId() + "@" + f.location();
        findings.putIfAbsent(key, f);
        findingConfigs.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(name);
      }
      for (SiteContext s : fa.sites()) {
        String key = s.site().location().toString();
        sites.putIfAbsent(key, s);
        siteConfigs.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(name);
        if (s.advice() != null) {
          advice.computeIfAbsent(key, k -> new LinkedHashMap<>()).putIfAbsent(name, s.advice());
        }
      }
      if (p != primary) {
        fa.facts().diagnostics().stream()
            .filter(d -> d.kind() != Diagnostic.Kind.CONFIGURATION)
            .forEach(diagnostics::add);
      }
    }
    // a site's verdict is the worst of its configurations': a swap must be safe in every one
    List<SiteContext> mergedSites = new ArrayList<>();
    sites.forEach(
        (k, s) ->
            mergedSites.add(
                advice.containsKey(k) ? s.withAdvice(PortAdvice.worst(advice.get(k))) : s));
    List<Finding> merged = new ArrayList<>();
    findings.forEach((k, f) -> merged.add(f.withConfigurations(shown(findingConfigs.get(k)))));
    merged.addAll(
        portingFindings(
            first.facts(), primary.text(), mergedSites, summaries, siteConfigs, diagnostics));
    merged.sort(Finding.ORDER);
    List<List<String>> mergedSiteConfigs = new ArrayList<>();
    sites.keySet().forEach(k -> mergedSiteConfigs.add(shown(siteConfigs.get(k))));
    List<Diagnostic> diags = new ArrayList<>(diagnostics);
    diags.sort(Diagnostic.ORDER);
    FileAnalysis all =
        new FileAnalysis(
            first.facts().withDiagnostics(diags),
            mergedSites,
            merged,
            primary.contentHash(),
            mergedSiteConfigs,
            Map.of());
    return primary.text() == null ? all : all.withSnippets(primary.text());
  }

  /**
   * The porting rules' findings for sites merged over configurations, with each site's
   * configurations.
   */
  private List<Finding> portingFindings(
      FileFacts facts,
      SourceText text,
      List<SiteContext> sites,
      Summaries summaries,
      Map<String, Set<String>> siteConfigs,
      Set<Diagnostic> diagnostics) {
    if (text == null) {
      return List.of();
    }
    RuleContext context = new RuleContext(facts, sites, knowledge, summaries);
    List<Diagnostic> extra = new ArrayList<>();
    List<Finding> out = new ArrayList<>();
    for (Rule rule : config.rules()) {
      if (rule instanceof PortingRule) {
        out.addAll(guarded(rule, facts.path(), extra, () -> rule.check(context)));
      }
    }
    out = Suppressions.apply(facts.path(), text, Fingerprints.assign(dedupe(out), text), extra);
    diagnostics.addAll(extra);
    List<Finding> shownConfigs = new ArrayList<>();
    for (Finding f : out) {
      Set<String> where = siteConfigs.get(f.location().toString());
      shownConfigs.add(where == null ? f : f.withConfigurations(shown(where)));
    }
    return shownConfigs;
  }

  /** Configurations to show: none when only the default one. */
  private static List<String> shown(Set<String> names) {
    return names.size() == 1 && names.contains(DEFAULT_CONFIGURATION)
        ? List.of()
        : List.copyOf(names);
  }

  /**
   * Problems of the whole tree, one per cause: headers not found, ambiguous header names, and code
   * left unparsed by a macro with no definition (grouped per macro).
   */
  private List<Diagnostic> treeDiagnostics(List<List<Parsed>> parsed, FrontEnds fronts) {
    List<Diagnostic> out = new ArrayList<>();
    Map<String, IncludeResolver.Missing> missing = new TreeMap<>();
    Map<String, List<String>> ambiguous = new TreeMap<>();
    for (HeaderCache c : fronts.caches()) {
      c.resolver().missing().forEach(m -> missing.merge(m.key(), m, IncludeResolver.Missing::plus));
      ambiguous.putAll(c.resolver().ambiguities());
    }
    for (IncludeResolver.Missing m : missing.values()) {
      String count = plural(m.count(), "#include");
      String message =
          switch (m.reason()) {
            case OUTSIDE_TREE ->
                "header \""
                    + m.name()
                    + "\" ("
                    + m.where()
                    + ") is outside the scanned tree and"
                    + " the -I directories, so it is not read ("
                    + count
                    + " of it); pass -I for its folder to"
                    + " read it";
            case MACRO_UNDEFINED ->
                "`#include "
                    + m.name()
                    + "` names its header through a macro with no"
                    + " definition ("
                    + count
                    + "); that header is not read. The build defines it: pass -D '"
                    + m.name()
                    + "=\"file.h\"'";
            case NOT_FOUND ->
                "header \""
                    + m.name()
                    + "\" was not found ("
                    + count
                    + " of it); the macros and"
                    + " types it defines are unknown, so code that uses them may not parse. If the build"
                    + " generates it, run that step first; otherwise pass -I DIR";
          };
      out.add(
          new Diagnostic(
              Diagnostic.Kind.INCLUDE, Location.point(m.firstIncluder(), 1, 1), message));
    }
    ambiguous.forEach(
        (name, candidates) ->
            out.add(
                new Diagnostic(
                    Diagnostic.Kind.INCLUDE,
                    Location.point(displayPath(Path.of(candidates.get(0))), 1, 1),
                    "header name \""
                        + name
                        + "\" matches "
                        + candidates.size()
                        + " files of the tree equally well; using this one (pass -I DIR"
                        + " to choose): "
                        + String.join(
                            ", ",
                            candidates.stream().map(c -> displayPath(Path.of(c))).toList()))));
    Map<String, List<FileFacts.Unparsed>> byMacro = new TreeMap<>();
    Map<String, Integer> readAsEmpty = new TreeMap<>();
    Location firstRepair = null;
    for (List<Parsed> ps : parsed) {
      for (FileFacts.Unparsed u : ps.get(0).facts().unparsed()) {
        if (u.readAsEmpty()) {
          readAsEmpty.merge(u.macro(), 1, Integer::sum);
          firstRepair =
              firstRepair == null || Location.ORDER.compare(u.location(), firstRepair) < 0
                  ? u.location()
                  : firstRepair;
        } else {
          byMacro.computeIfAbsent(u.macro(), k -> new ArrayList<>()).add(u);
        }
      }
    }
    byMacro.forEach(
        (macro, list) -> {
          long files = list.stream().map(u -> u.location().path()).distinct().count();
          FileFacts.Unparsed firstOne =
              list.stream()
                  .min((a, b) -> Location.ORDER.compare(a.location(), b.location()))
                  .orElseThrow();
          out.add(
              new Diagnostic(
                  Diagnostic.Kind.SYNTAX,
                  firstOne.location(),
                  "`"
                      + macro
                      + "` has no definition: "
                      + plural(list.size(), "declaration or statement")
                      + " in "
                      + plural(files, "file")
                      + " not analyzed (the first is here); add -I for the header that defines it, or define it:"
                      + " -D '"
                      + macro
                      + "=' or -D '"
                      + macro
                      + "(...)='"));
        });
    if (!readAsEmpty.isEmpty()) {
      int total = readAsEmpty.values().stream().mapToInt(Integer::intValue).sum();
      List<Map.Entry<String, Integer>> top = new ArrayList<>(readAsEmpty.entrySet());
      top.sort(
          Map.Entry.<String, Integer>comparingByValue()
              .reversed()
              .thenComparing(Map.Entry.comparingByKey()));
      StringBuilder names = new StringBuilder();
      for (int i = 0; i < Math.min(12, top.size()); i++) {
        names
            .append(i == 0 ? "" : ", ")
            .append(top.get(i).getKey())
            .append(" (")
            .append(top.get(i).getValue())
            .append(')');
      }
      if (top.size() > 12) {
        names.append(", and ").append(top.size() - 12).append(" more");
      }
      out.add(
          new Diagnostic(
              Diagnostic.Kind.SYNTAX_REPAIRED,
              firstRepair,
              plural(readAsEmpty.size(), "macro")
                  + " with no definition "
                  + (readAsEmpty.size() == 1 ? "was" : "were")
                  + " read as empty in "
                  + plural(total, "place")
                  + " so that the code around"
                  + " them could be analyzed; what they would expand to is not seen: "
                  + names
                  + ". Add -I for their headers (or run the build step that generates them) for exact results"));
    }
    return out;
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  /**
   * Builds the tree's function summaries; if that fails (a bug), the scan goes on without them and
   * says so, rather than losing every result.
   */
  private Summaries summarize(List<FileFacts> all, List<Diagnostic> problems) {
    try {
      return new SummaryFactory(knowledge).build(all);
    } catch (RuntimeException | StackOverflowError e) {
      String where = all.isEmpty() ? "." : all.get(0).path();
      problems.add(
          new Diagnostic(
              Diagnostic.Kind.INTERNAL,
              Location.point(where, 1, 1),
              "function summaries could not be built ("
                  + describe(e)
                  + "); calls to project functions are"
                  + " treated as unknown in this scan (please report this)"));
      return Summaries.NONE;
    }
  }

  /**
   * Like {@link #parallel(List, java.util.function.Function)}, but starts the heaviest items first
   * so that one big file does not finish alone at the end; results keep the order of {@code items}.
   */
  private <T, R> List<R> parallel(List<T> items, Function<T, R> work, ToLongFunction<T> weight) {
    if (config.jobs() == 1 || items.size() <= 1) {
      return parallel(items, work);
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
    ExecutorService pool = Executors.newFixedThreadPool(config.jobs(), threads());
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
  private <T, R> List<R> parallel(List<T> items, Function<T, R> work) {
    List<R> out = new ArrayList<>(items.size());
    if (config.jobs() == 1 || items.size() <= 1) {
      for (T item : items) {
        out.add(work.apply(item));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(config.jobs(), threads());
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

  private static <R> R await(Future<R> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("scan interrupted", e);
    } catch (ExecutionException e) {
      // parse and analyze catch everything a file can cause; reaching here is a bug in the engine
      throw new IllegalStateException("analyzer failure: " + describe(e.getCause()), e.getCause());
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

  /**
   * Pass 0: the macros in the scanned headers that hide fork, vfork, exec or _exit (such as {@code
   * xvfork()}); every file is then parsed with them, since {@code #include} is not followed.
   */
  private Map<String, String> harvestHeaderMacros(List<Path> files, Set<String> redefined) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Path f : files) {
      if (!f.getFileName().toString().endsWith(".h")) {
        continue;
      }
      try {
        byte[] bytes = Files.readAllBytes(f);
        if (!SourceText.looksBinary(bytes)) {
          SourceText text = SourceText.decode(bytes);
          MacroHarvest.harvest(text, knowledge).forEach(out::putIfAbsent);
          redefined.addAll(MacroHarvest.libcNamesRedefined(text, knowledge));
        }
      } catch (IOException | RuntimeException e) {
        // the file is reported when pass 1 reads it
      }
    }
    return out;
  }

  /** Harvested macros under the user's own defines (which win). */
  private static ParseOptions withMacros(ParseOptions options, Map<String, String> macros) {
    Map<String, String> merged = new TreeMap<>(macros);
    Set<String> userNames = new HashSet<>();
    options.defines().keySet().forEach(k -> userNames.add(k.replaceAll("\\(.*$", "")));
    merged.keySet().removeIf(k -> userNames.contains(k.replaceAll("\\(.*$", "")));
    merged.putAll(options.defines());
    return new ParseOptions(
        merged,
        options.undefines(),
        options.includeDirs(),
        options.systemIncludeDirs(),
        options.preIncludes(),
        options.systemHeaders(),
        options.followIncludes(),
        options.recoverUnknownMacros());
  }

  /**
   * Pass 1 for one file in one configuration: read, decode, parse, lower. Never throws for problems
   * with the file.
   */
  private Parsed parse(
      Path file,
      FrontEnd frontEnd,
      Variant variant,
      String configuration,
      boolean translationUnit) {
    String path = displayPath(file);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException | SecurityException e) {
      return skipped(path, Diagnostic.Kind.UNREADABLE, "cannot read file: " + describe(e));
    }
    if (SourceText.looksBinary(bytes)) {
      return skipped(path, Diagnostic.Kind.BINARY, "binary file (contains NUL bytes), skipped");
    }
    if (isBlank(bytes)) {
      return skipped(path, Diagnostic.Kind.EMPTY, "empty file, nothing to analyze");
    }
    try {
      SourceText text = SourceText.decode(bytes);
      return new Parsed(
          frontEnd.parse(
              path,
              file.toAbsolutePath().normalize().toString(),
              text,
              variant,
              translationUnit && !file.getFileName().toString().endsWith(".h")),
          text,
          Fingerprints.sha256(bytes),
          configuration);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return skipped(
          path,
          Diagnostic.Kind.INTERNAL,
          "the analyzer failed on this file and skipped it: "
              + describe(e)
              + " (please report this)");
    }
  }

  private static Parsed skipped(String path, Diagnostic.Kind kind, String message) {
    return new Parsed(
        FileFacts.skipped(path, List.of(new Diagnostic(kind, Location.point(path, 1, 1), message))),
        null,
        "");
  }

  /** Pass 2 for one file: sites, child regions, rules. Never throws for problems with the file. */
  private FileAnalysis analyze(Parsed p, Summaries summaries) {
    if (p.text() == null) {
      return new FileAnalysis(p.facts(), List.of(), List.of());
    }
    try {
      return analyzeFacts(p.facts(), p.text(), summaries);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return failed(p.facts().path(), describe(e));
    }
  }

  /**
   * Reads, parses and analyzes one file with the tree of the configuration's roots (or on its own
   * when there are none); never throws for problems with the file.
   */
  public FileAnalysis analyzeFile(Path file) {
    List<Diagnostic> problems = new ArrayList<>();
    FileAnalysis fa = analyzeAll(List.of(file), problems, new Summaries[1], new long[3]).get(0);
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

  private FileAnalysis analyzeFacts(FileFacts facts, SourceText text, Summaries summaries) {
    String path = facts.path();
    SiteFinder finder = new SiteFinder(knowledge);
    ChildRegionAnalysis regions = new ChildRegionAnalysis(knowledge, summaries, path);
    List<SiteContext> sites = new ArrayList<>();
    for (FunctionFacts fn : facts.functions()) {
      for (ForkSite site : finder.find(fn, path, summaries::resolve)) {
        sites.add(new SiteContext(fn, site, regions.analyze(fn, site)));
      }
    }
    List<Diagnostic> extra = new ArrayList<>();
    // each child rule runs once per site (viewed as vfork); the advice is computed once from it
    Map<String, List<Finding>> childFindings = new HashMap<>();
    if (advisor != null) {
      RuleContext bare = new RuleContext(facts, sites, knowledge, summaries);
      List<SiteContext> advised = new ArrayList<>();
      for (SiteContext s : sites) {
        List<Finding> asVfork = new ArrayList<>();
        for (ChildRule rule : advisor.childRules()) {
          List<Finding> found =
              guarded(rule, path, extra, () -> rule.checkChild(bare, s.asVfork()));
          asVfork.addAll(found);
          if (s.site().kind() == ForkSite.Kind.VFORK) {
            childFindings
                .computeIfAbsent(rule.metadata().id(), k -> new ArrayList<>())
                .addAll(found);
          }
        }
        asVfork.sort(Finding.ORDER);
        PortAdvice advice = guardedAdvice(path, extra, () -> advisor.advise(bare, s, asVfork));
        advised.add(advice == null ? s : s.withAdvice(advice));
      }
      sites = advised;
    }
    RuleContext context = new RuleContext(facts, sites, knowledge, summaries);
    List<Finding> findings = new ArrayList<>();
    for (Rule rule : config.rules()) {
      String id = rule.metadata().id();
      if (rule instanceof ChildRule && advisorRuns(rule)) {
        findings.addAll(childFindings.getOrDefault(id, List.of())); // already run on every site
      } else {
        findings.addAll(guarded(rule, path, extra, () -> rule.check(context)));
      }
    }
    findings = Fingerprints.assign(dedupe(findings), text);
    findings = Suppressions.apply(path, text, findings, extra);
    if (!extra.isEmpty()) {
      List<Diagnostic> allDiagnostics = new ArrayList<>(facts.diagnostics());
      allDiagnostics.addAll(extra);
      facts = facts.withDiagnostics(allDiagnostics);
    }
    return new FileAnalysis(facts, sites, findings);
  }

  /** True when the advisor already ran this child rule on every site (its findings are reused). */
  private boolean advisorRuns(Rule rule) {
    return advisor != null
        && advisor.childRules().stream().anyMatch(r -> r.metadata().equals(rule.metadata()));
  }

  /**
   * Runs one rule; a failure becomes an internal diagnostic and no findings (the other rules still
   * run).
   */
  private static List<Finding> guarded(
      Rule rule, String path, List<Diagnostic> problems, Supplier<List<Finding>> run) {
    try {
      return run.get();
    } catch (RuntimeException | StackOverflowError e) {
      String message =
          "rule "
              + rule.metadata().id()
              + " failed on this file: "
              + describe(e)
              + " (the other rules still ran; please report this)";
      Diagnostic d = new Diagnostic(Diagnostic.Kind.INTERNAL, Location.point(path, 1, 1), message);
      if (!problems.contains(d)) {
        problems.add(d);
      }
      return List.of();
    }
  }

  private static PortAdvice guardedAdvice(
      String path, List<Diagnostic> problems, Supplier<PortAdvice> run) {
    try {
      return run.get();
    } catch (RuntimeException | StackOverflowError e) {
      problems.add(
          new Diagnostic(
              Diagnostic.Kind.INTERNAL,
              Location.point(path, 1, 1),
              "the porting advice failed on this file: " + describe(e) + " (please report this)"));
      return null;
    }
  }

  /**
   * One finding per rule and statement, however many paths or sites reach it (the first one found
   * wins).
   */
  static List<Finding> dedupe(List<Finding> findings) {
    Map<String, Finding> seen = new LinkedHashMap<>();
    for (Finding f : findings) {
      seen.putIfAbsent(f.ruleId() + "@" + f.location(), f);
    }
    return new ArrayList<>(seen.values());
  }

  private static FileAnalysis failed(String path, String why) {
    return new FileAnalysis(
        FileFacts.skipped(
            path,
            List.of(
                new Diagnostic(
                    Diagnostic.Kind.INTERNAL,
                    Location.point(path, 1, 1),
                    "the analyzer failed on this file and skipped it: "
                        + why
                        + " (please report this)"))),
        List.of(),
        List.of());
  }

  private static String describe(Throwable e) {
    String msg = e.getMessage();
    String type =
        e instanceof StackOverflowError ? "nesting too deep" : e.getClass().getSimpleName();
    return msg == null || msg.isBlank() ? type : type + ": " + msg;
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0b) {
        return false;
      }
    }
    return true;
  }

  /** The path to report: relative to the base directory when below it, always with '/'. */
  public String displayPath(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path base = config.baseDir().toAbsolutePath().normalize();
    Path shown = abs.startsWith(base) ? base.relativize(abs) : abs;
    return shown.toString().replace('\\', '/');
  }
}
