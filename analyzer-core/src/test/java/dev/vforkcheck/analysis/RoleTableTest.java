package dev.vforkcheck.analysis;

import static dev.vforkcheck.analysis.Role.CHILD;
import static dev.vforkcheck.analysis.Role.CHILD_EXECED;
import static dev.vforkcheck.analysis.Role.ERROR;
import static dev.vforkcheck.analysis.Role.OTHER_CHILD;
import static dev.vforkcheck.analysis.Role.OTHER_ERROR;
import static dev.vforkcheck.analysis.Role.OTHER_PARENT;
import static dev.vforkcheck.analysis.Role.PARENT;
import static dev.vforkcheck.analysis.Role.PRE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vforkcheck.analysis.Role.Event;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The role transition table of {@link Role}, written out row by row (every role x every event), so
 * that any change to {@link Role#after} shows up here as a changed row.
 */
class RoleTableTest {
  private static final Set<Role> FORKED = EnumSet.of(PARENT, ERROR, CHILD);
  private static final Set<Role> OTHER_FORKED = EnumSet.of(OTHER_PARENT, OTHER_ERROR, OTHER_CHILD);
  private static final Set<Role> STOPS = EnumSet.noneOf(Role.class);

  /** One row of the table: a role and where each event takes it. */
  private record Row(
      Set<Role> thisFork, Set<Role> execReturned, Set<Role> otherFork, Set<Role> loopBack) {
    Set<Role> after(Event e) {
      return switch (e) {
        case THIS_FORK -> thisFork;
        case EXEC_RETURNED -> execReturned;
        case OTHER_FORK -> otherFork;
        case LOOP_BACK -> loopBack;
      };
    }
  }

  private static final Map<Role, Row> TABLE = new EnumMap<>(Role.class);

  static {
    //                     this site's fork  an exec returned  another fork call  loop back to head
    TABLE.put(PRE, new Row(FORKED, Set.of(PRE), OTHER_FORKED, Set.of(PRE)));
    TABLE.put(PARENT, new Row(FORKED, Set.of(PARENT), OTHER_FORKED, Set.of(PRE)));
    TABLE.put(ERROR, new Row(FORKED, Set.of(ERROR), OTHER_FORKED, Set.of(PRE)));
    TABLE.put(CHILD, new Row(STOPS, Set.of(CHILD_EXECED), Set.of(CHILD), Set.of(CHILD)));
    TABLE.put(
        CHILD_EXECED,
        new Row(STOPS, Set.of(CHILD_EXECED), Set.of(CHILD_EXECED), Set.of(CHILD_EXECED)));
    TABLE.put(
        OTHER_PARENT, new Row(FORKED, Set.of(OTHER_PARENT), OTHER_FORKED, Set.of(OTHER_PARENT)));
    TABLE.put(OTHER_ERROR, new Row(FORKED, Set.of(OTHER_ERROR), OTHER_FORKED, Set.of(OTHER_ERROR)));
    TABLE.put(OTHER_CHILD, new Row(FORKED, Set.of(OTHER_CHILD), OTHER_FORKED, Set.of(OTHER_CHILD)));
  }

  @Test
  void theTableHasARowForEveryRoleAndAColumnForEveryEvent() {
    // a new role or event must get its row / column here before the table test passes
    assertEquals(EnumSet.allOf(Role.class), TABLE.keySet());
    assertEquals(
        List.of(Event.THIS_FORK, Event.EXEC_RETURNED, Event.OTHER_FORK, Event.LOOP_BACK),
        List.of(Event.values()));
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void thisSitesForkCall(Role role) {
    assertEquals(
        TABLE.get(role).after(Event.THIS_FORK), role.after(Event.THIS_FORK), role + " x THIS_FORK");
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void anExecCallReturned(Role role) {
    assertEquals(
        TABLE.get(role).after(Event.EXEC_RETURNED),
        role.after(Event.EXEC_RETURNED),
        role + " x EXEC_RETURNED");
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void aLoopAroundTheSiteGoesBack(Role role) {
    assertEquals(
        TABLE.get(role).after(Event.LOOP_BACK), role.after(Event.LOOP_BACK), role + " x LOOP_BACK");
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void anotherForkCall(Role role) {
    assertEquals(
        TABLE.get(role).after(Event.OTHER_FORK),
        role.after(Event.OTHER_FORK),
        role + " x OTHER_FORK");
  }

  @Test
  void theChildComingBackToItsOwnForkCallStopsButTheChildOfAnotherForkForksAgain() {
    // the rows that distinguish "this site's child" from "another site's child" (a double fork)
    assertEquals(Set.of(), CHILD.after(Event.THIS_FORK));
    assertEquals(Set.of(), CHILD_EXECED.after(Event.THIS_FORK));
    assertEquals(FORKED, OTHER_CHILD.after(Event.THIS_FORK));
    assertEquals(Set.of(CHILD), CHILD.after(Event.OTHER_FORK));
  }

  @Test
  void onlyTheChildBeforeExecMovesOnAFailedExec() {
    for (Role r : Role.values()) {
      Set<Role> to = r.after(Event.EXEC_RETURNED);
      if (r == CHILD) {
        assertEquals(Set.of(CHILD_EXECED), to);
      } else {
        assertEquals(Set.of(r), to, r.toString());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void predicatesAndValueRanges(Role role) {
    record Expect(boolean child, boolean parent, boolean normalParentPath, long low, long high) {}
    Expect e =
        switch (role) {
          case PRE -> new Expect(false, true, true, Long.MIN_VALUE, Long.MAX_VALUE);
          case PARENT -> new Expect(false, true, true, 1, Long.MAX_VALUE);
          case ERROR -> new Expect(false, true, false, -1, -1);
          case CHILD -> new Expect(true, false, false, 0, 0);
          case CHILD_EXECED -> new Expect(true, false, false, 0, 0);
          case OTHER_PARENT -> new Expect(false, true, true, 1, Long.MAX_VALUE);
          case OTHER_ERROR -> new Expect(false, true, true, -1, -1);
          case OTHER_CHILD -> new Expect(false, false, false, 0, 0);
        };
    assertEquals(e.child(), role.isChild(), role + ".isChild");
    assertEquals(e.parent(), role.isParent(), role + ".isParent");
    assertEquals(e.normalParentPath(), role.parentsNormalPath(), role + ".parentsNormalPath");
    assertEquals(e.low(), role.low(), role + ".low");
    assertEquals(e.high(), role.high(), role + ".high");
  }

  @Test
  void theFailedForkPathDoesNotMakeCodeTheParentsNormalPath() {
    // `if (pid > 0) {parent} else {child}`: ERROR shares the child's code, and still is the parent
    assertEquals(true, ERROR.isParent());
    assertEquals(false, ERROR.parentsNormalPath());
    assertEquals(
        EnumSet.of(PRE, PARENT, OTHER_PARENT, OTHER_ERROR),
        Stream.of(Role.values())
            .filter(Role::parentsNormalPath)
            .collect(() -> EnumSet.noneOf(Role.class), Set::add, Set::addAll));
  }
}
