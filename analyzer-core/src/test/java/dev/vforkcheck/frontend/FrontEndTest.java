package dev.vforkcheck.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vforkcheck.TestC;
import dev.vforkcheck.model.Diagnostic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontEndTest {
  @Test
  void findsFunctionsWithParametersLocalsAndStorageClass() {
    FileFacts f =
        TestC.parse(
            "int g;\nstatic int helper(int a, char **argv) { volatile int e = 0; return a; }\n"
                + "int main(void) { return 0; }\n");
    assertEquals(
        List.of("helper", "main"), f.functions().stream().map(FunctionFacts::name).toList());
    FunctionFacts h = f.functions().get(0);
    assertTrue(h.isStatic());
    assertEquals(List.of("a", "argv"), h.params());
    assertTrue(h.locals().get("e").isVolatile());
    assertTrue(h.locals().get("a").parameter());
    assertEquals(2, h.location().line());
    assertTrue(f.globals().contains("g"));
    assertFalse(f.functions().get(1).isStatic());
  }

  @Test
  void includesAreNotFollowedAndNotReported() {
    FileFacts f =
        TestC.parse("#include <stdio.h>\n#include \"missing.h\"\nint main(void) { return 0; }\n");
    assertEquals(List.of(), f.diagnostics());
    assertEquals(1, f.functions().size());
  }

  @Test
  void knrDefinitionsAreUnderstood() {
    FileFacts f = TestC.parse("int spawn(path, argv)\n char *path; char **argv;\n{ return 0; }\n");
    assertEquals(List.of("path", "argv"), f.functions().get(0).params());
  }

  @Test
  void syntaxErrorsAreDiagnosticsWithLinesAndTheRestIsParsed() {
    FileFacts f =
        TestC.parse(
            "int ok1(void) { return 1; }\nint broken( { \n}\nint ok2(void) { return 2; }\n");
    assertTrue(
        f.diagnostics().stream()
            .anyMatch(d -> d.kind() == Diagnostic.Kind.SYNTAX && d.location().line() == 2),
        f.diagnostics().toString());
    assertTrue(
        f.functions().stream().anyMatch(fn -> fn.name().equals("ok2")), f.functions().toString());
  }

  @Test
  void preprocessorErrorsAreReported() {
    FileFacts f = TestC.parse("#error unsupported platform\nint x;\n");
    assertTrue(
        f.diagnostics().stream()
            .anyMatch(
                d ->
                    d.kind() == Diagnostic.Kind.PREPROCESSOR
                        && d.message().contains("unsupported platform")),
        f.diagnostics().toString());
  }

  @Test
  void unknownAttributeLikeMacrosAreRecovered() {
    // FAST_FUNC and NORETURN come from headers we do not read
    String code =
        "void bb_error_msg_and_die(const char *s) NORETURN;\n"
            + "int FAST_FUNC spawn_and_wait(char **argv) { return run(argv); }\n";
    FileFacts f = TestC.parse(code);
    assertEquals(
        List.of("spawn_and_wait"), f.functions().stream().map(FunctionFacts::name).toList());
    assertTrue(f.noReturnDecls().contains("bb_error_msg_and_die"), f.noReturnDecls().toString());
  }

  @Test
  void userDefinesAreApplied() {
    FrontEnd fe =
        new FrontEnd(TestC.KB, ParseOptions.defaults().withDefines(Map.of("USE_VFORK", "1")));
    FileFacts f =
        fe.parse(
            "t.c",
            "/v/t.c",
            SourceText.of(
                "#if USE_VFORK\nint a(void) { return 0; }\n#else\n"
                    + "int b(void) { return 0; }\n#endif\n"));
    assertEquals(List.of("a"), f.functions().stream().map(FunctionFacts::name).toList());
  }

  @Test
  void noreturnDeclarationsInAllSpellings() {
    FileFacts f =
        TestC.parse(
            "__attribute__((noreturn)) void a(void);\nvoid b(void) __attribute__((__noreturn__));\n"
                + "_Noreturn void c(void);\nstatic void d(void) { for (;;); }\n");
    assertTrue(f.noReturnDecls().containsAll(List.of("a", "b", "c")), f.noReturnDecls().toString());
    assertFalse(f.noReturnDecls().contains("d"));
  }

  @Test
  void macroExpandedCallsAreLocatedAtTheMacroUse() {
    FileFacts f =
        TestC.parse(
            "#define SPAWN() vfork()\nint f(void) {\n  int pid = SPAWN();\n  return pid;\n}\n");
    var cfg = f.functions().get(0).cfg();
    assertTrue(
        cfg.nodes().stream()
            .anyMatch(
                n ->
                    n.expr() != null
                        && n.location().line() == 3
                        && dev.vforkcheck.cfg.Expr.calls(n.expr()).stream()
                            .anyMatch(c -> "vfork".equals(c.calleeName()))));
  }
}
