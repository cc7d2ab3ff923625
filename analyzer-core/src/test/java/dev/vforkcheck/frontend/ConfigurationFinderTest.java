package dev.vforkcheck.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vforkcheck.frontend.ConfigurationFinder.Candidate;
import dev.vforkcheck.frontend.ConfigurationFinder.Mode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConfigurationFinderTest {
  private static final Pattern SPAWN =
      Pattern.compile("\\b(?:\\w*fork\\w*|exec(?:l|lp|le|v|vp|ve|vpe))\\s*\\(");

  /** The parser took no directive: every branch is inactive. */
  private static boolean nothingTaken(int line) {
    return false;
  }

  private static List<Candidate> find(String code, IntPredicate taken, Mode mode, int max) {
    return ConfigurationFinder.find(SourceText.of(code), taken, SPAWN, mode, max);
  }

  private static List<Candidate> spawn(String code, IntPredicate taken) {
    return find(code, taken, Mode.SPAWN, 8);
  }

  private static IntPredicate taken(Integer... lines) {
    Set<Integer> s = Set.of(lines);
    return s::contains;
  }

  private static List<String> names(List<Candidate> candidates) {
    return candidates.stream().map(c -> c.variant() == null ? null : c.variant().name()).toList();
  }

  /** The only candidate, which must be solved. */
  private static Candidate only(List<Candidate> candidates) {
    assertEquals(1, candidates.size(), "expected one candidate: " + candidates);
    Candidate c = candidates.get(0);
    assertTrue(c.solved(), "expected a solved candidate: " + c);
    return c;
  }

  @Test
  void inactiveIfdefWithVforkDefinesTheMacro() {
    Candidate c =
        only(
            spawn(
                "int x;\n#ifdef USE_VFORK\n  pid = vfork();\n#endif\n",
                ConfigurationFinderTest::nothingTaken));
    assertEquals("USE_VFORK", c.variant().name());
    assertEquals(Map.of("USE_VFORK", "1"), c.variant().defines());
    assertEquals(Set.of(), c.variant().undefines());
    assertEquals(2, c.line(), "the line of the #ifdef");
    assertEquals("#ifdef USE_VFORK", c.condition());
    assertFalse(c.variant().isDefault());
  }

  @Test
  void takenBranchGivesNothing() {
    assertEquals(List.of(), spawn("#ifdef USE_VFORK\n  pid = vfork();\n#endif\n", taken(1)));
  }

  @Test
  void elseOfTakenIfdefNeedsTheMacroUndefined() {
    Candidate c =
        only(
            spawn(
                "#ifdef HAVE_FORK\n  pid = fork();\n#else\n  pid = vfork();\n#endif\n", taken(1)));
    assertEquals("!HAVE_FORK", c.variant().name());
    assertEquals(Map.of(), c.variant().defines());
    assertEquals(Set.of("HAVE_FORK"), c.variant().undefines());
    assertEquals(3, c.line(), "the line of the #else");
    assertEquals("#else (after #ifdef HAVE_FORK)", c.condition());
  }

  @Test
  void elseOfTakenIfndefNeedsTheMacroDefined() {
    // #ifndef X taken means X is undefined; its #else is taken only when X is defined
    Candidate c =
        only(spawn("#ifndef NO_MMU\n  pid = fork();\n#else\n  pid = vfork();\n#endif\n", taken(1)));
    assertEquals("NO_MMU", c.variant().name());
    assertEquals(Map.of("NO_MMU", "1"), c.variant().defines());
    assertEquals(Set.of(), c.variant().undefines());
  }

  @Test
  void inactiveIfndefNeedsTheMacroUndefined() {
    Candidate c =
        only(
            spawn(
                "#ifndef HAVE_FORK\n  pid = vfork();\n#endif\n",
                ConfigurationFinderTest::nothingTaken));
    assertEquals("!HAVE_FORK", c.variant().name());
    assertEquals(Set.of("HAVE_FORK"), c.variant().undefines());
    assertEquals(Map.of(), c.variant().defines());
  }

  @Test
  void conjunctionWithNegatedDefined() {
    Candidate c =
        only(
            spawn(
                "#if A && !defined(B)\n  vfork();\n#endif\n",
                ConfigurationFinderTest::nothingTaken));
    assertEquals("A !B", c.variant().name());
    assertEquals(Map.of("A", "1"), c.variant().defines());
    assertEquals(Set.of("B"), c.variant().undefines());
    assertEquals("#if A && !defined(B)", c.condition());
  }

  @Test
  void comparisonWithANumber() {
    Candidate c =
        only(spawn("#if X == 2\n  vfork();\n#endif\n", ConfigurationFinderTest::nothingTaken));
    assertEquals("X=2", c.variant().name());
    assertEquals(Map.of("X", "2"), c.variant().defines());
  }

  @Test
  void otherComparisonsAndHexNumbers() {
    assertEquals(
        "X=3",
        only(spawn("#if X > 2\nvfork();\n#endif\n", ConfigurationFinderTest::nothingTaken))
            .variant()
            .name());
    assertEquals(
        "X=2",
        only(spawn("#if X >= 2\nvfork();\n#endif\n", ConfigurationFinderTest::nothingTaken))
            .variant()
            .name());
    assertEquals(
        "X=4",
        only(spawn("#if X < 5\nvfork();\n#endif\n", ConfigurationFinderTest::nothingTaken))
            .variant()
            .name());
    assertEquals(
        "X=16",
        only(spawn("#if X >= 0x10\nvfork();\n#endif\n", ConfigurationFinderTest::nothingTaken))
            .variant()
            .name());
    assertEquals(
        "X=0",
        only(spawn("#if !X\nvfork();\n#endif\n", ConfigurationFinderTest::nothingTaken))
            .variant()
            .name());
    assertEquals(
        "X",
        only(spawn("#if X != 0\nvfork();\n#endif\n", ConfigurationFinderTest::nothingTaken))
            .variant()
            .name(),
        "X != 0 is true for X=1, whose value is left out of the name");
  }

  @Test
  void disjunctionTakesTheFirstAlternative() {
    assertEquals(
        "A",
        only(spawn(
                "#if defined(A) || defined(B)\nvfork();\n#endif\n",
                ConfigurationFinderTest::nothingTaken))
            .variant()
            .name());
  }

  @Test
  void elseOfDisjunctionNeedsEveryPartFalse() {
    Candidate c = only(spawn("#if A || B\nfork();\n#else\nvfork();\n#endif\n", taken(1)));
    assertEquals("A=0 B=0", c.variant().name());
  }

  @Test
  void elifNeedsTheEarlierConditionFalseAndItsOwnTrue() {
    Candidate c =
        only(
            spawn(
                "#if A\n  plain();\n#elif B\n  vfork();\n#endif\n",
                ConfigurationFinderTest::nothingTaken));
    assertEquals("A=0 B", c.variant().name());
    assertEquals(Map.of("A", "0", "B", "1"), c.variant().defines());
    assertEquals(3, c.line());
    assertEquals("#elif B (after #if A)", c.condition());
  }

  @Test
  void elifWithDefinedNeedsEarlierMacroUndefined() {
    Candidate c =
        only(
            spawn(
                "#ifdef USE_FORK\n  fork_it();\n#elif defined(USE_VFORK)\n  vfork();\n#endif\n",
                taken(1)));
    assertEquals("USE_VFORK !USE_FORK", c.variant().name());
  }

  @Test
  void elseAfterElifNeedsEveryEarlierConditionFalse() {
    Candidate c =
        only(
            spawn(
                "#if A\n  plain();\n#elif B\n  other();\n#else\n  vfork();\n#endif\n",
                ConfigurationFinderTest::nothingTaken));
    assertEquals("A=0 B=0", c.variant().name());
    assertEquals(5, c.line());
    assertEquals("#else (after #if A)", c.condition());
  }

  @Test
  void branchesOfOneChainThatConflictStaySeparate() {
    List<Candidate> all =
        spawn(
            "#if A\n  fork();\n#elif B\n  vfork();\n#endif\n",
            ConfigurationFinderTest::nothingTaken);
    assertEquals(List.of("A", "A=0 B"), names(all));
    assertEquals(List.of(1, 3), all.stream().map(Candidate::line).toList());
  }

  @Test
  void nestedInactiveBranchNeedsTheOuterMacrosToo() {
    String code = "#ifdef OUTER\n#ifdef INNER\n  vfork();\n#endif\n#endif\n";
    Candidate c = only(spawn(code, ConfigurationFinderTest::nothingTaken));
    assertEquals("INNER OUTER", c.variant().name());
    assertEquals(Map.of("INNER", "1", "OUTER", "1"), c.variant().defines());
    assertEquals(2, c.line(), "the inner branch holds the spawn code");
  }

  @Test
  void nestedBranchInsideATakenOuterNeedsOnlyItsOwnMacro() {
    Candidate c = only(spawn("#ifdef OUTER\n#ifdef INNER\n  vfork();\n#endif\n#endif\n", taken(1)));
    assertEquals("INNER", c.variant().name());
  }

  @Test
  void nestedElseNeedsTheOuterMacro() {
    String code = "#ifdef A\n#ifdef B\n  x();\n#else\n  vfork();\n#endif\n#endif\n";
    Candidate c = only(spawn(code, ConfigurationFinderTest::nothingTaken));
    assertEquals("A !B", c.variant().name());
    assertEquals(4, c.line());
  }

  @Test
  void codeAfterANestedGroupBelongsToTheOuterBranch() {
    String code = "#ifdef A\n#ifdef B\n  x();\n#endif\n  vfork();\n#endif\n";
    Candidate c = only(spawn(code, ConfigurationFinderTest::nothingTaken));
    assertEquals("A", c.variant().name(), "the vfork after the inner #endif needs only A");
    assertEquals(1, c.line());
  }

  @Test
  void continuedDirectiveLinesAndCommentsAreRead() {
    String code = "#if defined(A) && \\\n    defined(B) /* both */\n  vfork();\n#endif // A\n";
    Candidate c = only(spawn(code, ConfigurationFinderTest::nothingTaken));
    assertEquals("A B", c.variant().name());
    assertEquals(1, c.line());
  }

  @Test
  void continuedDirectiveIsTakenByItsFirstLine() {
    String code = "#if defined(A) && \\\n    defined(B)\n  vfork();\n#endif\n";
    assertEquals(List.of(), spawn(code, taken(1)));
  }

  @Test
  void functionLikeMacroConditionIsUnsolved() {
    List<Candidate> all =
        spawn(
            "#if __GNUC_PREREQ(4, 2)\n  vfork();\n#endif\n", ConfigurationFinderTest::nothingTaken);
    assertEquals(1, all.size(), all.toString());
    Candidate c = all.get(0);
    assertFalse(c.solved());
    assertNull(c.variant());
    assertEquals(1, c.line());
    assertEquals("#if __GNUC_PREREQ(4, 2)", c.condition());
  }

  @Test
  void ifZeroIsUnsolved() {
    List<Candidate> all =
        spawn("#if 0\n  vfork();\n#endif\n", ConfigurationFinderTest::nothingTaken);
    assertEquals(1, all.size(), all.toString());
    assertFalse(all.get(0).solved());
    assertNull(all.get(0).variant());
    assertEquals("#if 0", all.get(0).condition());
  }

  @Test
  void elseOfIfOneIsUnsolved() {
    List<Candidate> all = spawn("#if 1\n  fork();\n#else\n  vfork();\n#endif\n", taken(1));
    assertEquals(1, all.size(), all.toString());
    assertFalse(all.get(0).solved());
    assertEquals(3, all.get(0).line());
  }

  @Test
  void comparisonBetweenMacrosIsUnsolved() {
    List<Candidate> all =
        spawn("#if X == Y\n  vfork();\n#endif\n", ConfigurationFinderTest::nothingTaken);
    assertEquals(1, all.size(), all.toString());
    assertFalse(all.get(0).solved());
  }

  @Test
  void nestedUnderAnUnsolvableOuterIsUnsolved() {
    List<Candidate> all =
        spawn(
            "#if 0\n#ifdef A\n  vfork();\n#endif\n#endif\n", ConfigurationFinderTest::nothingTaken);
    assertEquals(1, all.size(), all.toString());
    assertFalse(all.get(0).solved());
    assertEquals(2, all.get(0).line());
  }

  @Test
  void unsolvedComeAfterSolved() {
    String code = "#if 0\n  vfork();\n#endif\n#ifdef A\n  vfork();\n#endif\n";
    List<Candidate> all = spawn(code, ConfigurationFinderTest::nothingTaken);
    assertEquals(2, all.size(), all.toString());
    assertTrue(all.get(0).solved());
    assertEquals("A", all.get(0).variant().name());
    assertFalse(all.get(1).solved());
    assertEquals(1, all.get(1).line());
  }

  @Test
  void branchesWithoutSpawnCodeCountOnlyInAllMode() {
    String code = "#ifdef DEBUG\n  log_it();\n#endif\n";
    assertEquals(List.of(), find(code, ConfigurationFinderTest::nothingTaken, Mode.SPAWN, 8));
    List<Candidate> all = find(code, ConfigurationFinderTest::nothingTaken, Mode.ALL, 8);
    assertEquals(List.of("DEBUG"), names(all));
    assertTrue(all.get(0).solved());
  }

  @Test
  void allModeIgnoresBranchesWithOnlyComments() {
    String code = "#ifdef DEBUG\n  /* nothing\n here */\n  // nor here\n#endif\n";
    assertEquals(List.of(), find(code, ConfigurationFinderTest::nothingTaken, Mode.ALL, 8));
  }

  @Test
  void allModeDoesNotReportUnsolvableBranchesWithoutSpawnCode() {
    assertEquals(
        List.of(),
        find("#if 0\n  log_it();\n#endif\n", ConfigurationFinderTest::nothingTaken, Mode.ALL, 8));
  }

  @Test
  void allModeListsSpawnConfigurationsFirst() {
    String code = "#ifdef B\n  log_it();\n#endif\n#ifdef A\n  vfork();\n#endif\n";
    List<Candidate> all = find(code, ConfigurationFinderTest::nothingTaken, Mode.ALL, 8);
    assertEquals(List.of("A", "B"), names(all), "spawn branches are not merged with plain ones");
  }

  @Test
  void allModeDoesNotRepeatAConfiguration() {
    String code = "#ifdef A\n  vfork();\n#endif\n#ifdef A\n  log_it();\n#endif\n";
    assertEquals(
        List.of("A"), names(find(code, ConfigurationFinderTest::nothingTaken, Mode.ALL, 8)));
  }

  @Test
  void noneModeFindsNothing() {
    assertEquals(
        List.of(),
        find(
            "#ifdef A\n  vfork();\n#endif\n#if 0\n  fork();\n#endif\n",
            ConfigurationFinderTest::nothingTaken,
            Mode.NONE,
            8));
  }

  @Test
  void branchesWithTheSameChoicesShareOneConfiguration() {
    String code =
        "#if defined(A) && defined(B)\n  vfork();\n#endif\nint x;\n#if B && A\n  vfork();\n#endif\n";
    Candidate c = only(spawn(code, ConfigurationFinderTest::nothingTaken));
    assertEquals("A B", c.variant().name());
    assertEquals(Map.of("A", "1", "B", "1"), c.variant().defines());
    assertEquals(1, c.line(), "the merged configuration is named after its first branch");
    assertEquals("#if defined(A) && defined(B)", c.condition());
  }

  @Test
  void differentChoicesAreNotForcedTogether() {
    // forcing A could switch off B's code through a C condition (if (A && x) fork(); else vfork();)
    String code = "#ifdef A\n  vfork();\n#endif\nint x;\n#ifdef B\n  vfork();\n#endif\n";
    assertEquals(List.of("A", "B"), names(spawn(code, ConfigurationFinderTest::nothingTaken)));
    String nested =
        "#ifdef A\n  vfork();\n#endif\n#if defined(A) && defined(B)\n  vfork();\n#endif\n";
    assertEquals(List.of("A", "A B"), names(spawn(nested, ConfigurationFinderTest::nothingTaken)));
  }

  @Test
  void definedMergesWithASpecificValue() {
    assertEquals(
        "X=2",
        only(spawn(
                "#ifdef X\nvfork();\n#endif\n#if X == 2\nvfork();\n#endif\n",
                ConfigurationFinderTest::nothingTaken))
            .variant()
            .name());
    assertEquals(
        "X=2",
        only(spawn(
                "#if X == 2\nvfork();\n#endif\n#ifdef X\nvfork();\n#endif\n",
                ConfigurationFinderTest::nothingTaken))
            .variant()
            .name());
  }

  @Test
  void conflictingBranchesStaySeparate() {
    String code = "#ifdef X\n  vfork();\n#endif\n#if !defined(X) && Y\n  vfork();\n#endif\n";
    List<Candidate> all = spawn(code, ConfigurationFinderTest::nothingTaken);
    assertEquals(List.of("X", "Y !X"), names(all));
    assertTrue(all.stream().allMatch(Candidate::solved));
  }

  @Test
  void differentValuesOfOneMacroStaySeparate() {
    String code = "#if X == 2\nvfork();\n#endif\n#if X == 3\nvfork();\n#endif\n";
    assertEquals(List.of("X=2", "X=3"), names(spawn(code, ConfigurationFinderTest::nothingTaken)));
  }

  @Test
  void maxCapsTheNumberOfConfigurations() {
    String code =
        "#if X == 1\nvfork();\n#endif\n#if X == 2\nvfork();\n#endif\n#if X == 3\nvfork();\n#endif\n";
    assertEquals(
        List.of("X", "X=2", "X=3"),
        names(find(code, ConfigurationFinderTest::nothingTaken, Mode.SPAWN, 8)));
    assertEquals(
        List.of("X", "X=2"),
        names(find(code, ConfigurationFinderTest::nothingTaken, Mode.SPAWN, 2)));
    assertEquals(
        List.of("X"), names(find(code, ConfigurationFinderTest::nothingTaken, Mode.SPAWN, 1)));
    assertEquals(
        List.of(), names(find(code, ConfigurationFinderTest::nothingTaken, Mode.SPAWN, 0)));
  }

  @Test
  void mergingStillWorksAtTheCap() {
    String code =
        "#ifdef A\nvfork();\n#endif\n#ifdef A\nvfork();\n#endif\n#ifdef B\nvfork();\n#endif\n";
    assertEquals(
        List.of("A"), names(find(code, ConfigurationFinderTest::nothingTaken, Mode.SPAWN, 1)));
  }

  @Test
  void spawnWrappersAndExecCount() {
    assertEquals(
        "A",
        only(spawn("#ifdef A\n  xvfork_or_die();\n#endif\n", ConfigurationFinderTest::nothingTaken))
            .variant()
            .name());
    assertEquals(
        "A",
        only(spawn(
                "#ifdef A\n  execvp(argv[0], argv);\n#endif\n",
                ConfigurationFinderTest::nothingTaken))
            .variant()
            .name());
    assertEquals(
        List.of(),
        spawn("#ifdef A\n  executor = forklift;\n#endif\n", ConfigurationFinderTest::nothingTaken),
        "names without a call are not spawn code");
  }

  @Test
  void directivesInsideBlockCommentsAreIgnored() {
    String code =
        "/*\n#ifdef OLD\n*/\n#ifdef A\n  vfork();\n#endif\nint g(void) { return fork(); }\n";
    Candidate c = only(spawn(code, ConfigurationFinderTest::nothingTaken));
    assertEquals("A", c.variant().name());
    assertEquals(4, c.line());
    assertEquals(
        List.of(),
        spawn(code, taken(4)),
        "with A defined the only conditional vfork is already analyzed");
  }

  @Test
  void forcingTextOfAFoundVariantUndefinesThenDefines() {
    Candidate c =
        only(
            spawn(
                "#if A == 2 && !defined(B)\nvfork();\n#endif\n",
                ConfigurationFinderTest::nothingTaken));
    assertEquals("#undef B\n#undef A\n#define A 2\n", c.variant().forcingText());
  }
}
