package dev.vforkcheck.cfg;

import static dev.vforkcheck.TestC.assertEdge;
import static dev.vforkcheck.TestC.assertFlow;
import static dev.vforkcheck.TestC.assertKind;
import static dev.vforkcheck.TestC.assertReachable;
import static dev.vforkcheck.TestC.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vforkcheck.TestC;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edge-level tests of the CFG built for each kind of C statement. */
class CfgBuilderTest {

  private static Cfg cfg(String body) {
    return TestC.function("void f(int x, int y, int *p) {\n" + body + "\n}\n", "f").cfg();
  }

  @Test
  void sequenceRunsFromEntryToExit() {
    Cfg g = cfg("a(); b();");
    assertEdge(g, g.entry(), node(g, "a();"), EdgeKind.NORMAL);
    assertEdge(g, "a();", "b();", EdgeKind.NORMAL);
    assertEdge(g, node(g, "b();"), g.exit(), EdgeKind.NORMAL);
  }

  @Test
  void ifElseHasTrueAndFalseEdgesThatJoin() {
    Cfg g = cfg("if (x > 0) a(); else b(); c();");
    assertKind(g, "x > 0", NodeKind.BRANCH);
    assertEdge(g, "x > 0", "a();", EdgeKind.TRUE);
    assertEdge(g, "x > 0", "b();", EdgeKind.FALSE);
    assertEdge(g, "a();", "c();", EdgeKind.NORMAL);
    assertEdge(g, "b();", "c();", EdgeKind.NORMAL);
  }

  @Test
  void ifWithoutElseFallsThroughOnFalse() {
    Cfg g = cfg("if (x) a(); c();");
    assertEdge(g, "x", "a();", EdgeKind.TRUE);
    assertEdge(g, "x", "c();", EdgeKind.FALSE);
  }

  @Test
  void whileLoopHasBackEdgeAndExitOnFalse() {
    Cfg g = cfg("while (x < 10) x++; done();");
    assertFlow(g, "x++;", "x < 10", EdgeKind.BACK);
    assertEdge(g, "x < 10", "x++;", EdgeKind.TRUE);
    assertEdge(g, "x < 10", "done();", EdgeKind.FALSE);
  }

  @Test
  void doWhileRunsBodyFirstAndLoopsOnTrue() {
    Cfg g = cfg("do { a(); } while (x); done();");
    assertFlow(g, "x", "a();", EdgeKind.TRUE);
    assertEdge(g, "x", "done();", EdgeKind.FALSE);
    // the body is reached from the entry without passing the condition
    assertFlow(g, "entry f", "a();", EdgeKind.NORMAL);
  }

  @Test
  void doWhileZeroHasNoBackEdge() {
    Cfg g = cfg("do { a(); } while (0); done();");
    CfgNode zero = node(g, "0");
    assertTrue(g.successors(zero.id()).stream().noneMatch(e -> e.kind() == EdgeKind.TRUE));
    assertEdge(g, "0", "done();", EdgeKind.FALSE);
  }

  @Test
  void forLoopRunsInitTestBodyStep() {
    Cfg g = cfg("for (x = 0; x < 3; x++) a(); done();");
    assertFlow(g, "x = 0;", "x < 3", EdgeKind.NORMAL);
    assertEdge(g, "x < 3", "a();", EdgeKind.TRUE);
    assertFlow(g, "a();", "x++", EdgeKind.NORMAL);
    assertFlow(g, "x++", "x < 3", EdgeKind.BACK);
    assertEdge(g, "x < 3", "done();", EdgeKind.FALSE);
  }

  @Test
  void infiniteForLoopNeverReachesTheCodeAfterIt() {
    Cfg g = cfg("for (;;) a(); dead();");
    assertReachable(g, "dead();", false);
    assertTrue(g.unreachableNodes().stream().anyMatch(n -> n.text().equals("dead();")));
  }

  @Test
  void breakAndContinueJumpOutOfAndBackToTheLoop() {
    Cfg g = cfg("while (x) { if (y) break; if (*p) continue; a(); } after();");
    assertEdge(g, "y", "*p", EdgeKind.FALSE);
    assertFlow(g, "y", "after();", EdgeKind.TRUE);
    assertKind(g, "break;", NodeKind.LABEL);
    assertKind(g, "continue;", NodeKind.LABEL);
    assertFlow(g, "*p", "x", EdgeKind.TRUE);
    assertFlow(g, "a();", "x", EdgeKind.BACK);
  }

  @Test
  void switchHasCaseEdgesWithValuesDefaultAndFallthrough() {
    Cfg g = cfg("switch (x) { case 0: a(); case -1: b(); break; default: c(); } d();");
    CfgNode sw = node(g, "x");
    assertEquals(NodeKind.SWITCH, sw.kind());
    List<Edge> out = g.successors(sw.id());
    assertTrue(
        out.stream()
            .anyMatch(e -> e.kind() == EdgeKind.CASE && Long.valueOf(0).equals(e.caseValue())));
    assertTrue(
        out.stream()
            .anyMatch(e -> e.kind() == EdgeKind.CASE && Long.valueOf(-1).equals(e.caseValue())));
    assertTrue(out.stream().anyMatch(e -> e.kind() == EdgeKind.DEFAULT));
    assertFlow(g, "a();", "b();", EdgeKind.NORMAL); // fallthrough
    assertEdge(g, "b();", "break;", EdgeKind.NORMAL);
    assertEdge(g, "break;", "d();", EdgeKind.NORMAL);
    assertEdge(g, "c();", "d();", EdgeKind.NORMAL);
  }

  @Test
  void switchWithoutDefaultHasImplicitDefaultEdgeToTheEnd() {
    Cfg g = cfg("switch (x) { case 1: a(); break; } d();");
    assertEdge(g, "x", "d();", EdgeKind.DEFAULT);
  }

  @Test
  void gotoForwardAndBackward() {
    Cfg g = cfg("again: if (x) goto out; a(); goto again;\nout: b();");
    assertFlow(g, "x", "b();", EdgeKind.TRUE);
    CfgNode again =
        g.nodes().stream().filter(n -> "again".equals(n.declaredName())).findFirst().orElseThrow();
    assertEdge(g, "a();", "goto again;", EdgeKind.NORMAL);
    assertTrue(
        g.successors(node(g, "goto again;").id()).stream()
            .anyMatch(e -> e.to() == again.id() && e.kind() == EdgeKind.BACK));
    // the label created by the forward goto sits where the label is written
    CfgNode out =
        g.nodes().stream().filter(n -> "out".equals(n.declaredName())).findFirst().orElseThrow();
    assertEquals("out:", out.text());
    assertEquals(3, out.location().line());
  }

  @Test
  void computedGotoIsAnOpaqueJumpToEveryAddressTakenLabel() {
    Cfg g = cfg("void *t = x ? &&one : &&two; goto *t; one: a(); two: b();");
    CfgNode jump =
        g.nodes().stream().filter(n -> n.kind() == NodeKind.OPAQUE).findFirst().orElseThrow();
    List<String> targets =
        g.successors(jump.id()).stream().map(e -> g.node(e.to()).declaredName()).sorted().toList();
    assertEquals(List.of("one", "two"), targets);
  }

  @Test
  void returnGoesToExitAndCodeAfterItIsUnreachable() {
    Cfg g = cfg("if (x) return; a(); return; dead();");
    CfgNode ret =
        g.nodes().stream().filter(n -> n.kind() == NodeKind.RETURN).findFirst().orElseThrow();
    assertEdge(g, ret, g.exit(), EdgeKind.NORMAL);
    assertReachable(g, "dead();", false);
  }

  @Test
  void shortCircuitAndSplitsIntoTwoBranches() {
    Cfg g = cfg("if (x == 0 && y) a(); else b();");
    assertEdge(g, "x == 0", "y", EdgeKind.TRUE);
    assertEdge(g, "x == 0", "b();", EdgeKind.FALSE);
    assertEdge(g, "y", "a();", EdgeKind.TRUE);
    assertEdge(g, "y", "b();", EdgeKind.FALSE);
  }

  @Test
  void shortCircuitOrSplitsIntoTwoBranches() {
    Cfg g = cfg("if (x < 0 || y) a(); else b();");
    assertEdge(g, "x < 0", "a();", EdgeKind.TRUE);
    assertEdge(g, "x < 0", "y", EdgeKind.FALSE);
    assertEdge(g, "y", "b();", EdgeKind.FALSE);
  }

  @Test
  void negatedShortCircuitSwapsTheExits() {
    Cfg g = cfg("if (!(x && y)) a(); else b();");
    assertEdge(g, "x", "a();", EdgeKind.FALSE);
    assertEdge(g, "y", "b();", EdgeKind.TRUE);
  }

  @Test
  void conditionalOperatorInAConditionBranchesOnEachArm() {
    Cfg g = cfg("if (x ? y : *p) a(); else b();");
    assertEdge(g, "x", "y", EdgeKind.TRUE);
    assertEdge(g, "x", "*p", EdgeKind.FALSE);
    assertEdge(g, "y", "a();", EdgeKind.TRUE);
    assertEdge(g, "*p", "b();", EdgeKind.FALSE);
  }

  @Test
  void commaInAConditionEvaluatesTheLeftPartFirst() {
    Cfg g = cfg("while (x = next(), x > 0) a();");
    assertEdge(g, "x = next()", "x > 0", EdgeKind.NORMAL);
    assertEdge(g, "x > 0", "a();", EdgeKind.TRUE);
  }

  @Test
  void gnuStatementExpressionRunsItsStatementsBeforeTheEnclosingExpression() {
    Cfg g = cfg("y = ({ int t = f1(); t + 1; }); after();");
    assertFlow(g, "t = f1()", "t + 1;", EdgeKind.NORMAL);
    assertEdge(g, "t + 1;", "y = ({ int t = f1(); t + 1; });", EdgeKind.NORMAL);
  }

  @Test
  void noReturnCallsEndTheirPath() {
    Cfg g = cfg("if (x) _exit(1); if (y) abort(); if (*p) exit(2); a();");
    assertEdge(g, node(g, "_exit(1);"), g.noReturnExit(), EdgeKind.NORMAL);
    assertEdge(g, node(g, "abort();"), g.noReturnExit(), EdgeKind.NORMAL);
    assertEdge(g, node(g, "exit(2);"), g.noReturnExit(), EdgeKind.NORMAL);
    assertEquals(1, g.successors(node(g, "_exit(1);").id()).size());
  }

  @Test
  void execHasASuccessEdgeToTheNoReturnExitAndAFailureEdgeToTheNextStatement() {
    Cfg g = cfg("execv(\"/bin/sh\", 0); _exit(127);");
    assertEdge(g, node(g, "execv(\"/bin/sh\", 0);"), g.noReturnExit(), EdgeKind.EXEC_OK);
    assertEdge(g, "execv(\"/bin/sh\", 0);", "_exit(127);", EdgeKind.NORMAL);
  }

  @Test
  void functionsDeclaredNoreturnInTheFileEndTheirPath() {
    String code =
        "__attribute__((noreturn)) void die(const char *m);\n"
            + "_Noreturn void fatal(void);\n"
            + "void f(int x) { if (x) die(\"no\"); if (x > 1) fatal(); a(); }\n";
    Cfg g = TestC.function(code, "f").cfg();
    assertEdge(g, node(g, "die(\"no\");"), g.noReturnExit(), EdgeKind.NORMAL);
    assertEdge(g, node(g, "fatal();"), g.noReturnExit(), EdgeKind.NORMAL);
  }

  @Test
  void declarationsBecomeDeclNodesWithTheInitializerAsAnAssignment() {
    Cfg g = cfg("int a = 3, b; a++;");
    CfgNode a = node(g, "a = 3");
    assertEquals(NodeKind.DECL, a.kind());
    assertEquals("a", a.declaredName());
    assertTrue(a.expr() instanceof Expr.Binary bin && bin.op() == Expr.BinaryOp.ASSIGN);
    assertEdge(g, "a = 3", "b", EdgeKind.NORMAL);
  }

  @Test
  void unknownConstructsBecomeOpaqueNodesNotHoles() {
    Cfg g = cfg("a(); __asm__(\"nop\"); b();");
    CfgNode a = node(g, "a();");
    CfgNode next = g.node(g.successors(a.id()).get(0).to());
    assertEquals(NodeKind.OPAQUE, next.kind());
    assertEdge(g, next, node(g, "b();"), EdgeKind.NORMAL);
  }

  @Test
  void syntaxErrorInsideAFunctionIsAnOpaqueNodeAndTheRestIsBuilt() {
    Cfg g = cfg("a(); x = ) ; b();");
    assertNotNull(node(g, "b();"));
    assertTrue(g.nodes().stream().anyMatch(n -> n.kind() == NodeKind.OPAQUE));
    assertReachable(g, "b();", true);
  }

  @Test
  void labelsAreNodesThatJoin() {
    Cfg g = cfg("if (x) goto l; a(); l: b();");
    CfgNode l =
        g.nodes().stream().filter(n -> "l".equals(n.declaredName())).findFirst().orElseThrow();
    assertEquals(NodeKind.LABEL, l.kind());
    assertEdge(g, l, node(g, "b();"), EdgeKind.NORMAL);
    assertEdge(g, node(g, "a();"), l, EdgeKind.NORMAL);
  }

  @Test
  void printersShowMarksAndEdgeKinds() {
    Cfg g = cfg("if (x) a();");
    String text = CfgPrinter.text(g, id -> g.node(id).text().equals("a();") ? "child" : null);
    assertTrue(text.contains("[child] a();"), text);
    assertTrue(text.contains("(TRUE)"), text);
    String dot = CfgPrinter.dot(g, id -> null);
    assertTrue(dot.startsWith("digraph \"f\" {"), dot);
    assertTrue(dot.contains("[label=\"FALSE\"]"), dot);
  }
}
