package dev.vforkcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vforkcheck.model.ChildPath;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Location;
import dev.vforkcheck.model.Severity;
import dev.vforkcheck.model.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

class DedupeTest {
  private static final Location AT = Location.point("a.c", 14, 4);

  private static Finding from(int siteLine, ChildPath path) {
    return new Finding(
            "vfork-stdio",
            Severity.ERROR,
            "the vfork() child calls printf()",
            AT,
            List.of(new Step(Location.point("a.c", siteLine, 17), "vfork() called here")),
            List.of())
        .withChildPath(path);
  }

  private static int siteLine(List<Finding> kept) {
    assertEquals(1, kept.size(), kept.toString());
    return kept.get(0).steps().get(0).location().line();
  }

  @Test
  void aStatementInANestedVforkChildIsCreditedToTheInnermostSite() {
    Finding outer = from(8, ChildPath.NORMAL);
    Finding inner = from(11, ChildPath.NORMAL);
    assertEquals(11, siteLine(FileAnalyzer.dedupe(List.of(outer, inner))));
    assertEquals(11, siteLine(FileAnalyzer.dedupe(List.of(inner, outer))));
  }

  @Test
  void theInnermostSiteWinsEvenWhenItReachesTheStatementOnlyOnAnErrorPath() {
    Finding outer = from(8, ChildPath.NORMAL);
    Finding inner = from(11, ChildPath.ERROR);
    assertEquals(11, siteLine(FileAnalyzer.dedupe(List.of(outer, inner))));
  }

  @Test
  void forOneSiteTheNormalPathWinsOverTheErrorPath() {
    Finding error = from(8, ChildPath.ERROR);
    Finding normal = from(8, ChildPath.NORMAL);
    List<Finding> kept = FileAnalyzer.dedupe(List.of(error, normal));
    assertEquals(List.of(normal), kept);
  }

  @Test
  void aSiteAfterTheStatementDoesNotCount() {
    Finding before = from(8, ChildPath.NORMAL);
    Finding after = from(20, ChildPath.NORMAL); // a loop back to the statement
    assertEquals(8, siteLine(FileAnalyzer.dedupe(List.of(before, after))));
    assertEquals(8, siteLine(FileAnalyzer.dedupe(List.of(after, before))));
  }
}
