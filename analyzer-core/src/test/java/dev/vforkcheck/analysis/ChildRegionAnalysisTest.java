package dev.vforkcheck.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vforkcheck.TestC;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.frontend.FileFacts;
import dev.vforkcheck.frontend.FunctionFacts;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChildRegionAnalysisTest {

  private static ChildRegion region(String code) {
    FileFacts facts = TestC.parse(code);
    FunctionFacts fn = facts.functions().get(0);
    List<ForkSite> sites = new SiteFinder(TestC.KB).find(fn);
    assertEquals(1, sites.size(), "one site expected");
    return new ChildRegionAnalysis(TestC.KB).analyze(fn, sites.get(0));
  }

  private static boolean inChild(ChildRegion r, String text) {
    CfgNode n = TestC.node(r.cfg(), text);
    return r.contains(n.id());
  }

  @Test
  void equalsZeroSelectsTheThenBranch() {
    ChildRegion r =
        region(
            "int f(char **a) { pid_t pid = vfork(); if (pid == 0) { execv(a[0], a); _exit(127); }"
                + " parent(); return pid; }");
    assertTrue(inChild(r, "execv(a[0], a);"));
    assertTrue(inChild(r, "_exit(127);"));
    assertFalse(inChild(r, "parent();"));
    assertEquals(EnumSet.of(EndKind.EXEC_EXIT), r.endKinds());
    assertEquals("exec+_exit", r.summary());
    assertEquals("pid", r.site().resultKey());
  }

  @Test
  void negationAndGreaterThanZeroAndSwitch() {
    assertFalse(
        inChild(
            region("void f(void) { int p = vfork(); if (!p) { _exit(0); } else { parent(); } }"),
            "parent();"));
    assertTrue(
        inChild(
            region(
                "void f(void) { int p = vfork(); if (p > 0) { parent(); } else { child(); _exit(1); } }"),
            "child();"));
    assertFalse(
        inChild(
            region(
                "void f(void) { int p = vfork(); if (p > 0) { parent(); } else { child(); _exit(1); } }"),
            "parent();"));
    ChildRegion sw =
        region(
            "void f(void) { int p; switch (p = vfork()) { case -1: err(); break; case 0: child();"
                + " _exit(1); default: parent(); } }");
    assertTrue(inChild(sw, "child();"));
    assertFalse(inChild(sw, "err();"));
    assertFalse(inChild(sw, "parent();"));
  }

  @Test
  void parentEarlyReturnLeavesTheRestToTheChild() {
    ChildRegion r =
        region(
            "int f(void) { int pid = vfork(); if (pid < 0) return -1; if (pid > 0) return pid;"
                + " child(); _exit(1); }");
    assertTrue(inChild(r, "child();"));
    assertFalse(r.parentAlsoRuns(TestC.node(r.cfg(), "child();").id()));
    assertEquals(EnumSet.of(EndKind.UNDERSCORE_EXIT), r.endKinds());
  }

  @Test
  void childFallingOutOfTheIfLeavesIntoParentCode() {
    ChildRegion r =
        region("void f(char **a) { int pid = vfork(); if (pid == 0) execv(a[0], a); wait(0); }");
    assertEquals(EnumSet.of(EndKind.LEAVES), r.endKinds());
    PathEnd end = r.ends().get(0);
    assertTrue(end.detail().contains("wait(0);"), end.detail());
    assertFalse(inChild(r, "wait(0);"));
  }

  @Test
  void reTestingThePidInSharedCodeIsNotLeaving() {
    ChildRegion r =
        region(
            "void f(char **a) { int pid = vfork(); if (pid == 0) setsid(); if (pid == 0) {"
                + " execv(a[0], a); _exit(127); } wait(0); }");
    assertEquals(EnumSet.of(EndKind.EXEC_EXIT), r.endKinds());
  }

  @Test
  void childReturnAndExitAndLoopEnds() {
    assertEquals(
        Set.of(EndKind.RETURN),
        region("int f(void) { if (vfork() == 0) return 1; return 0; }").endKinds());
    assertEquals(
        Set.of(EndKind.EXIT), region("void f(void) { if (!vfork()) exit(1); }").endKinds());
    assertEquals(
        Set.of(EndKind.LOOPS),
        region("void f(void) { if (vfork() == 0) for (;;) pause(); }").endKinds());
  }

  @Test
  void reassigningThePidKillsTheFact() {
    // after pid is overwritten, `pid == 0` says nothing about which process runs
    ChildRegion r =
        region(
            "void f(void) { int pid = vfork(); if (pid == 0) { pid = getpid(); if (pid == 0) a();"
                + " else b(); _exit(0); } }");
    assertTrue(inChild(r, "a();"));
    assertTrue(inChild(r, "b();"));
  }

  @Test
  void copiesOfThePidAreTracked() {
    ChildRegion r =
        region(
            "void f(void) { int pid = vfork(); int child = pid; if (child == 0) { a(); _exit(0); }"
                + " b(); }");
    assertTrue(inChild(r, "a();"));
    assertFalse(inChild(r, "b();"));
  }

  @Test
  void stepsLeadFromTheForkCallThroughTheBranches() {
    ChildRegion r =
        region(
            "void f(void) { int pid;\n while ((pid = vfork()) < 0) sleep(1);\n if (pid == 0) {\n"
                + " a();\n _exit(0); } }");
    var steps = r.pathTo(TestC.node(r.cfg(), "a();").id());
    assertEquals("vfork() called here", steps.get(0).message());
    assertTrue(
        steps.stream().anyMatch(s -> s.message().contains("true branch of `pid == 0`")),
        steps.toString());
    assertTrue(
        steps.stream().anyMatch(s -> s.message().contains("false branch of `(pid = vfork()) < 0`")),
        steps.toString());
  }

  @Test
  void untestedResultIsUnknown() {
    ChildRegion r = region("void f(char **a) { vfork(); execv(a[0], a); _exit(1); }");
    assertFalse(r.resultTested());
    assertTrue(r.endKinds().contains(EndKind.UNKNOWN));
  }
}
