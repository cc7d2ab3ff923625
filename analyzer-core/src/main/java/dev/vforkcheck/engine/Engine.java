package dev.vforkcheck.engine;

import dev.vforkcheck.analysis.ChildRegion;
import dev.vforkcheck.analysis.ChildRegionAnalysis;
import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.analysis.SiteFinder;
import dev.vforkcheck.frontend.FileFacts;
import dev.vforkcheck.frontend.FrontEnd;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.frontend.SourceText;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Location;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    public record FileAnalysis(FileFacts facts, List<SiteContext> sites, List<Finding> findings) {
        public FileAnalysis {
            sites = List.copyOf(sites);
            findings = List.copyOf(findings);
        }
    }

    /** Scans files (already expanded by {@link SourceWalker}). */
    public ScanResult scan(List<Path> files) {
        long start = System.nanoTime();
        List<FileAnalysis> results = new ArrayList<>(files.size());
        if (config.jobs() == 1 || files.size() <= 1) {
            for (Path f : files) {
                results.add(analyzeFile(f));
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(config.jobs(), threads());
            try {
                List<Future<FileAnalysis>> futures = new ArrayList<>(files.size());
                for (Path f : files) {
                    futures.add(pool.submit(() -> analyzeFile(f)));
                }
                for (int i = 0; i < futures.size(); i++) {
                    results.add(await(futures.get(i), files.get(i)));
                }
            } finally {
                pool.shutdownNow();
            }
        }
        List<Finding> findings = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<SiteReport> sites = new ArrayList<>();
        int parsed = 0;
        long lines = 0;
        long functions = 0;
        for (FileAnalysis r : results) {
            findings.addAll(r.findings());
            diagnostics.addAll(r.facts().diagnostics());
            boolean skipped = r.facts().diagnostics().stream().anyMatch(Diagnostic::fileSkipped)
                    || r.facts().lines() == 0;
            if (!skipped) {
                parsed++;
            }
            lines += r.facts().lines();
            functions += r.facts().functions().size();
            for (SiteContext s : r.sites()) {
                sites.add(new SiteReport(s.site(), s.region().summary(), s.region().ends()));
            }
        }
        findings.sort(Finding.ORDER);
        diagnostics.sort(Diagnostic.ORDER);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new ScanResult(findings, diagnostics, sites,
                new ScanStats(files.size(), parsed, lines, functions, sites.size(), millis));
    }

    private FileAnalysis await(Future<FileAnalysis> future, Path file) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(displayPath(file), "scan interrupted");
        } catch (ExecutionException e) {
            return failed(displayPath(file), describe(e.getCause()));
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

    /** Reads, parses and analyzes one file. Never throws for problems with the file. */
    public FileAnalysis analyzeFile(Path file) {
        String path = displayPath(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            return new FileAnalysis(FileFacts.skipped(path, List.of(new Diagnostic(Diagnostic.Kind.UNREADABLE,
                    Location.point(path, 1, 1), "cannot read file: " + describe(e)))), List.of(), List.of());
        }
        if (SourceText.looksBinary(bytes)) {
            return new FileAnalysis(FileFacts.skipped(path, List.of(new Diagnostic(Diagnostic.Kind.BINARY,
                    Location.point(path, 1, 1), "binary file (contains NUL bytes), skipped"))), List.of(), List.of());
        }
        if (isBlank(bytes)) {
            return new FileAnalysis(FileFacts.skipped(path, List.of(new Diagnostic(Diagnostic.Kind.EMPTY,
                    Location.point(path, 1, 1), "empty file, nothing to analyze"))), List.of(), List.of());
        }
        try {
            return analyzeText(path, file.toAbsolutePath().toString(), SourceText.decode(bytes));
        } catch (RuntimeException | StackOverflowError e) {
            return failed(path, describe(e));
        }
    }

    /** Analyzes source text that is already in memory (tests, staged content). */
    public FileAnalysis analyzeText(String path, String parserFileName, SourceText text) {
        FrontEnd frontEnd = new FrontEnd(knowledge, config.parse());
        FileFacts facts = frontEnd.parse(path, parserFileName, text);
        SiteFinder finder = new SiteFinder(knowledge);
        Set<String> noReturn = new HashSet<>(facts.noReturnDecls());
        ChildRegionAnalysis regions = new ChildRegionAnalysis(knowledge, noReturn);
        List<SiteContext> sites = new ArrayList<>();
        for (FunctionFacts fn : facts.functions()) {
            for (ForkSite site : finder.find(fn)) {
                ChildRegion region = regions.analyze(fn, site);
                sites.add(new SiteContext(fn, site, region));
            }
        }
        RuleContext context = new RuleContext(facts, sites, knowledge);
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
        if (!extra.isEmpty()) {
            List<Diagnostic> all = new ArrayList<>(facts.diagnostics());
            all.addAll(extra);
            facts = new FileFacts(facts.path(), facts.lines(), facts.functions(), facts.globals(),
                    facts.noReturnDecls(), all);
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
