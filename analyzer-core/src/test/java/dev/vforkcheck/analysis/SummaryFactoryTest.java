package dev.vforkcheck.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vforkcheck.TestC;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.frontend.FileFacts;
import dev.vforkcheck.frontend.FrontEnd;
import dev.vforkcheck.frontend.ParseOptions;
import dev.vforkcheck.frontend.SourceText;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SummaryFactoryTest {
  private static FileFacts file(String path, String code) {
    return new FrontEnd(TestC.KB, ParseOptions.defaults())
        .parse(path, "/v/" + path, SourceText.of(code));
  }

  private static Summaries build(FileFacts... files) {
    return new SummaryFactory(TestC.KB).build(List.of(files));
  }

  @Test
  void endingsAndReturnsAreComputedBottomUp() {
    Summaries s =
        build(
            file(
                "a.c",
                "static void fatal(void) { fprintf(stderr, \"x\"); exit(1); }\n"
                    + "static void run(char **a) { execv(a[0], a); fatal(); }\n"
                    + "static void quiet(char **a) { execv(a[0], a); _exit(127); }\n"
                    + "static int maybe(int x) { if (x) _exit(1); return 0; }\n"));
    Summary fatal = s.resolve("a.c", "fatal");
    assertTrue(fatal.neverReturns());
    assertEquals(Set.of(EndKind.EXIT), fatal.endings());
    Summary run = s.resolve("a.c", "run");
    assertTrue(run.neverReturns());
    assertTrue(run.mayExec());
    assertEquals(Set.of(EndKind.EXIT), run.endings());
    Effect exit = run.first(Effect.Kind.EXIT);
    assertEquals("exit", exit.name());
    assertEquals(
        List.of("calls fatal()", "calls exit()"),
        exit.chain().stream().map(st -> st.message()).toList());
    assertEquals("run() -> fatal() -> exit()", exit.route("run"));
    assertEquals(Set.of(EndKind.EXEC_EXIT), s.resolve("a.c", "quiet").endings());
    assertTrue(s.resolve("a.c", "quiet").effects().isEmpty());
    assertTrue(s.resolve("a.c", "maybe").mayReturn());
  }

  /** The call expression of the first call in function {@code fn}'s statements. */
  private static Expr.Call firstCall(FileFacts f, String fn) {
    for (var func : f.functions()) {
      if (!func.name().equals(fn)) {
        continue;
      }
      for (var n : func.cfg().nodes()) {
        if (n.expr() != null && !Expr.calls(n.expr()).isEmpty()) {
          return Expr.calls(n.expr()).get(0);
        }
      }
    }
    throw new AssertionError("no call in " + fn);
  }

  @Test
  void aCallWithAConstantArgumentIsSummarizedForTheBranchesItCanTake() {
    FileFacts f =
        file(
            "a.c",
            "static void report(int doexit, int code) {\n"
                + "  if (doexit) exit(code);\n"
                + "  write(2, \"x\", 1);\n"
                + "}\n"
                + "static void dies(void) { report(1, 2); }\n"
                + "static void warns(void) { report(0, 0); }\n"
                + "static void unknown(int v) { report(v, 0); }\n");
    Summaries s = build(f);
    Summary plain = s.resolve("a.c", "report");
    assertTrue(plain.mayReturn());
    assertNotNull(plain.first(Effect.Kind.EXIT));

    Summary exiting = s.resolveCall("a.c", firstCall(f, "dies"));
    assertTrue(exiting.neverReturns(), "report(1, ...) always exits");
    assertEquals(Set.of(EndKind.EXIT), exiting.endings());
    Summary returning = s.resolveCall("a.c", firstCall(f, "warns"));
    assertTrue(returning.mayReturn());
    assertNull(returning.first(Effect.Kind.EXIT), "report(0, ...) never reaches exit()");
    assertEquals(plain, s.resolveCall("a.c", firstCall(f, "unknown")), "no constant: plain");

    assertTrue(s.resolve("a.c", "dies").neverReturns(), "callers see the specialization too");
    assertTrue(s.resolve("a.c", "warns").mayReturn());
    assertNull(s.resolve("a.c", "warns").first(Effect.Kind.EXIT));
  }

  @Test
  void aConstantFlagsArgumentDecidesTheFlagTestsOfTheCallee() {
    FileFacts f =
        file(
            "a.c",
            "enum { DAEMON_CHDIR = 4 };\n"
                + "static void setup(int flags) {\n"
                + "  if (flags & DAEMON_CHDIR) exit(1);\n"
                + "}\n"
                + "static void quiet(void) { setup(3); }\n"
                + "static void loud(void) { setup(6); }\n");
    Summaries s = build(f);
    assertNull(s.resolveCall("a.c", firstCall(f, "quiet")).first(Effect.Kind.EXIT), "3 & 4 == 0");
    assertTrue(s.resolveCall("a.c", firstCall(f, "loud")).neverReturns(), "6 & 4 != 0");
  }

  @Test
  void staticFunctionsResolveInTheirFileAndExternalOnesAcrossFiles() {
    Summaries s =
        build(
            file(
                "a.c",
                "static void helper(void) { malloc(1); }\nvoid shared(void) { puts(\"x\"); }\n"),
            file("b.c", "static void helper(void) { close(3); }\n"));
    assertNotNull(s.resolve("a.c", "helper").first(Effect.Kind.HEAP));
    assertTrue(s.resolve("b.c", "helper").effects().isEmpty());
    assertNotNull(s.resolve("b.c", "shared").first(Effect.Kind.STDIO));
    assertNull(s.resolve("b.c", "nowhere"));
  }

  @Test
  void recursionSettlesAndKeepsEffects() {
    Summaries s =
        build(
            file(
                "r.c",
                "static void b(int n);\nstatic void a(int n) { if (n) b(n - 1); setenv(\"X\", \"1\", 1); }\n"
                    + "static void b(int n) { a(n); }\nstatic void self(int n) { if (n) self(n - 1); else exit(3); }\n"));
    assertNotNull(s.resolve("r.c", "a").first(Effect.Kind.UNSAFE_CALL));
    assertNotNull(s.resolve("r.c", "b").first(Effect.Kind.UNSAFE_CALL));
    assertNotNull(s.resolve("r.c", "self").first(Effect.Kind.EXIT));
  }

  @Test
  void unknownCallsGlobalWritesAndPointersAreEffects() {
    Summaries s =
        build(
            file(
                "u.c",
                "int counter;\nstatic void f(void (*cb)(void)) { counter++; cb(); mystery(); errno = 0; }\n"));
    Summary f = s.resolve("u.c", "f");
    assertEquals("counter", f.first(Effect.Kind.GLOBAL_WRITE).name());
    List<String> unknown =
        f.effects().stream()
            .filter(e -> e.kind() == Effect.Kind.UNKNOWN_CALL)
            .map(Effect::name)
            .toList();
    assertEquals(List.of("mystery"), unknown);
    assertNotNull(
        f.first(Effect.Kind.POINTER_CALL), "the call through cb is its own kind of effect");
    assertTrue(f.effects().stream().noneMatch(e -> e.name().equals("errno")));
  }

  @Test
  void wrappersAreFunctionsWhoseChildReturnsTheResult() {
    Summaries s =
        build(
            file(
                "w.c",
                "static pid_t w1(void) { return vfork(); }\n"
                    + "static pid_t w2(void) { pid_t p = vfork(); if (p < 0) _exit(1); return p; }\n"
                    + "static pid_t spawn(char **a) { pid_t p = vfork(); if (p == 0) { execv(a[0], a); _exit(127); } return p; }\n"
                    + "static pid_t w3(void) { return w1(); }\n"));
    assertEquals(ForkSite.Kind.VFORK, s.resolve("w.c", "w1").forkWrapper());
    assertEquals(ForkSite.Kind.VFORK, s.resolve("w.c", "w2").forkWrapper());
    assertNull(
        s.resolve("w.c", "spawn").forkWrapper(), "only the parent returns the pid: a spawn helper");
    assertEquals(ForkSite.Kind.VFORK, s.resolve("w.c", "w3").forkWrapper());
  }

  @Test
  void noreturnDeclarationsWithoutBodiesAreKnownTreeWide() {
    Summaries s =
        build(
            file("h.h", "void usage(void) __attribute__((noreturn));\n"), file("m.c", "int x;\n"));
    assertTrue(s.declaredNoReturn("usage"));
    assertFalse(s.declaredNoReturn("other"));
    assertNull(s.resolve("m.c", "usage"));
  }

  @Test
  void stronglyConnectedComponentsComeCalleesFirst() {
    // 0 -> 1 -> 2 -> 1, 3 alone
    List<int[]> sccs =
        SummaryFactory.sccs(List.of(new int[] {1}, new int[] {2}, new int[] {1}, new int[] {}));
    assertEquals(3, sccs.size());
    assertEquals(List.of(1, 2), java.util.Arrays.stream(sccs.get(0)).boxed().toList());
    assertEquals(List.of(0), java.util.Arrays.stream(sccs.get(1)).boxed().toList());
  }

  private static final String LAYERED =
      "static void leaf(void) { _exit(1); }\n"
          + "static void two(void) { leaf(); }\n"
          + "static void also(int x) { if (x) leaf(); }\n"
          + "static void ping(int n) { if (n) pong(n - 1); else exit(1); }\n"
          + "static void pong(int n) { ping(n); }\n"
          + "static void top(int n) { two(); also(n); ping(n); }\n";

  @Test
  void componentsAreLeveledSoThatEachLevelCallsOnlyLowerOnes() {
    FileFacts f = file("l.c", LAYERED);
    CallGraph g = new CallGraph(List.of(f));
    List<List<String>> names =
        g.levels().stream()
            .map(
                level ->
                    level.stream()
                        .map(
                            scc ->
                                java.util.Arrays.stream(scc)
                                    .mapToObj(id -> g.functions().get(id).facts().name())
                                    .sorted()
                                    .collect(java.util.stream.Collectors.joining("+")))
                        .sorted()
                        .toList())
            .toList();
    assertEquals(
        List.of(List.of("leaf", "ping+pong"), List.of("also", "two"), List.of("top")), names);
  }

  @Test
  void summariesDoNotDependOnTheOrderTheTasksOfALevelRunIn() {
    FileFacts f = file("l.c", LAYERED);
    Summaries forward = new SummaryFactory(TestC.KB).build(List.of(f));
    List<Integer> sizes = new java.util.ArrayList<>();
    Summaries backward =
        new SummaryFactory(
                TestC.KB,
                (tasks, weights) -> {
                  sizes.add(tasks.size());
                  for (int i = tasks.size() - 1; i >= 0; i--) {
                    tasks.get(i).run();
                  }
                })
            .build(List.of(f));
    assertEquals(List.of(2, 2, 1), sizes, "three levels, run as three batches");
    for (String fn : List.of("leaf", "two", "also", "ping", "pong", "top")) {
      assertEquals(forward.resolve("l.c", fn), backward.resolve("l.c", fn), fn);
    }
    assertTrue(backward.resolve("l.c", "top").neverReturns());
    assertFalse(backward.resolve("l.c", "also").neverReturns());
  }
}
