package dev.vforkcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vforkcheck.frontend.SourceText;
import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Location;
import dev.vforkcheck.model.Severity;
import dev.vforkcheck.model.Suppression;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuppressionsTest {
  private static Finding at(String rule, int line) {
    return new Finding(
        rule, Severity.ERROR, "m", Location.point("t.c", line, 1), List.of(), List.of());
  }

  @Test
  void lineLineBeforeBlocksAndWildcards() {
    String src =
        String.join(
            "\n",
            "a(); // vforkcheck: ignore[vfork-stdio] reviewed: stderr is unbuffered", // 1
            "// vforkcheck: ignore[vfork-heap, vfork-exit] freed before exec, reviewed", // 2
            "b();", // 3
            "/* vforkcheck: ignore-begin[*] legacy block, ticket 42 */", // 4
            "c();", // 5
            "/* vforkcheck: ignore-end */", // 6
            "d();", // 7
            "e(); // vforkcheck: ignore[vfork-stdio]"); // 8
    List<Diagnostic> notes = new ArrayList<>();
    List<Finding> out =
        Suppressions.apply(
            "t.c",
            SourceText.of(src),
            List.of(
                at("vfork-stdio", 1),
                at("vfork-exit", 1),
                at("vfork-heap", 3),
                at("vfork-return", 5),
                at("vfork-stdio", 7),
                at("vfork-stdio", 8)),
            notes);
    Suppression s1 = out.get(0).suppression();
    assertEquals("reviewed: stderr is unbuffered", s1.justification());
    assertEquals(Suppression.Kind.IN_SOURCE, s1.kind());
    assertNull(out.get(1).suppression(), "other rules on the line stay");
    assertEquals("freed before exec, reviewed", out.get(2).suppression().justification());
    assertEquals("legacy block, ticket 42", out.get(3).suppression().justification());
    assertFalse(out.get(4).suppressed(), "the block ended at line 6");
    assertTrue(out.get(5).suppressed());
    assertEquals("", out.get(5).suppression().justification());
    assertEquals(1, notes.size());
    assertEquals(8, notes.get(0).location().line());
    assertEquals(Diagnostic.Kind.SUPPRESSION, notes.get(0).kind());
    assertEquals(Severity.NOTE, notes.get(0).severity());
  }

  @Test
  void baselineMatchesByFingerprintNotLine() throws Exception {
    Finding f = at("vfork-stdio", 3).withFingerprint("0123456789abcdef0123456789abcdef");
    Baseline b = Baseline.parse(Baseline.write(List.of(f)));
    assertEquals(1, b.size());
    Finding moved =
        new Finding(
            "vfork-stdio",
            Severity.ERROR,
            "m",
            Location.point("t.c", 40, 1),
            List.of(),
            List.of(),
            f.fingerprint(),
            null);
    assertTrue(b.apply(List.of(moved), "base.json").get(0).suppressed());
    Finding other = moved.withFingerprint("ffffffffffffffffffffffffffffffff");
    assertFalse(b.apply(List.of(other), "base.json").get(0).suppressed());
  }

  @Test
  void changedLinesFromAGitDiff() {
    String diff =
        "diff --git a/src/a.c b/src/a.c\n--- a/src/a.c\n+++ b/src/a.c\n@@ -3,0 +4,2 @@\n+x\n+y\n"
            + "diff --git a/src/n.c b/src/n.c\nnew file mode 100644\n--- /dev/null\n+++ b/src/n.c\n@@ -0,0 +1 @@\n+z\n";
    ChangedLines c = ChangedLines.fromGitDiff(diff, p -> p, java.util.Set.of("src/u.c"));
    assertTrue(c.touches("src/a.c", 4) && c.touches("src/a.c", 5));
    assertFalse(c.touches("src/a.c", 6));
    assertTrue(c.touches("src/n.c", 99), "a new file is changed everywhere");
    assertTrue(c.touches("src/u.c", 1), "an untracked file is new");
    assertEquals(
        1,
        c.keep(
                List.of(
                    new Finding(
                        "r-x",
                        Severity.NOTE,
                        "m",
                        Location.point("src/a.c", 4, 1),
                        List.of(),
                        List.of()),
                    new Finding(
                        "r-x",
                        Severity.NOTE,
                        "m",
                        Location.point("src/a.c", 9, 1),
                        List.of(),
                        List.of())))
            .size());
  }
}
