package dev.vforkcheck.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vforkcheck.TestC;
import dev.vforkcheck.analysis.ValueFact.HoldsResult;
import dev.vforkcheck.analysis.ValueFact.Known;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.frontend.FunctionFacts;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * How one statement changes the value facts of every role ({@link ValueFlow}): stores kill, copies
 * spread the fork result, constants are recorded, and {@code pid--} steps a known value. Each node
 * is lowered from C; the incoming state is made by hand.
 */
class ValueFlowTest {
  private static final String CODE =
      """
      struct job { int pid; };
      void f(struct job *job, struct job *next, int *pids, int *p, int c, long *pidp, long *other,
             int i) {
        int pid, x, n, flag, yes, no, k, want;
        pid = getpid();
        job = next;
        job->pid = 0;
        x = pid;
        x = (int) pid;
        x = c ? pid : pid;
        int y = pid;
        int z;
        pid = -1;
        n = (long) 5;
        flag = !0;
        x = flag;
        pid--;
        ++pid;
        pid += 1;
        get(&pid);
        pids[0] = x = 1;
        *p = 1;
        use(x);
        if (x == 1) use(flag);
        want = c ? yes : no;
        x = c ? pid : k;
        i++;
        pidp = other;
      }
      """;
  private static final FunctionFacts FN = TestC.function(CODE, "f");

  private static final HoldsResult PID = new HoldsResult("pid");

  private static CfgNode node(String text) {
    return TestC.node(FN.cfg(), text);
  }

  private static RoleState apply(String text, RoleState in) {
    return ValueFlow.apply(node(text), in);
  }

  private static RoleState state(Set<Role> roles, ValueFact... facts) {
    return RoleState.of(roles, Set.of(facts));
  }

  private static Set<ValueFact> about(RoleState s, Role r, String lvalue) {
    return s.facts(r).stream().filter(f -> f.lvalue().equals(lvalue)).collect(Collectors.toSet());
  }

  @Test
  void aStoreKillsWhatEveryRoleKnewAboutItsTarget() {
    RoleState in =
        state(EnumSet.of(Role.PARENT, Role.ERROR, Role.CHILD), PID, new Known("flag", 1));
    RoleState out = apply("pid = getpid();", in);
    for (Role r : out.roles()) {
      assertEquals(Set.of(new Known("flag", 1)), out.facts(r), r.toString());
    }
    assertEquals(in.roles(), out.roles(), "a store moves no role");
  }

  @Test
  void aStoreToAWholeKillsItsPartsButNotItsNeighbours() {
    RoleState in =
        state(
            EnumSet.of(Role.CHILD),
            new HoldsResult("job->pid"),
            new HoldsResult("job.pid"),
            new HoldsResult("job[0]"),
            new HoldsResult("jobs->pid"),
            new HoldsResult("next->pid"));
    RoleState out = apply("job = next;", in);
    assertEquals(
        Set.of(new HoldsResult("jobs->pid"), new HoldsResult("next->pid")), out.facts(Role.CHILD));
  }

  @Test
  void aStoreToAPartLeavesTheWholeAndRecordsTheConstant() {
    RoleState in =
        state(EnumSet.of(Role.PARENT), new HoldsResult("job"), new HoldsResult("job->pid"));
    RoleState out = apply("job->pid = 0;", in);
    assertEquals(Set.of(new HoldsResult("job"), new Known("job->pid", 0)), out.facts(Role.PARENT));
  }

  @Test
  void aCopyOfTheResultHoldsItTooOnlyOnTheRolesWhereTheSourceHeldIt() {
    RoleState in =
        state(EnumSet.of(Role.CHILD), PID, new Known("x", 5))
            .join(state(EnumSet.of(Role.PARENT), new Known("x", 5)));
    RoleState out = apply("x = pid;", in);
    assertEquals(
        Set.of(PID, new HoldsResult("x")), out.facts(Role.CHILD), "x's old constant is gone");
    assertEquals(Set.of(), out.facts(Role.PARENT), "pid did not hold the result there");
    assertEquals(Set.of("pid", "x"), out.holders(Role.CHILD));
  }

  @Test
  void aCopyThroughACastOrAConditionalStillHoldsTheResult() {
    RoleState in = state(EnumSet.of(Role.CHILD), PID);
    assertTrue(apply("x = (int) pid;", in).holders(Role.CHILD).contains("x"));
    assertTrue(apply("x = c ? pid : pid;", in).holders(Role.CHILD).contains("x"));
  }

  @Test
  void aDeclarationWithAnInitializerCopiesAndOneWithoutKillsTheOldFacts() {
    RoleState in =
        state(
            EnumSet.of(Role.CHILD),
            PID,
            new Known("y", 3),
            new HoldsResult("z"),
            new Known("z", 4));
    RoleState y = apply("y = pid", in);
    assertEquals(Set.of(new HoldsResult("y")), about(y, Role.CHILD, "y"));
    RoleState z = apply("z", in);
    assertEquals(
        Set.of(), about(z, Role.CHILD, "z"), "a declaration (again, in a loop) forgets the value");
    assertEquals(Set.of(new Known("y", 3)), about(z, Role.CHILD, "y"));
  }

  @Test
  void assigningAConstantRecordsItAndForgetsTheResult() {
    RoleState in = state(EnumSet.of(Role.PRE, Role.CHILD), PID);
    RoleState out = apply("pid = -1;", in);
    for (Role r : out.roles()) {
      assertEquals(Set.of(new Known("pid", -1)), out.facts(r), r.toString());
      assertEquals(-1L, out.known(r, "pid"));
      assertEquals(Set.of(), out.holders(r));
    }
    assertEquals(5L, apply("n = (long) 5;", in).known(Role.CHILD, "n"), "through a cast");
    assertEquals(1L, apply("flag = !0;", in).known(Role.CHILD, "flag"), "a constant expression");
  }

  @Test
  void copyingAKnownConstantKnowsItInTheCopy() {
    RoleState in = state(EnumSet.of(Role.PRE), new Known("flag", 1), new Known("x", 9));
    RoleState out = apply("x = flag;", in);
    assertEquals(Set.of(new Known("x", 1)), about(out, Role.PRE, "x"));
    assertEquals(1L, out.known(Role.PRE, "flag"));
  }

  @Test
  void decrementingTheResultInTheChildKnowsTheNewValue() {
    // inetd: `pid--` in the child: the result was 0 there, so it is now -1
    RoleState in =
        state(
            EnumSet.of(Role.CHILD, Role.CHILD_EXECED, Role.ERROR, Role.PARENT),
            PID,
            new Known("flag", 1));
    RoleState out = apply("pid--;", in);
    assertEquals(Set.of(new Known("pid", -1), new Known("flag", 1)), out.facts(Role.CHILD));
    assertEquals(Set.of(new Known("pid", -1), new Known("flag", 1)), out.facts(Role.CHILD_EXECED));
    assertEquals(
        Set.of(new Known("pid", -2), new Known("flag", 1)), out.facts(Role.ERROR), "-1 - 1");
    assertEquals(
        Set.of(new Known("flag", 1)), out.facts(Role.PARENT), "any value > 0: nothing known");
  }

  @Test
  void incrementingAKnownConstantStepsItUp() {
    RoleState in =
        state(EnumSet.of(Role.PRE), new Known("pid", 5)).join(state(EnumSet.of(Role.CHILD), PID));
    RoleState out = apply("++pid;", in);
    assertEquals(6L, out.known(Role.PRE, "pid"));
    assertEquals(1L, out.known(Role.CHILD, "pid"));
    assertEquals(Set.of(), out.holders(Role.CHILD));
    assertEquals(4L, apply("pid--;", in).known(Role.PRE, "pid"));
  }

  @Test
  void aCompoundAssignmentForgetsTheValue() {
    RoleState in =
        state(EnumSet.of(Role.CHILD), PID).join(state(EnumSet.of(Role.PRE), new Known("pid", 5)));
    RoleState out = apply("pid += 1;", in);
    assertEquals(Set.of(), out.facts(Role.CHILD));
    assertNull(out.known(Role.PRE, "pid"));
  }

  @Test
  void takingTheAddressKillsTheFactEverywhere() {
    RoleState in = state(EnumSet.of(Role.PARENT, Role.CHILD), PID, new Known("flag", 1));
    RoleState out = apply("get(&pid);", in);
    for (Role r : out.roles()) {
      assertEquals(Set.of(new Known("flag", 1)), out.facts(r), r.toString());
    }
  }

  @Test
  void aStatementThatWritesNothingChangesNothing() {
    RoleState in = state(EnumSet.of(Role.PARENT, Role.CHILD), PID, new Known("x", 1));
    assertEquals(in, apply("use(x);", in));
    assertEquals(in, apply("x == 1", in));
  }

  @Test
  void writesAreTheStoreTargetsAndTheDeclaredName() {
    assertEquals(Set.of("z"), ValueFlow.writes(node("z")));
    assertEquals(Set.of("y"), ValueFlow.writes(node("y = pid")));
    assertEquals(Set.of("pid"), ValueFlow.writes(node("get(&pid);")));
    assertEquals(Set.of("pids[0]", "x"), ValueFlow.writes(node("pids[0] = x = 1;")));
    assertEquals(Set.of("*p"), ValueFlow.writes(node("*p = 1;")));
    assertEquals(Set.of("pid"), ValueFlow.writes(node("pid--;")));
    assertEquals(Set.of(), ValueFlow.writes(node("use(x);")));
    assertEquals(Set.of(), ValueFlow.writes(node("x == 1")));
  }

  @Test
  void aChainedAssignmentRecordsTheInnerConstant() {
    RoleState out = apply("pids[0] = x = 1;", state(EnumSet.of(Role.CHILD), new Known("x", 7)));
    assertEquals(1L, out.known(Role.CHILD, "x"));
  }

  // ---- a conditional value, the index and the pointer of an lvalue ----

  @Test
  void aConditionalOfTwoDifferentConstantsKnowsNoValue() {
    RoleState in = state(EnumSet.of(Role.CHILD), new Known("yes", 1), new Known("no", 0));
    RoleState out = apply("want = c ? yes : no;", in);
    assertEquals(Set.of(), about(out, Role.CHILD, "want"));
  }

  @Test
  void aConditionalOfTheResultAndAConstantIsNotKnownAsTheConstant() {
    RoleState in = state(EnumSet.of(Role.CHILD), PID, new Known("k", 5));
    RoleState out = apply("x = c ? pid : k;", in);
    assertNull(out.known(Role.CHILD, "x"));
  }

  @Test
  void aStoreToTheIndexKillsTheIndexedLvalue() {
    RoleState out =
        apply("i++;", state(EnumSet.of(Role.CHILD, Role.PARENT), new HoldsResult("pids[i]")));
    assertEquals(Set.of(), out.facts(Role.CHILD));
    assertEquals(Set.of(), out.facts(Role.PARENT));
  }

  @Test
  void repointingThePointerKillsTheDereferencedLvalue() {
    RoleState out = apply("pidp = other;", state(EnumSet.of(Role.CHILD), new HoldsResult("*pidp")));
    assertFalse(out.holders(Role.CHILD).contains("*pidp"));
  }
}
