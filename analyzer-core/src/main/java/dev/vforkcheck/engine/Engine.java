package dev.vforkcheck.engine;

import dev.vforkcheck.analysis.ChildCall;
import dev.vforkcheck.analysis.ChildRegionAnalysis;
import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.analysis.SiteFinder;
import dev.vforkcheck.analysis.Summaries;
import dev.vforkcheck.analysis.SummaryFactory;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.frontend.FileFacts;
import dev.vforkcheck.frontend.FrontEnd;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.frontend.MacroHarvest;
import dev.vforkcheck.frontend.ParseOptions;
import dev.vforkcheck.frontend.SourceText;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Location;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a scan: parses files in parallel, computes fork sites and their child regions, runs every
 * enabled rule per translation unit and returns findings in deterministic order. No AST outlives
 * the parse of its file. Never throws on bad input: problems become {@link Diagnostic}s.
 */
public final class Engine {
    /** Deeply nested C (generated parsers, long else-if chains) needs more stack than a default thread has. */
    private static final long THREAD_STACK = 64L * 1024 * 1024;

    private final KnowledgeBase knowledge;
    private final ScanConfig config;

    public Engine(KnowledgeBase knowledge, ScanConfig config) {
        this.knowledge = knowledge;
        this.config = config;
    }

    /** Everything the analyzer knows about one file: its facts and every site with its child region. */
    public record FileAnalysis(FileFacts facts, List<SiteContext> sites, List<Finding> findings, String contentHash) {
        public FileAnalysis {
            sites = List.copyOf(sites);
            findings = List.copyOf(findings);
        }

        public FileAnalysis(FileFacts facts, List<SiteContext> sites, List<Finding> findings) {
            this(facts, sites, findings, "");
        }

        FileAnalysis withHash(String hash) {
            return new FileAnalysis(facts, sites, findings, hash);
        }
    }

    /** A file after pass 1: its facts (no AST) and its text (for fingerprints), or only diagnostics. */
    private record Parsed(FileFacts facts, SourceText text, String contentHash) {
    }

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
        List<FileAnalysis> results = analyzeAll(files, treeProblems, summaries);
        List<Finding> findings = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>(treeProblems);
        List<SiteReport> sites = new ArrayList<>();
        Map<String, String> hashes = new java.util.TreeMap<>();
        int parsedCount = 0;
        long lines = 0;
        long functions = 0;
        for (FileAnalysis r : results) {
            findings.addAll(r.findings());
            diagnostics.addAll(r.facts().diagnostics());
            if (!r.contentHash().isEmpty()) {
                hashes.put(r.facts().path(), r.contentHash());
            }
            boolean skipped = r.facts().diagnostics().stream().anyMatch(Diagnostic::fileSkipped)
                    || r.facts().lines() == 0;
            if (!skipped) {
                parsedCount++;
            }
            lines += r.facts().lines();
            functions += r.facts().functions().size();
            for (SiteContext s : r.sites()) {
                sites.add(report(s, r.facts().path(), summaries[0]));
            }
        }
        findings.sort(Finding.ORDER);
        diagnostics.sort(Diagnostic.ORDER);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new ScanResult(findings, diagnostics, sites, hashes,
                new ScanStats(files.size(), parsedCount, lines, functions, sites.size(), millis, summaries[0].size()));
    }

    private SiteReport report(SiteContext s, String path, Summaries summaries) {
        int helpers = 0;
        int unknown = 0;
        for (ChildCall c : ChildCall.of(s.region(), s.function(), knowledge, summaries, path)) {
            if (c.helper() != null) {
                helpers++;
            } else if (c.cls() == null) {
                unknown++;
            }
        }
        int helperEndings = 0;
        for (var end : s.region().ends()) {
            CfgNode n = s.region().cfg().node(end.node());
            Expr.Call call = n.expr() == null ? null : SummaryFactory.endingCall(n);
            if (call != null && summaries.resolve(path, call.calleeName()) != null && !end.kind().equals(
                    dev.vforkcheck.analysis.EndKind.RETURN) && !end.kind().equals(dev.vforkcheck.analysis.EndKind.LEAVES)) {
                helperEndings++;
            }
        }
        return new SiteReport(s.site(), s.region().summary(), s.region().ends(), helpers, unknown, helperEndings);
    }

    /** Both passes over a set of files analyzed together (a tree); one result per file, in order. */
    public List<FileAnalysis> analyzeAll(List<Path> files) {
        List<Diagnostic> problems = new ArrayList<>();
        List<FileAnalysis> out = analyzeAll(files, problems, new Summaries[1]);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.get(0).message());
        }
        return out;
    }

    private List<FileAnalysis> analyzeAll(List<Path> files, List<Diagnostic> treeProblems, Summaries[] built) {
        java.util.Set<String> redefined = new java.util.TreeSet<>();
        Map<String, String> headerMacros = harvestHeaderMacros(files, redefined);
        ParseOptions parseOptions = headerMacros.isEmpty() ? config.parse() : withMacros(config.parse(), headerMacros);
        if (!redefined.isEmpty()) {
            // the project's own error()/... macros are not the libc functions of the same name
            return new Engine(knowledge.without(redefined), config).passes(files, parseOptions, treeProblems, built);
        }
        return passes(files, parseOptions, treeProblems, built);
    }

    private List<FileAnalysis> passes(List<Path> files, ParseOptions parseOptions, List<Diagnostic> treeProblems,
                                      Summaries[] built) {
        List<Parsed> parsed = parallel(files, f -> parse(f, parseOptions));
        List<FileFacts> all = new ArrayList<>(parsed.size());
        parsed.forEach(p -> all.add(p.facts()));
        Summaries summaries = summarize(all, treeProblems);
        built[0] = summaries;
        return parallel(parsed, p -> analyze(p, summaries).withHash(p.contentHash()));
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
            problems.add(new Diagnostic(Diagnostic.Kind.INTERNAL, Location.point(where, 1, 1),
                    "function summaries could not be built (" + describe(e) + "); calls to project functions are"
                            + " treated as unknown in this scan (please report this)"));
            return Summaries.NONE;
        }
    }

    /** Runs {@code work} over {@code items} on the configured number of threads, keeping the order. */
    private <T, R> List<R> parallel(List<T> items, java.util.function.Function<T, R> work) {
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
     * Pass 0: the macros in the scanned headers that hide fork, vfork, exec or _exit (such as
     * {@code xvfork()}); every file is then parsed with them, since {@code #include} is not followed.
     */
    private Map<String, String> harvestHeaderMacros(List<Path> files, java.util.Set<String> redefined) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
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
        Map<String, String> merged = new java.util.TreeMap<>(macros);
        java.util.Set<String> userNames = new java.util.HashSet<>();
        options.defines().keySet().forEach(k -> userNames.add(k.replaceAll("\\(.*$", "")));
        merged.keySet().removeIf(k -> userNames.contains(k.replaceAll("\\(.*$", "")));
        merged.putAll(options.defines());
        return new ParseOptions(merged, options.includeDirs(), options.followIncludes(), options.recoverUnknownMacros());
    }

    private Parsed parse(Path file) {
        return parse(file, config.parse());
    }

    /** Pass 1 for one file: read, decode, parse, lower. Never throws for problems with the file. */
    private Parsed parse(Path file, ParseOptions options) {
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
            return new Parsed(new FrontEnd(knowledge, options).parse(path, file.toAbsolutePath().toString(), text),
                    text, Fingerprints.sha256(bytes));
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return skipped(path, Diagnostic.Kind.INTERNAL, "the analyzer failed on this file and skipped it: "
                    + describe(e) + " (please report this)");
        }
    }

    private static Parsed skipped(String path, Diagnostic.Kind kind, String message) {
        return new Parsed(FileFacts.skipped(path, List.of(new Diagnostic(kind, Location.point(path, 1, 1), message))),
                null, "");
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

    /** Reads, parses and analyzes one file on its own (its functions are the only summaries). */
    public FileAnalysis analyzeFile(Path file) {
        Parsed p = parse(file);
        if (p.text() == null) {
            return new FileAnalysis(p.facts(), List.of(), List.of());
        }
        List<Diagnostic> problems = new ArrayList<>();
        FileAnalysis fa = analyze(p, summarize(List.of(p.facts()), problems));
        if (problems.isEmpty()) {
            return fa;
        }
        List<Diagnostic> all = new ArrayList<>(fa.facts().diagnostics());
        all.addAll(problems);
        FileFacts f = fa.facts();
        return new FileAnalysis(new FileFacts(f.path(), f.lines(), f.functions(), f.globals(), f.noReturnDecls(), all),
                fa.sites(), fa.findings());
    }

    /** Analyzes source text that is already in memory (tests, staged content), on its own. */
    public FileAnalysis analyzeText(String path, String parserFileName, SourceText text) {
        FileFacts facts = new FrontEnd(knowledge, config.parse()).parse(path, parserFileName, text);
        return analyzeFacts(facts, text, new SummaryFactory(knowledge).build(List.of(facts)));
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
        RuleContext context = new RuleContext(facts, sites, knowledge, summaries);
        List<Finding> findings = new ArrayList<>();
        List<Diagnostic> extra = new ArrayList<>();
        for (Rule rule : config.rules()) {
            try {
                findings.addAll(rule.check(context));
            } catch (RuntimeException | StackOverflowError e) {
                extra.add(new Diagnostic(Diagnostic.Kind.INTERNAL, Location.point(path, 1, 1),
                        "rule " + rule.metadata().id() + " failed on this file: " + describe(e)
                                + " (the other rules still ran; please report this)"));
            }
        }
        findings = Fingerprints.assign(dedupe(findings), text);
        findings = Suppressions.apply(path, text, findings, extra);
        if (!extra.isEmpty()) {
            List<Diagnostic> allDiagnostics = new ArrayList<>(facts.diagnostics());
            allDiagnostics.addAll(extra);
            facts = new FileFacts(facts.path(), facts.lines(), facts.functions(), facts.globals(),
                    facts.noReturnDecls(), allDiagnostics);
        }
        return new FileAnalysis(facts, sites, findings);
    }

    /** One finding per rule and statement, however many paths or sites reach it (the first one found wins). */
    static List<Finding> dedupe(List<Finding> findings) {
        java.util.Map<String, Finding> seen = new java.util.LinkedHashMap<>();
        for (Finding f : findings) {
            seen.putIfAbsent(f.ruleId() + "@" + f.location(), f);
        }
        return new ArrayList<>(seen.values());
    }

    private static FileAnalysis failed(String path, String why) {
        return new FileAnalysis(FileFacts.skipped(path, List.of(new Diagnostic(Diagnostic.Kind.INTERNAL,
                Location.point(path, 1, 1), "the analyzer failed on this file and skipped it: " + why
                + " (please report this)"))), List.of(), List.of());
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        String type = e instanceof StackOverflowError ? "nesting too deep" : e.getClass().getSimpleName();
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
