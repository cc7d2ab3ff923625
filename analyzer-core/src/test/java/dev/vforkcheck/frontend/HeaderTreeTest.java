package dev.vforkcheck.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vforkcheck.cfg.Cfg;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The front end reading a small tree of files from disk: what included headers bring to a file. */
class HeaderTreeTest {
  private static KnowledgeBase kb;

  @TempDir Path tmp;
  private Path root;
  private HeaderCache cache;
  private FrontEnd frontEnd;

  @BeforeAll
  static void loadKnowledge() {
    kb = KnowledgeBase.load();
  }

  @BeforeEach
  void setUp() throws IOException {
    root = tmp.resolve("proj").toAbsolutePath().normalize();
    Files.createDirectories(root);
  }

  /**
   * Writes a file of the tree; must be called before the first parse (the tree is indexed once).
   */
  private Path write(String name, String text) throws IOException {
    Path p = root.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private FrontEnd frontEnd() {
    if (frontEnd == null) {
      cache =
          new HeaderCache(new IncludeResolver(List.of(root), ParseOptions.defaults(), p -> false));
      frontEnd = new FrontEnd(kb, ParseOptions.defaults(), cache);
    }
    return frontEnd;
  }

  /** Writes {@code name} and parses it as the front end of a scan of the tree would. */
  private FileFacts parse(String name, String code) throws IOException {
    Path p = write(name, code);
    return frontEnd().parse(name, p.toString(), SourceText.of(code));
  }

  private static FunctionFacts function(FileFacts f, String name) {
    return f.functions().stream()
        .filter(fn -> fn.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no function "
                        + name
                        + " in "
                        + names(f)
                        + "; diagnostics "
                        + f.diagnostics()
                        + "; unparsed "
                        + f.unparsed()));
  }

  private static List<String> names(FileFacts f) {
    return f.functions().stream().map(FunctionFacts::name).toList();
  }

  private static List<Diagnostic> syntax(FileFacts f) {
    return f.diagnostics().stream().filter(d -> d.kind() == Diagnostic.Kind.SYNTAX).toList();
  }

  private static boolean calls(Cfg cfg, String callee) {
    return cfg.nodes().stream()
        .anyMatch(
            n ->
                n.expr() != null
                    && Expr.calls(n.expr()).stream().anyMatch(c -> callee.equals(c.calleeName())));
  }

  @Test
  void macroFromAnIncludedHeaderIsExpanded() throws IOException {
    write("spawn.h", "#define SPAWN() vfork()\n");
    FileFacts f =
        parse(
            "main.c",
            "#include \"spawn.h\"\nint f(void) {\n  int pid = SPAWN();\n  return pid;\n}\n");
    assertEquals(List.of(), f.diagnostics());
    Cfg cfg = function(f, "f").cfg();
    assertTrue(calls(cfg, "vfork"), "SPAWN() expands to vfork() through the header");
    assertFalse(calls(cfg, "SPAWN"), "SPAWN is a macro, not a function");
  }

  @Test
  void macroFromAHeaderInASubfolderFoundByTheTreeDefault() throws IOException {
    write("include/proj/spawn.h", "#define SPAWN() vfork()\n");
    FileFacts f = parse("src/main.c", "#include <proj/spawn.h>\nint f(void) { return SPAWN(); }\n");
    assertTrue(
        calls(function(f, "f").cfg(), "vfork"), "found as the tree's file ending in /proj/spawn.h");
  }

  @Test
  void statementMacroFromAHeaderNeedsNoRepair() throws IOException {
    write("trace.h", "#define TRACE(args) { dbg args; }\n");
    String body = "int run(void) {\n  TRACE((\"x\"))\n  return vfork();\n}\n";
    FileFacts with = parse("main.c", "#include \"trace.h\"\n" + body);
    assertEquals(List.of(), syntax(with), "TRACE is defined by the header");
    assertEquals(List.of(), with.unparsed(), "nothing had to be read as empty");
    Cfg cfg = function(with, "run").cfg();
    assertTrue(calls(cfg, "dbg"), "TRACE expanded to a call of dbg");
    assertTrue(calls(cfg, "vfork"));

    // the same code without the header: TRACE is unknown and has to be blanked out to parse
    FileFacts without = parse("other.c", "\n" + body);
    assertTrue(
        without.unparsed().stream()
            .anyMatch(
                u -> u.macro().equals("TRACE") && u.readAsEmpty() && u.location().line() == 3),
        "without the header TRACE is unknown and read as empty: "
            + without.unparsed()
            + " "
            + without.diagnostics());
    assertFalse(calls(function(without, "run").cfg(), "dbg"));
  }

  @Test
  void noreturnDeclarationInAHeaderReachesTheIncluder() throws IOException {
    write(
        "util.h",
        "#ifndef UTIL_H\n#define UTIL_H\nvoid die(const char *) __attribute__((noreturn));\n"
            + "void warn(const char *);\n#endif\n");
    FileFacts f =
        parse(
            "main.c",
            "#include \"util.h\"\nint f(int x) {\n  if (x) die(\"x\");\n  return 0;\n}\n");
    assertTrue(f.noReturnDecls().contains("die"), f.noReturnDecls().toString());
    assertFalse(f.noReturnDecls().contains("warn"), f.noReturnDecls().toString());
    assertEquals(List.of(), f.diagnostics());
  }

  @Test
  void noreturnDeclarationInAHeaderIncludedByAHeader() throws IOException {
    write("inc/die.h", "_Noreturn void fatal(int code);\n");
    write("inc/all.h", "#include \"die.h\"\n");
    FileFacts f = parse("main.c", "#include \"inc/all.h\"\nint f(void) { fatal(1); }\n");
    assertTrue(f.noReturnDecls().contains("fatal"), f.noReturnDecls().toString());
  }

  @Test
  void typedefFromAHeaderMakesDeclarationsAndCasts() throws IOException {
    write("types.h", "typedef struct child_info { int pid; } child_t;\n");
    String body =
        "int f(int x) {\n  int p = (child_t)(vfork());\n  child_t (q);\n  child_t * r;\n"
            + "  q = x;\n  r = 0;\n  return p;\n}\n";
    FileFacts with = parse("main.c", "#include \"types.h\"\n" + body);
    assertEquals(List.of(), with.diagnostics());
    FunctionFacts f = function(with, "f");
    assertTrue(
        f.locals().keySet().containsAll(List.of("q", "r")),
        "child_t is a type, so `child_t (q);` and `child_t * r;` declare q and r: "
            + f.locals().keySet());
    assertFalse(calls(f.cfg(), "child_t"), "(child_t)(vfork()) is a cast, not a call of child_t");
    assertTrue(calls(f.cfg(), "vfork"));

    // without the header child_t is not a type: the same code reads as calls and a multiplication
    FunctionFacts g = function(parse("other.c", "\n" + body), "f");
    assertFalse(
        g.locals().containsKey("q") || g.locals().containsKey("r"), g.locals().keySet().toString());
    assertTrue(calls(g.cfg(), "child_t"));
  }

  @Test
  void functionsDefinedInAHeaderAreNotTheIncludersFunctions() throws IOException {
    write("inline.h", "static inline int helper(void) { return vfork(); }\n#define HELPER_OK 1\n");
    FileFacts f =
        parse("main.c", "#include \"inline.h\"\nint main(void) { return helper() + HELPER_OK; }\n");
    assertEquals(List.of("main"), names(f));
    assertEquals(List.of(), f.diagnostics());
  }

  @Test
  void twoFilesIncludingOneHeaderShareTheCache() throws IOException {
    write(
        "common.h",
        "#ifndef COMMON_H\n#define COMMON_H\n#define SPAWN() vfork()\ntypedef int pid_type;\n#endif\n");
    String code = "#include \"common.h\"\nint f(void) { pid_type p = SPAWN(); return p; }\n";
    FileFacts a = parse("a.c", code);
    long[] afterFirst = cache.stats().clone();
    assertTrue(
        afterFirst[1] > 0,
        "the first file computes the header's entry: " + afterFirst[1] + " misses");
    FileFacts b = parse("b.c", code);
    long[] afterSecond = cache.stats();
    assertTrue(
        afterSecond[0] > afterFirst[0],
        "the second file reuses the entry: hits " + afterFirst[0] + " -> " + afterSecond[0]);
    assertEquals(afterFirst[1], afterSecond[1], "and computes nothing new");
    assertTrue(calls(function(a, "f").cfg(), "vfork"));
    assertTrue(calls(function(b, "f").cfg(), "vfork"), "the cached entry brings the macro too");
    assertEquals(List.of(), b.diagnostics());
  }

  @Test
  void guardedHeaderIncludedTwice() throws IOException {
    write(
        "g.h",
        "#ifndef G_H\n#define G_H\n#define SPAWN() vfork()\ntypedef int word_t;\n"
            + "void die(void) __attribute__((noreturn));\n#endif /* G_H */\n");
    write("h.h", "#include \"g.h\"\n#define H_READY 1\n");
    FileFacts f =
        parse(
            "main.c",
            "#include \"g.h\"\n#include \"h.h\"\n#include \"g.h\"\n"
                + "int f(void) {\n  word_t w = SPAWN() + H_READY;\n  if (w < 0) die();\n  return w;\n}\n");
    assertEquals(List.of(), f.diagnostics());
    FunctionFacts fn = function(f, "f");
    assertTrue(calls(fn.cfg(), "vfork"));
    assertTrue(fn.locals().containsKey("w"), fn.locals().keySet().toString());
    assertTrue(f.noReturnDecls().contains("die"), f.noReturnDecls().toString());
  }

  @Test
  void guardKeepsTheBodyFromBeingReadTwice() throws IOException {
    // the body defines SECOND only when it is read a second time (FIRST already defined)
    String body = "#ifdef FIRST\n#define SECOND 1\n#endif\n#define FIRST 1\n";
    write("guarded.h", "#ifndef GUARDED_H\n#define GUARDED_H\n" + body + "#endif\n");
    write("bare.h", body);
    String test =
        "#if defined(SECOND)\nint read_twice(void) { return 0; }\n#else\nint read_once(void) { return 0; }\n#endif\n";
    FileFacts guarded = parse("a.c", "#include \"guarded.h\"\n#include \"guarded.h\"\n" + test);
    assertEquals(List.of("read_once"), names(guarded));
    FileFacts bare = parse("b.c", "#include \"bare.h\"\n#include \"bare.h\"\n" + test);
    assertEquals(
        List.of("read_twice"),
        names(bare),
        "without a guard the second inclusion reads the body again");
  }

  @Test
  void oneHeaderReadInTwoMacroContextsGivesEachItsOwnResult() throws IOException {
    write(
        "spawn.h",
        "#ifdef USE_VFORK\n#define SPAWN() vfork()\n#else\n#define SPAWN() fork()\n#endif\n");
    write("outer.h", "#include \"spawn.h\"\n");
    String use = "#include \"outer.h\"\nint f(void) { return SPAWN(); }\n";
    FileFacts on = parse("on.c", "#define USE_VFORK\n" + use);
    FileFacts off = parse("off.c", use);
    FileFacts onAgain = parse("on2.c", "#define USE_VFORK\n" + use);
    assertTrue(
        calls(function(on, "f").cfg(), "vfork"), "USE_VFORK reaches spawn.h through outer.h");
    assertTrue(
        calls(function(off, "f").cfg(), "fork") && !calls(function(off, "f").cfg(), "vfork"),
        "the cached entry for USE_VFORK defined is not reused without it");
    assertTrue(calls(function(onAgain, "f").cfg(), "vfork"));
    assertTrue(
        cache.stats()[0] > 0, "the third file reuses the first one's entries: " + cache.stats()[0]);
  }

  @Test
  void undefOfATestedMacroInAHeaderReachesTheIncluder() throws IOException {
    write("fixup.h", "#ifdef HAVE_VFORK\n#undef HAVE_VFORK\n#endif\n");
    FileFacts f =
        parse(
            "main.c",
            "#define HAVE_VFORK 1\n#include \"fixup.h\"\n#ifdef HAVE_VFORK\n"
                + "int still_defined(void) { return 0; }\n#else\nint undefined_now(void) { return 0; }\n#endif\n");
    assertEquals(List.of("undefined_now"), names(f));
  }

  @Test
  void redefinitionInAHeaderReachesTheIncluder() throws IOException {
    write("fixup.h", "#undef VFORK_LEVEL\n#define VFORK_LEVEL 2\n");
    FileFacts f =
        parse(
            "main.c",
            "#define VFORK_LEVEL 1\n#include \"fixup.h\"\n#if VFORK_LEVEL == 2\n"
                + "int two(void) { return 0; }\n#else\nint one(void) { return 0; }\n#endif\n");
    assertEquals(List.of("two"), names(f));
  }

  @Test
  void undefOfAnUntestedMacroInAHeaderReachesTheIncluder() throws IOException {
    write("fixup.h", "#undef HAVE_VFORK\n");
    FileFacts f =
        parse(
            "main.c",
            "#define HAVE_VFORK 1\n#include \"fixup.h\"\n#ifdef HAVE_VFORK\n"
                + "int still_defined(void) { return 0; }\n#else\nint undefined_now(void) { return 0; }\n#endif\n");
    assertEquals(
        List.of("undefined_now"), names(f), "a compiler sees HAVE_VFORK undefined after fixup.h");
  }

  @Test
  void headerConditionOnItsOwnMacroDefinedFromAnIncluderMacro() throws IOException {
    write(
        "impl.h",
        "#define USE_IMPL CONFIG_VFORK\n#if USE_IMPL\n#define SPAWN() vfork()\n#else\n"
            + "#define SPAWN() fork()\n#endif\n");
    FileFacts f =
        parse(
            "main.c",
            "#define CONFIG_VFORK 1\n#include \"impl.h\"\nint f(void) { return SPAWN(); }\n");
    assertTrue(
        calls(function(f, "f").cfg(), "vfork"),
        "CONFIG_VFORK is 1, so USE_IMPL is 1 and SPAWN() is vfork()");
  }

  @Test
  void unknownAttributeMacroIsRepairedLocallyAndAValueMacroStaysAnIdentifier() throws IOException {
    String code =
        "int a(void) { int b MY_UNUSED; return 0; }\n"
            + "int c(void) { int err; err = MY_ERR; return err; }\n";
    FileFacts f = parse("regress.c", code);
    assertEquals(
        List.of("a", "c"), names(f), "both functions are lowered; diagnostics " + f.diagnostics());
    for (Diagnostic d : syntax(f)) {
      if (d.location().line() <= 2 && d.location().endLine() >= 2) {
        fail("a syntax diagnostic in c, whose code is valid: " + d);
      }
    }
    assertTrue(
        function(f, "a").locals().containsKey("b"),
        "b is declared once MY_UNUSED is read as empty");
    FileFacts.Unparsed u =
        f.unparsed().stream()
            .filter(x -> x.macro().equals("MY_UNUSED"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("MY_UNUSED not reported: " + f.unparsed()));
    assertTrue(u.readAsEmpty(), u.toString());
    assertEquals(1, u.location().line());
    assertFalse(
        f.unparsed().stream().anyMatch(x -> x.macro().equals("MY_ERR")),
        "MY_ERR is a value, never blanked: " + f.unparsed());
    Cfg cfg = function(f, "c").cfg();
    assertTrue(
        cfg.nodes().stream().anyMatch(n -> n.text().contains("MY_ERR")),
        "err = MY_ERR is kept in c's graph");
  }

  @Test
  void headerMacroIsNotBlankedEvenWhereRepairHappens() throws IOException {
    write("attrs.h", "#define MY_ERR (-1)\n");
    String code =
        "#include \"attrs.h\"\nint a(void) { int b MY_UNUSED; return 0; }\n"
            + "int c(void) { int err; err = MY_ERR; return err; }\n";
    FileFacts f = parse("main.c", code);
    assertEquals(List.of("a", "c"), names(f));
    assertEquals(List.of(), syntax(f));
    assertEquals(
        List.of("MY_UNUSED"), f.unparsed().stream().map(FileFacts.Unparsed::macro).toList());
  }

  @Test
  void headerOutsideTheTreeIsNotRead() throws IOException {
    Files.writeString(tmp.resolve("outside.h"), "#define SPAWN() vfork()\n");
    write("inside.h", "#define SPAWN() vfork()\n");
    FileFacts out =
        parse("src/main.c", "#include \"../../outside.h\"\nint f(void) { return SPAWN(); }\n");
    assertFalse(
        calls(function(out, "f").cfg(), "vfork"),
        "outside.h lies outside the scanned tree and must not be read");
    FileFacts in =
        parse("src/other.c", "#include \"../inside.h\"\nint f(void) { return SPAWN(); }\n");
    assertTrue(
        calls(function(in, "f").cfg(), "vfork"),
        "a relative include that stays inside the tree is read");
  }
}
