package dev.vforkcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.frontend.ParseOptions;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Severity;
import dev.vforkcheck.model.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's advisor pipeline: every child rule of the {@link Advisor} runs exactly once per site
 * (fork sites viewed as vfork calls), its findings on real vfork sites are reused when the same
 * rule is enabled, failures become INTERNAL diagnostics, and the advice reaches every site report.
 */
class AdvisorPipelineTest {
  private static final KnowledgeBase KB = KnowledgeBase.load();

  /** Line numbers below are 1-based lines of this text. */
  private static final String C =
      """
      void run(char **a)
      {
        pid_t pid = fork();
        if (pid == 0) {
          execv(a[0], a);
          _exit(127);
        }
      }
      /* a line nothing points at */
      static void
      spawn(char **a)
      {
        if (vfork() == 0) {
          execv(a[0], a);
          _exit(127);
        }
      }
      """;

  private static final int FORK_LINE = 3;
  private static final int FORK_EXIT_LINE = 6;
  private static final int VFORK_LINE = 13;
  private static final int VFORK_EXIT_LINE = 15;

  @TempDir Path dir;
  private Path file;

  /** What one checkChild call saw. */
  record Seen(ForkSite.Kind kind, String callee, int line, int sitesInContext) {}

  /**
   * A child rule that counts its runs: one finding per site, at the call, with a step at `_exit`.
   */
  @RuleInfo(id = "test-counting-child", summary = "counts its runs", severity = Severity.WARNING)
  static final class CountingRule implements ChildRule {
    final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());

    @Override
    public List<Finding> checkChild(RuleContext context, SiteContext site) {
      seen.add(
          new Seen(
              site.site().kind(),
              site.site().callee(),
              site.site().location().line(),
              context.sites().size()));
      CfgNode exit =
          site.region().nodes().stream()
              .filter(n -> n.text().equals("_exit(127);"))
              .findFirst()
              .orElseThrow();
      return List.of(
          new Finding(
              "test-counting-child",
              Severity.WARNING,
              "the " + site.site().callee() + "() child was counted",
              site.site().location(),
              List.of(new Step(exit.location(), "ends here")),
              List.of(),
              "was counted"));
    }
  }

  @RuleInfo(id = "test-throwing-child", summary = "always fails", severity = Severity.ERROR)
  static final class ThrowingRule implements ChildRule {
    int runs;

    @Override
    public List<Finding> checkChild(RuleContext context, SiteContext site) {
      runs++;
      throw new IllegalStateException("kaput");
    }
  }

  /** What one advise call got. */
  record Advised(ForkSite.Kind kind, int line, List<Finding> asVforkChild) {}

  /** An advisor that records its calls; its verdict says which kind of site it saw. */
  static final class FakeAdvisor implements Advisor {
    final List<ChildRule> rules;
    final List<Advised> advised = Collections.synchronizedList(new ArrayList<>());
    boolean fail;

    FakeAdvisor(ChildRule... rules) {
      this.rules = List.of(rules);
    }

    @Override
    public List<ChildRule> childRules() {
      return rules;
    }

    @Override
    public PortAdvice advise(RuleContext context, SiteContext site, List<Finding> asVforkChild) {
      advised.add(new Advised(site.site().kind(), site.site().location().line(), asVforkChild));
      if (fail) {
        throw new IllegalArgumentException("no advice today");
      }
      return new PortAdvice(
          site.site().kind() == ForkSite.Kind.VFORK
              ? PortAdvice.Verdict.VFORK_ALREADY
              : PortAdvice.Verdict.SWAP_SAFE,
          "fake advice for line " + site.site().location().line(),
          false,
          null,
          asVforkChild);
    }
  }

  /** A porting rule that brings the advisor and reports the verdict it finds on each site. */
  @RuleInfo(id = "test-porting", summary = "reports advice", severity = Severity.NOTE)
  static final class Porting implements PortingRule {
    private final Advisor advisor;

    Porting(Advisor advisor) {
      this.advisor = advisor;
    }

    @Override
    public Advisor advisor() {
      return advisor;
    }

    @Override
    public List<Finding> check(RuleContext context) {
      return context.sites().stream()
          .map(
              s ->
                  new Finding(
                      "test-porting",
                      Severity.NOTE,
                      s.advice() == null ? "no advice" : s.advice().reason(),
                      s.site().location(),
                      List.of(),
                      List.of()))
          .toList();
    }
  }

  @BeforeEach
  void writeFile() throws IOException {
    file = dir.resolve("t.c");
    Files.writeString(file, C, StandardCharsets.UTF_8);
  }

  private ScanResult scan(Advisor advisor, Rule... enabled) {
    ScanConfig config = new ScanConfig(dir, ParseOptions.defaults(), List.of(enabled), 1);
    if (advisor != null) {
      config = config.withAdvisor(advisor);
    }
    return new Engine(KB, config).scan(List.of(file));
  }

  private static List<Integer> lines(List<Seen> seen) {
    return seen.stream().map(Seen::line).sorted().toList();
  }

  @Test
  void eachAdvisorChildRuleRunsOncePerSiteWithForkSitesViewedAsVfork() {
    CountingRule counting = new CountingRule();
    FakeAdvisor advisor = new FakeAdvisor(counting);
    ScanResult r = scan(advisor);
    assertEquals(List.of(FORK_LINE, VFORK_LINE), lines(counting.seen), counting.seen.toString());
    for (Seen s : counting.seen) {
      assertEquals(ForkSite.Kind.VFORK, s.kind(), "judged as a vfork child: " + s);
      assertEquals("vfork", s.callee(), s.toString());
      assertEquals(2, s.sitesInContext(), "the rule sees the file's sites");
    }
    assertEquals(
        List.of(),
        r.findings(),
        "the child rule is not enabled: its findings only feed the advice");
    assertEquals(List.of(), r.diagnostics());
  }

  @Test
  void theAdvisorGetsTheRealSiteAndItsOwnChildFindingsAndItsAdviceReachesTheReports() {
    CountingRule counting = new CountingRule();
    FakeAdvisor advisor = new FakeAdvisor(counting);
    ScanResult r = scan(advisor);
    assertEquals(2, advisor.advised.size());
    Advised fork =
        advisor.advised.stream().filter(a -> a.line() == FORK_LINE).findFirst().orElseThrow();
    assertEquals(ForkSite.Kind.FORK, fork.kind(), "advise sees the site as it is, not as vfork");
    assertEquals(1, fork.asVforkChild().size());
    assertEquals(
        FORK_LINE, fork.asVforkChild().get(0).location().line(), "only this site's findings");
    assertEquals("the vfork() child was counted", fork.asVforkChild().get(0).message());

    assertEquals(2, r.sites().size());
    SiteReport forkSite = r.sites().get(0);
    SiteReport vforkSite = r.sites().get(1);
    assertEquals(ForkSite.Kind.FORK, forkSite.site().kind());
    assertEquals(PortAdvice.Verdict.SWAP_SAFE, forkSite.advice().verdict());
    assertEquals("fake advice for line " + FORK_LINE, forkSite.advice().reason());
    assertEquals(1, forkSite.advice().blockers().size());
    assertEquals(PortAdvice.Verdict.VFORK_ALREADY, vforkSite.advice().verdict());
    assertEquals(
        forkSite.advice(), forkSite.context().advice(), "the site context carries the advice");
  }

  @Test
  void anEnabledChildRuleThatTheAdvisorRunsIsNotRunAgainItsVforkFindingsAreReused() {
    CountingRule counting = new CountingRule();
    ScanResult r = scan(new FakeAdvisor(counting), counting);
    assertEquals(
        2, counting.seen.size(), "once per site, not once more for the report: " + counting.seen);
    assertEquals(1, r.findings().size(), "only the real vfork site is reported");
    Finding f = r.findings().get(0);
    assertEquals("test-counting-child", f.ruleId());
    assertEquals(VFORK_LINE, f.location().line());
    assertEquals("the vfork() child was counted", f.message());
    assertEquals("was counted", f.headline());
    assertTrue(!f.fingerprint().isEmpty(), "reused findings are fingerprinted like the others");
  }

  @Test
  void reuseGoesByTheRuleNotByTheInstance() {
    CountingRule inAdvisor = new CountingRule();
    CountingRule enabled = new CountingRule();
    ScanResult r = scan(new FakeAdvisor(inAdvisor), enabled);
    assertEquals(2, inAdvisor.seen.size());
    assertEquals(
        List.of(), enabled.seen, "the same rule (same metadata) was already run on every site");
    assertEquals(List.of(VFORK_LINE), r.findings().stream().map(f -> f.location().line()).toList());
  }

  @Test
  void withoutAnAdvisorAnEnabledChildRuleChecksTheRealVforkSitesOnly() {
    CountingRule counting = new CountingRule();
    ScanResult r = scan(null, counting);
    assertEquals(List.of(VFORK_LINE), lines(counting.seen));
    assertEquals(1, r.findings().size());
    r.sites().forEach(s -> assertNull(s.advice(), "no advisor, no advice"));
  }

  @Test
  void aPortingRuleBringsTheAdvisorWhenTheConfigurationNamesNone() {
    CountingRule counting = new CountingRule();
    FakeAdvisor advisor = new FakeAdvisor(counting);
    ScanResult r = scan(null, new Porting(advisor));
    assertEquals(2, counting.seen.size());
    r.sites().forEach(s -> assertNotNull(s.advice(), s.site().toString()));
    assertEquals(
        List.of("fake advice for line " + FORK_LINE, "fake advice for line " + VFORK_LINE),
        r.findings().stream().map(Finding::message).toList(),
        "porting rules run after the advice, and see it");
  }

  @Test
  void aFailingAdvisorRuleBecomesOneInternalDiagnosticAndTheOtherRulesStillRun() {
    ThrowingRule throwing = new ThrowingRule();
    CountingRule counting = new CountingRule();
    FakeAdvisor advisor = new FakeAdvisor(throwing, counting);
    ScanResult r = scan(advisor, throwing, counting);
    assertEquals(2, throwing.runs, "once per site, and not again as an enabled rule");
    assertEquals(2, counting.seen.size(), "the next rule still ran on every site");
    List<Diagnostic> internal =
        r.diagnostics().stream().filter(d -> d.kind() == Diagnostic.Kind.INTERNAL).toList();
    assertEquals(1, internal.size(), r.diagnostics().toString());
    assertTrue(
        internal.get(0).message().contains("test-throwing-child"), internal.get(0).message());
    assertTrue(internal.get(0).message().contains("kaput"), internal.get(0).message());
    assertEquals("t.c", internal.get(0).location().path());
    assertEquals(2, advisor.advised.size(), "the advice is still computed");
    r.sites().forEach(s -> assertNotNull(s.advice()));
    assertEquals(1, r.findings().size(), "the counting rule's vfork finding is still reported");
    assertEquals("test-counting-child", r.findings().get(0).ruleId());
  }

  @Test
  void aFailingAdvisorBecomesAnInternalDiagnosticAndLeavesTheSitesWithoutAdvice() {
    CountingRule counting = new CountingRule();
    FakeAdvisor advisor = new FakeAdvisor(counting);
    advisor.fail = true;
    ScanResult r = scan(advisor, counting);
    assertTrue(
        r.diagnostics().stream()
            .anyMatch(
                d ->
                    d.kind() == Diagnostic.Kind.INTERNAL
                        && d.message().contains("porting advice")
                        && d.message().contains("no advice today")),
        r.diagnostics().toString());
    r.sites().forEach(s -> assertNull(s.advice()));
    assertEquals(2, counting.seen.size());
    assertEquals(1, r.findings().size(), "the rules still report");
  }

  @Test
  void functionLinesRunFromTheFunctionsNameToItsEnd() {
    ScanResult r = scan(new FakeAdvisor(new CountingRule()));
    assertEquals(new SiteReport.Lines(1, 8), r.sites().get(0).functionLines());
    assertEquals(
        new SiteReport.Lines(11, 17),
        r.sites().get(1).functionLines(),
        "from the name (not the return type's line) to the closing brace, not into the next function");
  }

  @Test
  void snippetsHoldTheLinesOfFindingsStepsAndSites() {
    CountingRule counting = new CountingRule();
    ScanResult r = scan(new FakeAdvisor(counting), counting);
    List<String> source = C.lines().toList();
    Set<Integer> expected = new TreeSet<>(List.of(FORK_LINE, VFORK_LINE, VFORK_EXIT_LINE));
    assertEquals(Set.of("t.c"), r.snippets().keySet());
    assertEquals(
        expected,
        new TreeSet<>(r.snippets().get("t.c").keySet()),
        "the sites, the reported finding and its step; not line "
            + FORK_EXIT_LINE
            + " (a step of an unreported finding) nor unreferenced lines");
    for (int line : expected) {
      assertEquals(source.get(line - 1), r.snippet("t.c", line), "line " + line);
    }
    assertNull(r.snippet("t.c", 9));
    assertNull(r.snippet("other.c", FORK_LINE));
  }
}
