package dev.vforkcheck.engine;

import dev.vforkcheck.analysis.ChildCall;
import dev.vforkcheck.analysis.ChildRegion;
import dev.vforkcheck.analysis.ChildRegionAnalysis;
import dev.vforkcheck.analysis.EndKind;
import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.analysis.PathEnd;
import dev.vforkcheck.analysis.SiteFinder;
import dev.vforkcheck.analysis.Summaries;
import dev.vforkcheck.analysis.SummaryFactory;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.engine.Engine.FileAnalysis;
import dev.vforkcheck.frontend.FileFacts;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.frontend.SourceText;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Location;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Pass 2 for one file: finds its fork sites and their child regions with the tree's summaries, has
 * the advisor judge each site for porting, runs every enabled rule, and merges the results of the
 * file's configurations (one finding per rule and statement, one site per call, each with the
 * configurations it was found in). A rule or the advisor failing becomes an internal diagnostic;
 * nothing here throws for problems with the file.
 */
final class FileAnalyzer {
  private final KnowledgeBase knowledge;
  private final ScanConfig config;

  /** The configuration's advisor, else the one a porting rule brings; null when neither. */
  private final Advisor advisor;

  FileAnalyzer(KnowledgeBase knowledge, ScanConfig config) {
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

  /**
   * Pass 2 for one file in all its configurations: one finding per rule and statement with the
   * configurations it was found in, one site per call likewise.
   *
   * @param configurations the file's configurations parsed, its default one first
   */
  @SuppressWarnings("ReferenceEquality") // the primary configuration's own entry, analyzed once
  FileAnalysis merge(List<Parsed> configurations, Summaries summaries) {
    Parsed primary = configurations.get(0);
    List<Diagnostic> readAgain = new ArrayList<>();
    SourceText text = primary.parsed() ? readAgain(primary, readAgain) : null;
    FileAnalysis first = analyze(primary, text, summaries).withHash(primary.contentHash());
    List<Diagnostic> primaryDiagnostics = new ArrayList<>(first.facts().diagnostics());
    primaryDiagnostics.addAll(readAgain);
    Merged merged = new Merged(primaryDiagnostics, configurations.size() > 1);
    for (Parsed p : configurations) {
      FileAnalysis fa = p == primary ? first : analyze(p, text, summaries);
      String name = p.configuration().isEmpty() ? Engine.DEFAULT_CONFIGURATION : p.configuration();
      merged.add(fa, name, p != primary);
    }
    List<SiteContext> sites = merged.sites();
    List<Finding> findings = merged.findings();
    findings.addAll(
        portingFindings(
            first.facts(), text, sites, summaries, merged.siteConfigs, merged.diagnostics));
    findings.sort(Finding.ORDER);
    List<Diagnostic> diags = new ArrayList<>(merged.diagnostics);
    diags.sort(Diagnostic.ORDER);
    FileAnalysis all =
        new FileAnalysis(
            first.facts().withDiagnostics(diags),
            sites,
            findings,
            primary.contentHash(),
            merged.siteConfigurations(),
            Map.of());
    return text == null ? all : all.withSnippets(text);
  }

  /**
   * The file's text, read again for its report; null (and a diagnostic) when it can no longer be
   * read. A file changed since pass 1 is reported as such and its new text used.
   */
  private static SourceText readAgain(Parsed p, List<Diagnostic> problems) {
    String path = p.facts().path();
    try {
      SourceFile.Reread r = p.source().reread();
      if (!r.unchanged()) {
        problems.add(
            new Diagnostic(
                Diagnostic.Kind.UNREADABLE,
                Location.point(path, 1, 1),
                "the file changed while it was scanned: its findings come from the first read and"
                    + " may point at the wrong lines; scan again"));
      }
      return r.text();
    } catch (IOException | RuntimeException e) {
      problems.add(
          new Diagnostic(
              Diagnostic.Kind.UNREADABLE,
              Location.point(path, 1, 1),
              "cannot read the file again to report on it (" + Failures.describe(e) + ")"));
      return null;
    }
  }

  /** The results of a file's configurations, gathered one configuration after another. */
  private static final class Merged {
    private final Map<String, Finding> findingsByKey = new LinkedHashMap<>();
    private final Map<String, Set<String>> findingConfigs = new HashMap<>();
    private final Map<String, SiteContext> sitesByKey = new LinkedHashMap<>();
    private final Map<String, Set<String>> siteConfigs = new HashMap<>();
    private final Map<String, Map<String, PortAdvice>> advice = new HashMap<>();
    private final Collection<Diagnostic> diagnostics;

    /**
     * @param severalConfigurations the same problem found in several configurations is listed once
     */
    Merged(List<Diagnostic> primaryDiagnostics, boolean severalConfigurations) {
      this.diagnostics =
          severalConfigurations
              ? new LinkedHashSet<>(primaryDiagnostics)
              : new ArrayList<>(primaryDiagnostics);
    }

    /** Adds one configuration's analysis; {@code other} unless it is the default configuration. */
    void add(FileAnalysis fa, String name, boolean other) {
      for (Finding f : fa.findings()) {
        String key = f.ruleId() + "@" + f.location();
        findingsByKey.putIfAbsent(key, f);
        findingConfigs.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(name);
      }
      for (SiteContext s : fa.sites()) {
        String key = s.site().location().toString();
        sitesByKey.putIfAbsent(key, s);
        siteConfigs.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(name);
        if (s.advice() != null) {
          advice.computeIfAbsent(key, k -> new LinkedHashMap<>()).putIfAbsent(name, s.advice());
        }
      }
      if (other) {
        fa.facts().diagnostics().stream()
            .filter(d -> d.kind() != Diagnostic.Kind.CONFIGURATION)
            .forEach(diagnostics::add);
      }
    }

    /**
     * One site per call; its verdict is the worst of its configurations' (a swap must be safe in
     * every one).
     */
    List<SiteContext> sites() {
      List<SiteContext> out = new ArrayList<>();
      sitesByKey.forEach(
          (k, s) ->
              out.add(advice.containsKey(k) ? s.withAdvice(PortAdvice.worst(advice.get(k))) : s));
      return out;
    }

    /** The configurations of each of {@link #sites()}, in the same order. */
    List<List<String>> siteConfigurations() {
      List<List<String>> out = new ArrayList<>();
      sitesByKey.keySet().forEach(k -> out.add(shown(siteConfigs.get(k))));
      return out;
    }

    /** One finding per rule and statement, with its configurations. */
    List<Finding> findings() {
      List<Finding> out = new ArrayList<>();
      findingsByKey.forEach((k, f) -> out.add(f.withConfigurations(shown(findingConfigs.get(k)))));
      return out;
    }
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
      Collection<Diagnostic> diagnostics) {
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
    extra.stream().filter(d -> !diagnostics.contains(d)).forEach(diagnostics::add);
    List<Finding> shownConfigs = new ArrayList<>();
    for (Finding f : out) {
      Set<String> where = siteConfigs.get(f.location().toString());
      shownConfigs.add(where == null ? f : f.withConfigurations(shown(where)));
    }
    return shownConfigs;
  }

  /** Configurations to show: none when only the default one. */
  private static List<String> shown(Set<String> names) {
    return names.size() == 1 && names.contains(Engine.DEFAULT_CONFIGURATION)
        ? List.of()
        : List.copyOf(names);
  }

  /**
   * Pass 2 for one file in one configuration: sites, child regions, rules. Never throws for
   * problems with the file.
   *
   * @param text the file's text, read again (every configuration of a file has the same text)
   */
  private FileAnalysis analyze(Parsed p, SourceText text, Summaries summaries) {
    if (!p.parsed() || text == null) {
      return new FileAnalysis(p.facts(), List.of(), List.of());
    }
    try {
      return analyzeFacts(p.facts(), text, summaries);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return failed(p.facts().path(), Failures.describe(e));
    }
  }

  private FileAnalysis analyzeFacts(FileFacts facts, SourceText text, Summaries summaries) {
    String path = facts.path();
    List<SiteContext> sites = findSites(facts, summaries);
    List<Diagnostic> extra = new ArrayList<>();
    // each child rule runs once per site (viewed as vfork); the advice is computed once from it
    Map<String, List<Finding>> childFindings = new HashMap<>();
    if (advisor != null) {
      sites = advise(facts, sites, summaries, extra, childFindings);
    }
    RuleContext context = new RuleContext(facts, sites, knowledge, summaries);
    List<Finding> findings = new ArrayList<>();
    for (Rule rule : config.rules()) {
      String id = rule.metadata().id();
      if (rule instanceof PortingRule) {
        continue; // reported once per file from the sites merged over its configurations
      }
      if (rule instanceof ChildRule && advisorRuns(rule)) {
        findings.addAll(childFindings.getOrDefault(id, List.of())); // already run on every site
      } else {
        findings.addAll(errorPathLevels(guarded(rule, path, extra, () -> rule.check(context))));
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

  /** Every fork site of the file's functions, with its child region. */
  private List<SiteContext> findSites(FileFacts facts, Summaries summaries) {
    String path = facts.path();
    SiteFinder finder = new SiteFinder(knowledge);
    ChildRegionAnalysis regions = new ChildRegionAnalysis(knowledge, summaries, path);
    List<SiteContext> sites = new ArrayList<>();
    for (FunctionFacts fn : facts.functions()) {
      for (ForkSite site : finder.find(fn, path, summaries::resolve)) {
        ChildRegion region = regions.analyze(fn, site);
        if (region.stateAt(site.node()).isBottom()) {
          continue; // no path reaches the call in this configuration (`if (0) fork();`)
        }
        sites.add(new SiteContext(fn, site, region));
      }
    }
    return sites;
  }

  /**
   * The sites with the advisor's verdict: runs its child rules on each site viewed as vfork and
   * hands their findings to it.
   *
   * @param problems gets the failures of the child rules and of the advisor
   * @param childFindings gets, per child rule, its findings on the real vfork sites (for reuse)
   */
  private List<SiteContext> advise(
      FileFacts facts,
      List<SiteContext> sites,
      Summaries summaries,
      List<Diagnostic> problems,
      Map<String, List<Finding>> childFindings) {
    String path = facts.path();
    RuleContext bare = new RuleContext(facts, sites, knowledge, summaries);
    List<SiteContext> advised = new ArrayList<>();
    for (SiteContext s : sites) {
      List<Finding> asVfork = new ArrayList<>();
      for (ChildRule rule : advisor.childRules()) {
        List<Finding> found =
            errorPathLevels(
                guarded(rule, path, problems, () -> rule.checkChild(bare, s.asVfork())));
        asVfork.addAll(found);
        if (s.site().kind() == ForkSite.Kind.VFORK) {
          childFindings.computeIfAbsent(rule.metadata().id(), k -> new ArrayList<>()).addAll(found);
        }
      }
      asVfork.sort(Finding.ORDER);
      PortAdvice advice = guardedAdvice(path, problems, () -> advisor.advise(bare, s, asVfork));
      advised.add(advice == null ? s : s.withAdvice(advice));
    }
    return advised;
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
              + Failures.describe(e)
              + " (the other rules still ran; please report this)";
      Diagnostic d = new Diagnostic(Diagnostic.Kind.INTERNAL, Location.point(path, 1, 1), message);
      if (!problems.contains(d)) {
        problems.add(d);
      }
      return List.of();
    }
  }

  /** Runs the advisor; a failure becomes an internal diagnostic and no advice (null). */
  private static PortAdvice guardedAdvice(
      String path, List<Diagnostic> problems, Supplier<PortAdvice> run) {
    try {
      return run.get();
    } catch (RuntimeException | StackOverflowError e) {
      problems.add(
          new Diagnostic(
              Diagnostic.Kind.INTERNAL,
              Location.point(path, 1, 1),
              "the porting advice failed on this file: "
                  + Failures.describe(e)
                  + " (please report this)"));
      return null;
    }
  }

  /**
   * One finding per rule and statement, however many paths or sites reach it. A statement in the
   * child of a vfork nested in another vfork's child is credited to the innermost site (the one
   * whose call comes last before the statement), then a finding on a normal path wins over one on
   * an error path, then the first one found.
   */
  static List<Finding> dedupe(List<Finding> findings) {
    Map<String, Finding> seen = new LinkedHashMap<>();
    for (Finding f : findings) {
      String key = f.ruleId() + "@" + f.location();
      Finding before = seen.get(key);
      if (before == null || better(f, before)) {
        seen.put(key, f);
      }
    }
    return new ArrayList<>(seen.values());
  }

  /** True when {@code f} should be reported instead of {@code before} (same rule, same place). */
  private static boolean better(Finding f, Finding before) {
    Location mine = siteOf(f);
    Location theirs = siteOf(before);
    if (mine != null && theirs != null && !mine.equals(theirs)) {
      return Location.ORDER.compare(mine, theirs) > 0; // the inner site's call comes later
    }
    if ((mine == null) != (theirs == null)) {
      return mine != null; // a site before the statement over one reached around a loop
    }
    return before.onErrorPath() && !f.onErrorPath();
  }

  /**
   * The fork/vfork call a finding's path starts from, when it comes before the finding in the same
   * file; else null.
   */
  private static Location siteOf(Finding f) {
    if (f.steps().isEmpty()) {
      return null;
    }
    Location first = f.steps().get(0).location();
    return first.path().equals(f.location().path())
            && Location.ORDER.compare(first, f.location()) <= 0
        ? first
        : null;
  }

  /**
   * The default level policy: a finding the child makes only on an error path is reported one level
   * below its rule's (the project configuration can set both levels per rule).
   */
  private static List<Finding> errorPathLevels(List<Finding> findings) {
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      out.add(f.onErrorPath() ? f.withSeverity(f.severity().lower()) : f);
    }
    return out;
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

  /**
   * A site as the scan reports it: with how many of its child's calls go to project helpers or to
   * unknown functions, and how many of its paths end inside a helper.
   */
  static SiteReport report(
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
}
