package dev.vforkcheck.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vforkcheck.analysis.ValueFact.HoldsResult;
import dev.vforkcheck.analysis.ValueFact.Known;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The child-region fact: roles with typed value facts, joined per role. */
class RoleStateTest {
  private static final HoldsResult PID = new HoldsResult("pid");
  private static final HoldsResult JOB_PID = new HoldsResult("job->pid");
  private static final Known FLAG_ONE = new Known("flag", 1);

  @Test
  void bottomHasNoRoles() {
    assertTrue(RoleState.BOTTOM.isBottom());
    assertEquals(Set.of(), RoleState.BOTTOM.roles());
    assertFalse(RoleState.BOTTOM.hasChild());
    assertFalse(RoleState.BOTTOM.hasParent());
    assertEquals(Set.of(), RoleState.BOTTOM.facts(Role.CHILD));
    assertFalse(
        RoleState.of(Role.PRE, Set.of()).isBottom(), "a role without facts is still a role");
  }

  @Test
  void holdersAreTheHoldsResultLvaluesSortedAndNotTheKnownOnes() {
    RoleState s =
        RoleState.of(
            Role.CHILD, Set.of(new HoldsResult("z"), new HoldsResult("a"), JOB_PID, FLAG_ONE));
    assertEquals(List.of("a", "job->pid", "z"), List.copyOf(s.holders(Role.CHILD)));
    assertEquals(Set.of(), s.holders(Role.PARENT), "absent role");
  }

  @Test
  void knownIsTheConstantOfThatLvalueOnThatRoleOnly() {
    RoleState s = RoleState.of(EnumSet.of(Role.PRE), Set.of(FLAG_ONE, new Known("pid", -1), PID));
    assertEquals(1L, s.known(Role.PRE, "flag"));
    assertEquals(-1L, s.known(Role.PRE, "pid"));
    assertNull(s.known(Role.PRE, "other"));
    assertNull(s.known(Role.PARENT, "flag"), "absent role knows nothing");
    assertNull(
        RoleState.of(Role.CHILD, Set.of(PID)).known(Role.CHILD, "pid"), "holding is not knowing");
  }

  @Test
  void theFactsOfOfAreACopy() {
    Set<ValueFact> mine = new HashSet<>(Set.of(PID));
    RoleState s = RoleState.of(Role.CHILD, mine);
    mine.add(FLAG_ONE);
    assertEquals(Set.of(PID), s.facts(Role.CHILD));
    assertThrows(UnsupportedOperationException.class, () -> s.facts(Role.CHILD).add(FLAG_ONE));
  }

  @Test
  void ofManyRolesGivesEachTheSameFacts() {
    RoleState s = RoleState.of(EnumSet.of(Role.PARENT, Role.ERROR, Role.CHILD), Set.of(PID));
    assertEquals(EnumSet.of(Role.PARENT, Role.ERROR, Role.CHILD), s.roles());
    for (Role r : s.roles()) {
      assertEquals(Set.of(PID), s.facts(r), r.toString());
    }
  }

  @Test
  void joinWithBottomIsIdentityBothWays() {
    RoleState s = RoleState.of(Role.CHILD, Set.of(PID));
    assertSame(s, s.join(RoleState.BOTTOM));
    assertSame(s, RoleState.BOTTOM.join(s));
  }

  @Test
  void joinKeepsPerRoleOnlyTheFactsTrueOnBothPaths() {
    RoleState a = RoleState.of(Role.CHILD, Set.of(PID, JOB_PID, FLAG_ONE));
    RoleState b = RoleState.of(Role.CHILD, Set.of(PID, new Known("flag", 2)));
    RoleState j = a.join(b);
    assertEquals(Set.of(Role.CHILD), j.roles());
    assertEquals(Set.of(PID), j.facts(Role.CHILD));
    assertEquals(j, b.join(a), "join is symmetric");
  }

  @Test
  void joinOfDifferentRolesKeepsEachRolesFactsWhole() {
    RoleState child = RoleState.of(Role.CHILD, Set.of(PID, FLAG_ONE));
    RoleState parent = RoleState.of(Role.PARENT, Set.of(JOB_PID));
    RoleState j = child.join(parent);
    assertEquals(EnumSet.of(Role.PARENT, Role.CHILD), j.roles());
    assertEquals(Set.of(PID, FLAG_ONE), j.facts(Role.CHILD));
    assertEquals(Set.of(JOB_PID), j.facts(Role.PARENT));
  }

  @Test
  void joinMixesRolesAndIntersectsTheSharedOnes() {
    RoleState a = RoleState.of(EnumSet.of(Role.PARENT, Role.CHILD), Set.of(PID, FLAG_ONE));
    RoleState b = RoleState.of(EnumSet.of(Role.CHILD, Role.ERROR), Set.of(PID));
    RoleState j = a.join(b);
    assertEquals(Set.of(PID, FLAG_ONE), j.facts(Role.PARENT));
    assertEquals(Set.of(PID), j.facts(Role.CHILD));
    assertEquals(Set.of(PID), j.facts(Role.ERROR));
  }

  @Test
  void moveCarriesTheFactsToTheNewRolesAndDropsTheOldOne() {
    RoleState s =
        RoleState.of(EnumSet.of(Role.CHILD, Role.PARENT), Set.of(PID))
            .join(RoleState.of(Role.CHILD, Set.of(PID)));
    RoleState moved = s.move(Role.CHILD, Set.of(Role.CHILD_EXECED));
    assertEquals(EnumSet.of(Role.PARENT, Role.CHILD_EXECED), moved.roles());
    assertEquals(Set.of(PID), moved.facts(Role.CHILD_EXECED));
    assertEquals(Set.of(PID), moved.facts(Role.PARENT));
  }

  @Test
  void moveIntoARolePresentAlreadyJoinsTheFacts() {
    RoleState s =
        RoleState.of(Role.CHILD, Set.of(PID, FLAG_ONE))
            .join(RoleState.of(Role.CHILD_EXECED, Set.of(PID, JOB_PID)));
    RoleState moved = s.move(Role.CHILD, Set.of(Role.CHILD_EXECED));
    assertEquals(Set.of(Role.CHILD_EXECED), moved.roles());
    assertEquals(Set.of(PID), moved.facts(Role.CHILD_EXECED));
  }

  @Test
  void moveOfAnAbsentRoleChangesNothingAndMoveToNoRoleEndsThePath() {
    RoleState s = RoleState.of(Role.PARENT, Set.of(PID));
    assertSame(s, s.move(Role.CHILD, Set.of(Role.CHILD_EXECED)));
    RoleState stopped = s.move(Role.PARENT, Set.of());
    assertTrue(stopped.isBottom());
  }

  @Test
  void moveToSeveralRolesSplitsThePath() {
    RoleState s = RoleState.of(Role.PRE, Set.of(FLAG_ONE));
    RoleState split = s.move(Role.PRE, Role.PRE.after(Role.Event.OTHER_FORK));
    assertEquals(EnumSet.of(Role.OTHER_PARENT, Role.OTHER_ERROR, Role.OTHER_CHILD), split.roles());
    split.roles().forEach(r -> assertEquals(Set.of(FLAG_ONE), split.facts(r), r.toString()));
  }

  @Test
  void childPartKeepsTheChildBeforeAndAfterExecOnly() {
    RoleState all = RoleState.BOTTOM;
    for (Role r : Role.values()) {
      all = all.join(RoleState.of(r, Set.of(new Known(r.name(), 7))));
    }
    RoleState child = all.childPart();
    assertEquals(EnumSet.of(Role.CHILD, Role.CHILD_EXECED), child.roles());
    assertEquals(Set.of(new Known("CHILD", 7)), child.facts(Role.CHILD), "facts are kept");
    assertTrue(
        RoleState.of(Role.OTHER_CHILD, Set.of()).childPart().isBottom(), "another site's child");
  }

  @Test
  void hasChildAndHasParentFollowTheRolePredicates() {
    for (Role r : Role.values()) {
      RoleState s = RoleState.of(r, Set.of());
      assertEquals(r.isChild(), s.hasChild(), r + " hasChild");
      assertEquals(r.isParent(), s.hasParent(), r + " hasParent");
    }
    RoleState otherChild = RoleState.of(Role.OTHER_CHILD, Set.of());
    assertFalse(
        otherChild.hasChild() || otherChild.hasParent(),
        "neither this site's child nor its parent");
  }

  @Test
  void mapDropsRolesMappedToNullAndRewritesFacts() {
    RoleState s = RoleState.of(EnumSet.of(Role.PARENT, Role.CHILD), Set.of(PID));
    RoleState m = s.map((r, f) -> r == Role.PARENT ? null : Set.of(FLAG_ONE));
    assertEquals(Set.of(Role.CHILD), m.roles());
    assertEquals(Set.of(FLAG_ONE), m.facts(Role.CHILD));
  }

  @Test
  void equalStatesAreEqualWhateverTheOrderTheyWereBuiltIn() {
    RoleState a =
        RoleState.of(Role.CHILD, Set.of(PID)).join(RoleState.of(Role.PARENT, Set.of(FLAG_ONE)));
    RoleState b =
        RoleState.of(Role.PARENT, Set.of(FLAG_ONE)).join(RoleState.of(Role.CHILD, Set.of(PID)));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertFalse(a.equals(RoleState.of(Role.CHILD, Set.of(PID))));
    assertFalse(
        RoleState.of(Role.CHILD, Set.of(PID))
            .equals(RoleState.of(Role.CHILD, Set.of(new Known("pid", 0)))),
        "the kind of fact counts");
  }
}
