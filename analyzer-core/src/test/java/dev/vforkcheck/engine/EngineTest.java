package dev.vforkcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vforkcheck.frontend.ParseOptions;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {
  @TempDir Path dir;

  /** A test rule: one finding per vfork site, at the site. */
  @RuleInfo(id = "test-site", summary = "a site", severity = Severity.NOTE)
  static final class SiteRule implements Rule {
    @Override
    public List<Finding> check(RuleContext context) {
      return context.sites().stream()
          .map(
              s ->
                  new Finding(
                      "test-site",
                      Severity.NOTE,
                      "site",
                      s.site().location(),
                      List.of(),
                      List.of()))
          .toList();
    }
  }

  @RuleInfo(id = "test-crash", summary = "always fails", severity = Severity.ERROR)
  static final class CrashingRule implements Rule {
    @Override
    public List<Finding> check(RuleContext context) {
      throw new IllegalStateException("boom");
    }
  }

  private Engine engine(int jobs, Rule... rules) {
    return new Engine(
        KnowledgeBase.load(), new ScanConfig(dir, ParseOptions.defaults(), List.of(rules), jobs));
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void badInputGetsADiagnosticEachAndTheOtherFilesAreStillScanned() throws IOException {
    write("a_good.c", "void f(void) { if (vfork() == 0) _exit(0); }\n");
    write("b_syntax.c", "void g( { \n");
    write("c_empty.c", "");
    Files.write(dir.resolve("d_binary.c"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1});
    write("e_good.c", "void h(void) { if (vfork() == 0) _exit(0); }\n");
    ScanResult r = engine(2, new SiteRule()).scan(SourceWalker.expand(List.of(dir)));
    assertEquals(
        List.of("a_good.c", "e_good.c"),
        r.findings().stream().map(f -> f.location().path()).toList());
    assertTrue(
        r.diagnostics().stream()
            .anyMatch(
                d ->
                    d.kind() == Diagnostic.Kind.SYNTAX && d.location().path().equals("b_syntax.c")),
        r.diagnostics().toString());
    assertTrue(
        r.diagnostics().stream()
            .anyMatch(
                d -> d.kind() == Diagnostic.Kind.EMPTY && d.location().path().equals("c_empty.c")));
    assertTrue(
        r.diagnostics().stream()
            .anyMatch(
                d ->
                    d.kind() == Diagnostic.Kind.BINARY
                        && d.location().path().equals("d_binary.c")));
    assertEquals(5, r.stats().filesScanned());
    assertEquals(2, r.stats().sites());
  }

  @Test
  void unreadableFileIsADiagnostic() throws IOException {
    Path p = write("x.c", "int x;\n");
    Engine.FileAnalysis fa = engine(1).analyzeFile(dir.resolve("missing.c"));
    assertEquals(Diagnostic.Kind.UNREADABLE, fa.facts().diagnostics().get(0).kind());
    assertTrue(Files.exists(p));
  }

  @Test
  void aCrashingRuleBecomesADiagnosticAndOtherRulesStillRun() throws IOException {
    write("a.c", "void f(void) { if (vfork() == 0) _exit(0); }\n");
    ScanResult r = engine(1, new CrashingRule(), new SiteRule()).scan(List.of(dir.resolve("a.c")));
    assertEquals(1, r.findings().size());
    assertTrue(
        r.diagnostics().stream()
            .anyMatch(
                d ->
                    d.kind() == Diagnostic.Kind.INTERNAL
                        && d.message().contains("test-crash")
                        && d.message().contains("boom")),
        r.diagnostics().toString());
  }

  @Test
  void resultsAreDeterministicWhateverTheParallelism() throws IOException {
    for (int i = 0; i < 12; i++) {
      write(
          "d" + (i % 3) + "/f" + i + ".c",
          "void f"
              + i
              + "(void) {\n if (vfork() == 0) _exit(0);\n"
              + " if (fork() == 0) _exit(1);\n}\n");
    }
    List<Path> files = SourceWalker.expand(List.of(dir));
    ScanResult one = engine(1, new SiteRule()).scan(files);
    ScanResult four = engine(4, new SiteRule()).scan(files);
    assertEquals(one.findings(), four.findings());
    assertEquals(24, one.findings().size());
    assertEquals("d0/f0.c", one.findings().get(0).location().path());
  }

  @Test
  void pathsAreRelativeToTheBaseDirectory() throws IOException {
    Path p = write("src/x.c", "int x;\n");
    assertEquals("src/x.c", engine(1).displayPath(p));
  }

  @Test
  void oneJobHasTheStackOfManyJobs() throws IOException {
    // a long else-if chain nests deeply in the parser: with one job it must not fail where a
    // parallel scan succeeds (the work runs on the same large-stack worker thread)
    StringBuilder c = new StringBuilder("int f(int a) {\n  int x = 0;\n  if (a == 0) x = 0;\n");
    for (int i = 1; i < 20_000; i++) {
      c.append("  else if (a == ").append(i).append(") x = ").append(i).append(";\n");
    }
    c.append("  return x;\n}\n");
    Path deep = write("deep.c", c.toString());
    ScanResult r = engine(1, new SiteRule()).scan(List.of(deep));
    assertTrue(
        r.diagnostics().stream().noneMatch(d -> d.kind() == Diagnostic.Kind.INTERNAL),
        r.diagnostics().toString());
    assertEquals(1, r.stats().filesParsed());
  }

  @Test
  void withoutIncludesTheTreesAttributeMacrosSpareTheRepairParse() throws IOException {
    String c =
        """
        #include "platform.h"
        static int FAST_FUNC twice(int x) { return 2 * x; }
        void FAST_FUNC run(char **argv) UNUSED_ATTR;
        void FAST_FUNC run(char **argv) {
          if (vfork() == 0) {
            execv(argv[0], argv);
            _exit(twice(63));
          }
        }
        """;
    Path a = write("a.c", c);
    ParseOptions noIncludes =
        new ParseOptions(Map.of(), Set.of(), List.of(), List.of(), List.of(), false, false, true);
    Engine alone = new Engine(KnowledgeBase.load(), new ScanConfig(dir, noIncludes, List.of(), 1));
    ScanResult withoutHeader = alone.scan(List.of(a));
    assertEquals(2, withoutHeader.stats().parses(), "FAST_FUNC unknown: parsed, blanked, parsed");
    Path h =
        write(
            "include/platform.h",
            """
            #if defined(__i386__)
            # define FAST_FUNC __attribute__((regparm(3),stdcall))
            #else
            # define FAST_FUNC
            #endif
            #define UNUSED_ATTR __attribute__((__unused__))
            """);
    ScanResult withHeader = alone.scan(List.of(a, h));
    assertEquals(2, withHeader.stats().parses(), "each file once");
    assertEquals(2, withHeader.stats().functions());
    assertTrue(
        withHeader.diagnostics().stream()
            .noneMatch(d -> d.kind() == Diagnostic.Kind.SYNTAX_REPAIRED),
        withHeader.diagnostics().toString());
  }
}
