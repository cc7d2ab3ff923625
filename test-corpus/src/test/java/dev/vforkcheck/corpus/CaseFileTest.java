package dev.vforkcheck.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How annotation comments are read: message pins, todo clauses, and separators inside quotes. */
class CaseFileTest {
  @TempDir Path dir;

  private CaseFile read(String... lines) throws Exception {
    Path p = dir.resolve("case.c");
    Files.write(p, List.of(lines));
    return CaseFile.read(p);
  }

  @Test
  void messagePinCombinesWithSeverityAndConfigurations() throws Exception {
    CaseFile c =
        read(
            "exit(1); // expect: vfork-exit[error] \"_exit()\", vfork-stdio",
            "x(); // expect: vfork-heap{default|A=1} \"calls malloc(); then, \\\"free\\\"\"; in-child");
    CaseFile.Expectation exit = c.expect().get(1).get(0);
    assertEquals(new CaseFile.Expectation("vfork-exit", "error", List.of(), "_exit()"), exit);
    assertEquals("vfork-exit[error] \"_exit()\"", exit.toString());
    CaseFile.Expectation stdio = c.expect().get(1).get(1);
    assertEquals("vfork-stdio", stdio.ruleId());
    assertNull(stdio.message());
    CaseFile.Expectation heap = c.expect().get(2).get(0);
    assertEquals(List.of("default", "A=1"), heap.configurations());
    assertEquals("calls malloc(); then, \"free\"", heap.message());
    assertEquals(List.of(2), c.inChild(), "the clause after the quoted ';' is still read");
  }

  @Test
  void todoClausesAreSeparateFromExpectAndOk() throws Exception {
    CaseFile c =
        read(
            "a(); // expect: vfork-unsafe-call; todo-expect: vfork-exit; todo-ok: vfork-no-exit, vfork-return",
            "b(); // ok: fork-unchecked");
    assertEquals(Map.of(1, List.of("vfork-exit")), c.todoExpect());
    assertEquals(Map.of(1, List.of("vfork-no-exit", "vfork-return")), c.todoOk());
    assertEquals(
        List.of("vfork-unsafe-call"),
        c.expect().get(1).stream().map(CaseFile.Expectation::ruleId).toList());
    assertEquals(Map.of(2, List.of("fork-unchecked")), c.ok());
    assertTrue(read("c(); // todo-ok: vfork-heap").hasAnnotations());
  }

  @Test
  void malformedPinsFailWithTheirLine() {
    for (String bad :
        List.of(
            "// expect: vfork-exit \"open",
            "// expect: vfork-exit \"\"",
            "// expect: vfork-exit \"x\" [error]")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> read("", bad));
      assertTrue(e.getMessage().contains("case.c:2:"), e.getMessage());
    }
  }
}
