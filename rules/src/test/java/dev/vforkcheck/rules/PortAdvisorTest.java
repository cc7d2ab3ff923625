package dev.vforkcheck.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vforkcheck.engine.Engine;
import dev.vforkcheck.engine.PortAdvice;
import dev.vforkcheck.engine.PortAdvice.Verdict;
import dev.vforkcheck.engine.ScanConfig;
import dev.vforkcheck.engine.ScanResult;
import dev.vforkcheck.engine.SiteReport;
import dev.vforkcheck.frontend.ParseOptions;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.TextEdit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The porting verdicts of {@link PortAdvisor}, as the engine computes them with the built-in rules
 * on small C files: each verdict, the exit-to-_exit edit only after a failed exec, the first
 * blocker's headline, a waiting child, a child that never execs and fork wrappers.
 */
class PortAdvisorTest {
  private static final KnowledgeBase KB = KnowledgeBase.load();

  @TempDir Path dir;

  private ScanResult scan(String code) throws IOException {
    Path file = dir.resolve("t.c");
    Files.writeString(file, code, StandardCharsets.UTF_8);
    RuleRegistry registry = RuleRegistry.builtin();
    return new Engine(KB, new ScanConfig(dir, ParseOptions.defaults(), registry.all(), 1))
        .scan(List.of(file));
  }

  private static SiteReport siteAt(ScanResult r, int line) {
    return r.sites().stream()
        .filter(s -> s.site().location().line() == line)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no site at line " + line + ": " + r.sites()));
  }

  private static PortAdvice adviceAt(ScanResult r, int line) {
    PortAdvice a = siteAt(r, line).advice();
    assertTrue(a != null, "the built-in registry brings an advisor");
    return a;
  }

  private static List<Finding> byRule(ScanResult r, String id) {
    return r.findings().stream().filter(f -> f.ruleId().equals(id)).toList();
  }

  /** The text an edit replaces, read from the source. */
  private static String replaced(String code, TextEdit e) {
    String line = code.lines().toList().get(e.range().line() - 1);
    assertEquals(e.range().line(), e.range().endLine(), "one-line edit");
    return line.substring(e.range().column() - 1, e.range().endColumn() - 1);
  }

  @Test
  void aCleanVforkChildIsVforkAlready() throws IOException {
    ScanResult r =
        scan(
            """
            void f(char **a) {
              pid_t pid = vfork();
              if (pid == 0) { execv(a[0], a); _exit(127); }
            }
            """);
    PortAdvice a = adviceAt(r, 2);
    assertEquals(Verdict.VFORK_ALREADY, a.verdict());
    assertEquals("already vfork(); its child is clean", a.reason());
    assertEquals(List.of(), a.blockers());
    assertNull(a.fix());
    assertFalse(a.neverExecs());
    assertEquals(List.of(), r.findings());
  }

  @Test
  void aVforkChildWithProblemsIsVforkAlreadyWithThoseProblemsAsBlockers() throws IOException {
    ScanResult r =
        scan(
            """
            void f(char **a) {
              pid_t pid = vfork();
              if (pid == 0) {
                printf("child\\n");
                execv(a[0], a);
                _exit(127);
              }
            }
            """);
    PortAdvice a = adviceAt(r, 2);
    assertEquals(Verdict.VFORK_ALREADY, a.verdict());
    assertEquals(
        "already vfork(); its child has 1 problem(s) reported by the vfork rules", a.reason());
    assertEquals(List.of("vfork-stdio"), a.blockers().stream().map(Finding::ruleId).toList());
    assertEquals(4, a.blockers().get(0).location().line());
    List<Finding> reported = byRule(r, "vfork-stdio");
    assertEquals(1, reported.size());
    assertEquals(
        a.blockers().get(0).message(), reported.get(0).message(), "the same finding, reused");
  }

  @Test
  void aForkChildThatOnlyExecsAndUnderscoreExitsIsSwapSafe() throws IOException {
    String code =
        """
        void f(char **a) {
          pid_t pid = fork();
          if (pid == 0) { execv(a[0], a); _exit(127); }
        }
        """;
    ScanResult r = scan(code);
    PortAdvice a = adviceAt(r, 2);
    assertEquals(Verdict.SWAP_SAFE, a.verdict());
    assertTrue(a.verdict().swappable());
    assertEquals(List.of(), a.blockers());
    assertEquals("replace fork() with vfork()", a.fix().description());
    assertEquals(1, a.fix().edits().size());
    TextEdit e = a.fix().edits().get(0);
    assertEquals("vfork", e.replacement());
    assertEquals("fork", replaced(code, e));
    assertEquals(2, e.range().line());
    List<Finding> port = byRule(r, "fork-to-vfork");
    assertEquals(1, port.size());
    assertEquals("can become vfork()", port.get(0).headline());
    assertEquals(List.of(a.fix()), port.get(0).fixes());
    assertEquals(List.of(), byRule(r, "fork-no-exec"));
  }

  @Test
  void exitAfterTheFailedExecMakesItSwapSafeAfterFixesWithBothEdits() throws IOException {
    String code =
        """
        void f(char **a) {
          pid_t pid = fork();
          if (pid == 0) {
            execv(a[0], a);
            exit(127);
          }
        }
        """;
    ScanResult r = scan(code);
    PortAdvice a = adviceAt(r, 2);
    assertEquals(Verdict.SWAP_SAFE_AFTER_FIXES, a.verdict());
    assertEquals(List.of(), a.blockers(), "the exit() the fix replaces blocks nothing");
    assertEquals(
        "replace fork() with vfork() and exit() with _exit() on the child's error paths",
        a.fix().description());
    List<TextEdit> edits = a.fix().edits();
    assertEquals(2, edits.size());
    assertEquals("fork", replaced(code, edits.get(0)));
    assertEquals("vfork", edits.get(0).replacement());
    assertEquals(5, edits.get(1).range().line());
    assertEquals("exit", replaced(code, edits.get(1)));
    assertEquals("_exit", edits.get(1).replacement());
    Finding port = byRule(r, "fork-to-vfork").get(0);
    assertTrue(
        port.message().contains("once exit() on its error paths becomes _exit()"), port.message());
    assertEquals(List.of(), byRule(r, "vfork-exit"), "a fork site gets no vfork findings");
  }

  @Test
  void exitInAFailureBranchBeforeTheExecIsAnEditToo() throws IOException {
    String code =
        """
        void f(char **a, const char *d) {
          pid_t pid = fork();
          if (pid == 0) {
            if (chdir(d) < 0)
              exit(1);
            execv(a[0], a);
            exit(127);
          }
        }
        """;
    PortAdvice a = adviceAt(scan(code), 2);
    assertEquals(Verdict.SWAP_SAFE_AFTER_FIXES, a.verdict());
    assertEquals(List.of(), a.blockers());
    assertEquals(
        List.of(2, 5, 7),
        a.fix().edits().stream().map(e -> e.range().line()).toList(),
        "fork() and both exit() calls on error paths (after chdir failed, after exec failed)");
  }

  @Test
  void aProblemOnlyOnAnErrorPathWithoutAnEditMakesItSwapSafeAfterFixesWithoutAFix()
      throws IOException {
    String code =
        """
        void f(char **a, const char *d) {
          pid_t pid = fork();
          if (pid == 0) {
            if (chdir(d) < 0)
              perror(d);
            execv(a[0], a);
            _exit(127);
          }
        }
        """;
    ScanResult r = scan(code);
    PortAdvice a = adviceAt(r, 2);
    assertEquals(Verdict.SWAP_SAFE_AFTER_FIXES, a.verdict());
    assertNull(a.fix(), "no edit fixes perror(): the porter must, so there is no automatic swap");
    assertEquals(List.of(5), a.blockers().stream().map(f -> f.location().line()).toList());
    assertTrue(a.blockers().get(0).onErrorPath());
    assertEquals(
        "the child's normal path only does vfork-safe work; fix its error paths first:"
            + " vfork-stdio at line 5: calls perror(), which works on FILE buffers and locks shared"
            + " with the parent",
        a.reason());
    Finding port = byRule(r, "fork-to-vfork").get(0);
    assertTrue(
        port.message().contains("once the problem on its error path is fixed"), port.message());
    assertEquals(List.of(), port.fixes());
  }

  @Test
  void anExitThatAPathReachesWithoutTryingExecIsABlockerNotAnEdit() throws IOException {
    String code =
        """
        void f(char **a) {
          pid_t pid = fork();
          if (pid == 0) {
            if (a[0])
              execv(a[0], a);
            exit(127);
          }
        }
        """;
    PortAdvice a = adviceAt(scan(code), 2);
    assertEquals(Verdict.NEEDS_RESTRUCTURING, a.verdict());
    assertNull(a.fix());
    assertEquals(List.of("vfork-exit"), a.blockers().stream().map(Finding::ruleId).toList());
    assertEquals(6, a.blockers().get(0).location().line());
  }

  @Test
  void theReasonQuotesTheFirstBlockersHeadlineAndCountsTheRest() throws IOException {
    String code =
        """
        void f(char **a) {
          pid_t pid = fork();
          if (pid == 0) {
            char *p = malloc(10);
            printf("%s\\n", p);
            execv(a[0], a);
            _exit(127);
          }
        }
        """;
    PortAdvice a = adviceAt(scan(code), 2);
    assertEquals(Verdict.NEEDS_RESTRUCTURING, a.verdict());
    assertEquals(
        List.of("vfork-heap", "vfork-stdio"), a.blockers().stream().map(Finding::ruleId).toList());
    assertEquals(
        "as a vfork child it would break vfork-heap at line 4 and 1 more: calls malloc(), which"
            + " changes the heap it shares with the parent",
        a.reason());
    for (Finding b : a.blockers()) {
      assertTrue(b.message().startsWith("the vfork() child " + b.headline()), b.message());
    }
  }

  @Test
  void aChildThatWaitsForTheParentNeedsRestructuring() throws IOException {
    String code =
        """
        void f(char **a, int fd) {
          char c;
          pid_t pid = fork();
          if (pid == 0) {
            read(fd, &c, 1);
            execv(a[0], a);
            _exit(127);
          }
        }
        """;
    PortAdvice a = adviceAt(scan(code), 3);
    assertEquals(Verdict.NEEDS_RESTRUCTURING, a.verdict());
    assertTrue(
        a.reason()
            .startsWith("the child waits in read() at line 5: a vfork parent stays suspended"),
        a.reason());
    assertNull(a.fix());
    assertFalse(a.neverExecs());
  }

  @Test
  void aChildThatNeverExecsCannotBecomeAVforkChild() throws IOException {
    ScanResult r =
        scan(
            """
            void f(void) {
              if (fork() == 0) {
                work();
                _exit(0);
              }
            }
            """);
    PortAdvice a = adviceAt(r, 2);
    assertEquals(Verdict.NEEDS_RESTRUCTURING, a.verdict());
    assertTrue(a.neverExecs());
    assertTrue(a.reason().startsWith("the child never calls exec"), a.reason());
    assertNull(a.fix());
    List<Finding> noExec = byRule(r, "fork-no-exec");
    assertEquals(1, noExec.size());
    assertEquals("never calls exec", noExec.get(0).headline());
    assertEquals(List.of(), byRule(r, "fork-to-vfork"));
  }

  @Test
  void aForkWrapperIsNotJudgedButItsCallersAreToldToCallVforkDirectly() throws IOException {
    ScanResult r =
        scan(
            """
            pid_t xfork(void) {
              pid_t p = fork();
              if (p < 0) _exit(1);
              return p;
            }
            void run(char **a) {
              pid_t pid = xfork();
              if (pid == 0) { execv(a[0], a); _exit(127); }
            }
            """);
    PortAdvice wrapper = adviceAt(r, 2);
    assertEquals(Verdict.NEEDS_RESTRUCTURING, wrapper.verdict());
    assertTrue(wrapper.reason().startsWith("xfork() is a fork wrapper"), wrapper.reason());
    assertFalse(wrapper.neverExecs(), "a wrapper's child returns; it is no never-exec child");
    SiteReport caller = siteAt(r, 7);
    assertEquals("xfork", caller.site().callee());
    PortAdvice a = caller.advice();
    assertEquals(Verdict.NEEDS_RESTRUCTURING, a.verdict());
    assertTrue(
        a.reason().startsWith("the fork happens inside xfork(); call vfork() directly"),
        a.reason());
    assertNull(a.fix());
    assertEquals(List.of(), byRule(r, "fork-to-vfork"));
  }

  @Test
  void verdictIdsAndLabels() {
    assertEquals("vfork-already", Verdict.VFORK_ALREADY.id());
    assertEquals("swap-safe-after-fixes", Verdict.SWAP_SAFE_AFTER_FIXES.id());
    assertEquals("needs restructuring", Verdict.NEEDS_RESTRUCTURING.label());
    assertFalse(Verdict.VFORK_ALREADY.swappable());
    assertFalse(Verdict.NEEDS_RESTRUCTURING.swappable());
    assertTrue(Verdict.SWAP_SAFE.swappable());
    assertTrue(Verdict.SWAP_SAFE_AFTER_FIXES.swappable());
  }
}
