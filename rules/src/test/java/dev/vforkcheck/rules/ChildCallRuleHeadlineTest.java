package dev.vforkcheck.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vforkcheck.engine.Engine;
import dev.vforkcheck.engine.ScanConfig;
import dev.vforkcheck.engine.ScanResult;
import dev.vforkcheck.frontend.ParseOptions;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link ChildCallRule} family (vfork-exit, vfork-heap, vfork-stdio, vfork-unsafe-call,
 * vfork-signal-handler): what each reports, and that a finding's {@code headline()} is exactly the
 * start of its message after "the vfork() child ".
 */
class ChildCallRuleHeadlineTest {
  private static final KnowledgeBase KB = KnowledgeBase.load();
  private static final Set<String> FAMILY =
      Set.of(
          "vfork-exit", "vfork-heap", "vfork-stdio", "vfork-unsafe-call", "vfork-signal-handler");

  /** One vfork site per function; each child makes one call worth a finding (or none). */
  private static final String CODE =
      """
      static void die(void) {
        fprintf(stderr, "failed\\n");
        exit(1);
      }
      static void on_chld(int sig) { }
      static void on_term(int sig) { }
      void direct_exit(void) {
        if (vfork() == 0) exit(1);
      }
      void direct_err(void) {
        if (vfork() == 0) err(1, "x");
      }
      void heap(char **a) {
        if (vfork() == 0) { char *p = malloc(3); execv(a[0], a); _exit(127); }
      }
      void stdio(char **a) {
        if (vfork() == 0) { printf("x"); execv(a[0], a); _exit(127); }
      }
      void unknown(char **a) {
        if (vfork() == 0) { frob(); execv(a[0], a); _exit(127); }
      }
      void pointer(char **a, void (*fn)(void)) {
        if (vfork() == 0) { fn(); execv(a[0], a); _exit(127); }
      }
      void unsafe(char **a) {
        if (vfork() == 0) { getpwnam("root"); execv(a[0], a); _exit(127); }
      }
      void again(char **a) {
        if (vfork() == 0) { vfork(); execv(a[0], a); _exit(127); }
      }
      void handler(char **a) {
        if (vfork() == 0) { signal(SIGCHLD, on_chld); execv(a[0], a); _exit(127); }
      }
      void disposition(char **a) {
        if (vfork() == 0) { signal(SIGCHLD, SIG_DFL); execv(a[0], a); _exit(127); }
      }
      void sigact(char **a) {
        struct sigaction sa;
        sa.sa_handler = on_term;
        if (vfork() == 0) { sigaction(SIGTERM, &sa, 0); execv(a[0], a); _exit(127); }
      }
      void helper(char **a) {
        if (vfork() == 0) { execv(a[0], a); die(); }
      }
      """;

  @TempDir Path dir;
  private ScanResult result;

  @BeforeEach
  void scan() throws IOException {
    Path file = dir.resolve("t.c");
    Files.writeString(file, CODE, StandardCharsets.UTF_8);
    RuleRegistry registry = RuleRegistry.builtin();
    result =
        new Engine(KB, new ScanConfig(dir, ParseOptions.defaults(), registry.all(), 1))
            .scan(List.of(file));
  }

  private static int lineOf(String text) {
    List<String> lines = CODE.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line with " + text);
  }

  /** The family's findings on the line of the function's vfork call. */
  private List<Finding> at(String function) {
    int line = lineOf("void " + function + "(") + 1;
    if (function.equals("sigact")) {
      line += 2;
    }
    int l = line;
    return result.findings().stream()
        .filter(f -> FAMILY.contains(f.ruleId()) && f.location().line() == l)
        .toList();
  }

  private Finding only(String function, String rule) {
    List<Finding> found = at(function);
    assertEquals(1, found.size(), function + ": " + found);
    assertEquals(rule, found.get(0).ruleId(), function);
    return found.get(0);
  }

  @Test
  void everyFindingOfTheFamilyStartsWithItsHeadline() {
    List<Finding> family =
        result.findings().stream().filter(f -> FAMILY.contains(f.ruleId())).toList();
    assertTrue(family.size() >= 10, family.toString());
    for (Finding f : family) {
      assertFalse(f.headline().isEmpty(), f.toString());
      assertTrue(
          f.message().startsWith("the vfork() child " + f.headline()),
          f.ruleId() + ": '" + f.headline() + "' does not start '" + f.message() + "'");
      assertTrue(
          f.message().length() > ("the vfork() child " + f.headline()).length(),
          "the message goes on to say why: " + f.message());
    }
  }

  @Test
  void vforkExitDirectWithItsFix() {
    Finding f = only("direct_exit", "vfork-exit");
    assertEquals(
        "calls exit(), which runs exit handlers and flushes and closes stdio streams that belong to"
            + " the parent",
        f.headline());
    assertEquals(1, f.fixes().size());
    assertEquals("_exit", f.fixes().get(0).edits().get(0).replacement());
  }

  @Test
  void vforkExitOfAFunctionWithoutReplacementHasNoFix() {
    Finding f = only("direct_err", "vfork-exit");
    assertEquals(
        "calls err(), which ends the process the way exit() does, which runs exit handlers and"
            + " flushes and closes stdio streams that belong to the parent",
        f.headline());
    assertEquals(List.of(), f.fixes());
  }

  @Test
  void vforkHeap() {
    assertEquals(
        "calls malloc(), which changes the heap it shares with the parent",
        only("heap", "vfork-heap").headline());
  }

  @Test
  void vforkStdio() {
    assertEquals(
        "calls printf(), which works on FILE buffers and locks shared with the parent",
        only("stdio", "vfork-stdio").headline());
  }

  @Test
  void vforkUnsafeCallOfAnUnknownAFunctionPointerAnUnsafeFunctionAndVforkAgain() {
    assertEquals(
        "calls frob(), which is not known to be vfork-safe",
        only("unknown", "vfork-unsafe-call").headline());
    assertEquals(
        "calls a function through a pointer (`fn`)",
        only("pointer", "vfork-unsafe-call").headline());
    assertEquals(
        "calls getpwnam(), which is not async-signal-safe",
        only("unsafe", "vfork-unsafe-call").headline());
    List<Finding> again =
        at("again").stream().filter(f -> f.ruleId().equals("vfork-unsafe-call")).toList();
    assertEquals(List.of("calls vfork() again"), again.stream().map(Finding::headline).toList());
  }

  @Test
  void vforkSignalHandlerForAFunctionButNotForADisposition() {
    assertEquals(
        "installs `on_chld` as a signal handler with signal()",
        only("handler", "vfork-signal-handler").headline());
    assertEquals(List.of(), at("disposition"));
    assertEquals(
        "installs `on_term` as a signal handler with sigaction()",
        only("sigact", "vfork-signal-handler").headline());
  }

  @Test
  void aHelperIsReportedOnceByItsMostSeriousEffectNamingTheOthers() {
    Finding f = only("helper", "vfork-exit");
    assertEquals(
        "calls die(), which calls exit() (die() -> exit() at t.c:3); on its paths it also uses stdio"
            + " (fprintf())",
        f.headline());
    int call = lineOf("die(); }");
    assertTrue(
        result.findings().stream()
            .noneMatch(x -> x.ruleId().equals("vfork-stdio") && x.location().line() == call),
        "not once more by vfork-stdio");
  }
}
