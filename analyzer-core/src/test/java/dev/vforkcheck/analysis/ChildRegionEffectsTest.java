package dev.vforkcheck.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vforkcheck.TestC;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.knowledge.FunctionClass;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What {@link ChildRegion} carries besides its nodes: the child's calls and stores (computed once
 * by {@link ChildRegionAnalysis}), which nodes are the child's own code, which run only after a
 * failed exec, and the same region seen as another site's child.
 */
class ChildRegionEffectsTest {
  private static final String CODE =
      """
      void writes(char **a, int *ptr, int cond) {
        static int g;
        int status;
        volatile int v;
        int child;
        int count = 0;
        int pid = fork();
        child = pid;
        count++;
        if (pid == 0) {
          int mine = 0;
          g = 1;
          status = 2;
          v = 3;
          mine = 4;
          *ptr = 6;
          pid = 5;
          if (cond) execv(a[0], a);
          exit(127);
        }
      }
      void calls(char **a) {
        pid_t pid = vfork();
        if (pid > 0) {
          parent();
        } else {
          setsid();
          dup2(open(a[1], 0), 0);
          execv(a[0], a);
          exit(127);
        }
      }
      void twice(char **a) {
        pid_t pid = fork();
        if (pid == 0) { execv(a[0], a); _exit(127); }
        pid_t p2 = fork();
        if (pid > 0) { waitpid(pid, 0, 0); }
      }
      """;

  private static FunctionFacts fn(String name) {
    return TestC.function(CODE, name);
  }

  private static ChildRegion region(String name) {
    FunctionFacts f = fn(name);
    ForkSite site = new SiteFinder(TestC.KB).find(f).get(0);
    return new ChildRegionAnalysis(TestC.KB).analyze(f, site);
  }

  private static int node(ChildRegion r, String text) {
    return TestC.node(r.cfg(), text).id();
  }

  @Test
  void callsAreTheChildsCallsInCfgOrderOutermostFirst() {
    ChildRegion r = region("calls");
    assertEquals(
        List.of("setsid", "dup2", "open", "execv", "exit"),
        r.calls().stream().map(ChildCall::name).toList());
    ChildCall exec = r.calls().get(3);
    assertEquals(FunctionClass.EXEC, exec.cls());
    assertEquals(node(r, "execv(a[0], a);"), exec.node().id());
    assertNull(exec.helper(), "a libc call has no helper summary");
    assertFalse(exec.throughPointer());
  }

  @Test
  void writesAreTheChildsStoresClassifiedByWhoseMemoryTheyHit() {
    ChildRegion r = region("writes");
    List<String> got = r.writes().stream().map(w -> w.target().text() + " " + w.memory()).toList();
    assertEquals(
        List.of(
            "count PARENT_LOCAL", // ++ on a line the parent also runs: applied twice, kept
            "g GLOBAL",
            "status UNREAD_PARENT_LOCAL", // the parent never reads it after the fork
            "v VOLATILE_LOCAL",
            "mine CHILD_LOCAL",
            "*ptr THROUGH_POINTER",
            "pid RESULT"),
        got,
        "`child = pid;` (the parent runs it again) and `int mine = 0` (a new variable) are no writes");
    assertEquals("ptr", r.writes().get(5).root());
  }

  @Test
  void callsAndWritesAreComputedOnceAndCarriedByTheRegion() {
    ChildRegion r = region("writes");
    assertSame(r.calls(), r.calls());
    assertSame(r.writes(), r.writes());
    ForkSite s = r.site();
    ForkSite asVfork =
        new ForkSite(
            ForkSite.Kind.VFORK,
            s.function(),
            s.location(),
            s.node(),
            s.call(),
            s.resultKey(),
            "vfork");
    ChildRegion seen = r.forSite(asVfork);
    assertSame(asVfork, seen.site());
    assertSame(r.calls(), seen.calls(), "forSite must not recompute (or drop) the calls");
    assertSame(r.writes(), seen.writes(), "forSite must not recompute (or drop) the writes");
    assertEquals(r.nodes(), seen.nodes());
    assertEquals(r.ends(), seen.ends());
    assertSame(r.cfg(), seen.cfg());
    assertEquals(ForkSite.Kind.FORK, r.site().kind(), "the original region is unchanged");
  }

  @Test
  void onlyAfterFailedExecWhenNoPathSkipsTheExec() {
    ChildRegion calls = region("calls");
    assertTrue(calls.onlyAfterFailedExec(node(calls, "exit(127);")));
    assertFalse(calls.onlyAfterFailedExec(node(calls, "execv(a[0], a);")));
    assertFalse(calls.onlyAfterFailedExec(node(calls, "setsid();")));
    assertFalse(calls.onlyAfterFailedExec(node(calls, "parent();")));
    ChildRegion writes = region("writes");
    int exit = node(writes, "exit(127);");
    assertEquals(EnumSet.of(Role.CHILD, Role.CHILD_EXECED), writes.rolesAt(exit));
    assertFalse(writes.onlyAfterFailedExec(exit), "`if (cond) execv(...)` can skip the exec");
  }

  @Test
  void childCodeIsWhatTheChildRunsAndTheParentNotOnItsNormalPath() {
    ChildRegion r = region("calls");
    int setsid = node(r, "setsid();");
    assertEquals(EnumSet.of(Role.ERROR, Role.CHILD), r.rolesAt(setsid));
    assertTrue(r.childCode(setsid), "the failed-fork path may share the child's code");
    assertTrue(r.parentAlsoRuns(setsid), "yet the parent process (failed fork) does run it");
    assertFalse(r.childCode(node(r, "parent();")));
    assertFalse(r.childCode(node(r, "pid > 0")), "the test runs in both");
    assertTrue(r.contains(node(r, "pid > 0")));
    assertFalse(r.childCode(node(r, "pid = vfork()")), "before the fork");
    ChildRegion w = region("writes");
    assertFalse(
        w.childCode(node(w, "count++;")), "after the fork, before the test: the parent runs it");
    assertTrue(w.childCode(node(w, "g = 1;")));
  }

  @Test
  void theStateAtANodeSaysWhoHoldsTheResult() {
    ChildRegion r = region("writes");
    int test = node(r, "pid == 0");
    assertEquals(Set.of("child", "pid"), r.stateAt(test).holders(Role.CHILD));
    int exec = node(r, "execv(a[0], a);");
    assertEquals(5L, r.stateAt(exec).known(Role.CHILD, "pid"), "`pid = 5;` in the child");
    assertEquals(Set.of("child"), r.stateAt(exec).holders(Role.CHILD));
  }

  @Test
  void anotherForksRolesDoNotReadThisSitesResultWithTheirRange() {
    ChildRegion r = region("twice");
    assertTrue(
        r.rolesAt(node(r, "waitpid(pid, 0, 0);"))
            .containsAll(EnumSet.of(Role.OTHER_PARENT, Role.OTHER_ERROR, Role.OTHER_CHILD)),
        r.rolesAt(node(r, "waitpid(pid, 0, 0);")).toString());
  }
}
