package dev.vforkcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vforkcheck.frontend.ParseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compile_commands.json: shell splitting, the flags read from each entry, and errors. */
class CompileCommandsTest {
  @TempDir Path dir;

  private Path db(String json) throws IOException {
    Path p = dir.resolve("compile_commands.json");
    Files.writeString(p, json);
    return p;
  }

  /** A JSON string literal for a path (backslashes and quotes escaped). */
  private static String js(Object s) {
    return "\"" + s.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private Path abs(String relative) {
    return dir.resolve(relative).toAbsolutePath().normalize();
  }

  /** The only options of the only file. */
  private static ParseOptions onlyOptions(Map<Path, List<ParseOptions>> read, Path file) {
    assertEquals(Set.of(file), read.keySet(), "files listed");
    List<ParseOptions> options = read.get(file);
    assertEquals(1, options.size(), "one flag set: " + options);
    return options.get(0);
  }

  // --- splitShell

  @Test
  void splitsOnRunsOfWhitespace() {
    assertEquals(List.of("cc", "-c", "a.c"), CompileCommands.splitShell("  cc \t-c   a.c  "));
    assertEquals(List.of(), CompileCommands.splitShell("   "));
  }

  @Test
  void singleQuotesKeepEverythingLiterally() {
    assertEquals(
        List.of("cc", "-DMSG=hello world", "a.c"),
        CompileCommands.splitShell("cc -DMSG='hello world' a.c"));
    assertEquals(List.of("a\\b \"c\""), CompileCommands.splitShell("'a\\b \"c\"'"));
  }

  @Test
  void doubleQuotesWithEscapedQuotesInside() {
    assertEquals(
        List.of("cc", "-DSTR=\"a b\"", "x.c"),
        CompileCommands.splitShell("cc \"-DSTR=\\\"a b\\\"\" x.c"));
    assertEquals(List.of("-DSTR=\"x\""), CompileCommands.splitShell("-DSTR=\"\\\"x\\\"\""));
  }

  @Test
  void doubleQuotesKeepBackslashesBeforeOrdinaryCharacters() {
    assertEquals(List.of("a\\nb"), CompileCommands.splitShell("\"a\\nb\""));
    assertEquals(List.of("a\\b"), CompileCommands.splitShell("\"a\\\\b\""));
    assertEquals(List.of("$HOME"), CompileCommands.splitShell("\"\\$HOME\""));
  }

  @Test
  void backslashOutsideQuotesEscapesTheNextCharacter() {
    assertEquals(List.of("my dir/a.c"), CompileCommands.splitShell("my\\ dir/a.c"));
    assertEquals(List.of("-DQ=\"x\""), CompileCommands.splitShell("-DQ=\\\"x\\\""));
  }

  @Test
  void adjacentQuotedPartsFormOneWordAndEmptyQuotesAWord() {
    assertEquals(List.of("abcdef"), CompileCommands.splitShell("ab\"cd\"'ef'"));
    assertEquals(List.of("cc", "", "x"), CompileCommands.splitShell("cc '' x"));
    assertEquals(List.of("cc", "", "x"), CompileCommands.splitShell("cc \"\" x"));
  }

  @Test
  void backslashNewlineIsALineContinuation() {
    // POSIX: <backslash><newline> is removed, outside quotes and inside double quotes alike
    assertEquals(List.of("cc", "-DA", "-DB"), CompileCommands.splitShell("cc -DA \\\n -DB"));
    assertEquals(List.of("ab"), CompileCommands.splitShell("a\\\nb"));
    assertEquals(List.of("ab"), CompileCommands.splitShell("\"a\\\nb\""));
  }

  // --- read

  @Test
  void argumentsFormGivesEveryPreprocessorFlag() throws IOException {
    Files.createDirectories(dir.resolve("build"));
    Path db =
        db(
            "[{\"directory\": "
                + js(abs("build"))
                + ", \"file\": \"../src/a.c\", \"arguments\": ["
                + "\"cc\", \"-I\", \"inc\", \"-Iother\", \"-D\", \"X\", \"-DY=2\", \"-DZ\", \"-DEMPTY=\", \"-UW\","
                + " \"-U\", \"V\", \"-isystem\", \"sys\", \"-include\", \"config.h\", \"-I/abs/inc\","
                + " \"-o\", \"a.o\", \"-c\", \"../src/a.c\"]}]");
    ParseOptions o = onlyOptions(CompileCommands.read(db, ParseOptions.defaults()), abs("src/a.c"));
    assertEquals(
        List.of(abs("build/inc"), abs("build/other"), Path.of("/abs/inc")), o.includeDirs());
    assertEquals(List.of(abs("build/sys")), o.systemIncludeDirs());
    assertEquals(List.of(abs("build/config.h")), o.preIncludes());
    assertEquals(Map.of("X", "1", "Y", "2", "Z", "1", "EMPTY", ""), o.defines());
    assertEquals(Set.of("W", "V"), o.undefines());
  }

  @Test
  void commandFormIsSplitLikeAShell() throws IOException {
    Path db =
        db(
            "[{\"directory\": "
                + js(dir.toAbsolutePath())
                + ", \"file\": \"a.c\", \"command\":"
                + " \"cc -I 'my inc' -DMSG=\\\"\\\\\\\"hi there\\\\\\\"\\\" -DN=3 -c a.c\"}]");
    ParseOptions o = onlyOptions(CompileCommands.read(db, ParseOptions.defaults()), abs("a.c"));
    assertEquals(List.of(abs("my inc")), o.includeDirs());
    assertEquals(Map.of("MSG", "\"hi there\"", "N", "3"), o.defines());
  }

  @Test
  void joinedSystemIncludeQuoteAndIncludeFlags() throws IOException {
    // gcc and clang accept -isystem, -iquote and -include joined to their value as well as separate
    Path db =
        db(
            "[{\"directory\": "
                + js(dir.toAbsolutePath())
                + ", \"file\": \"a.c\", \"arguments\":"
                + " [\"cc\", \"-isystemsys\", \"-iquoteq\", \"-includeconfig.h\", \"a.c\"]}]");
    ParseOptions o = onlyOptions(CompileCommands.read(db, ParseOptions.defaults()), abs("a.c"));
    assertEquals(List.of(abs("sys")), o.systemIncludeDirs());
    assertEquals(List.of(abs("q")), o.includeDirs());
    assertEquals(List.of(abs("config.h")), o.preIncludes());
  }

  @Test
  void theFirstWordIsTheCompilerNotAFlag() throws IOException {
    Path db =
        db(
            "[{\"directory\": "
                + js(dir.toAbsolutePath())
                + ", \"file\": \"a.c\","
                + " \"arguments\": [\"-DNOT_A_FLAG\", \"-DREAL\", \"a.c\"]}]");
    ParseOptions o = onlyOptions(CompileCommands.read(db, ParseOptions.defaults()), abs("a.c"));
    assertEquals(Map.of("REAL", "1"), o.defines());
  }

  @Test
  void laterDefineAndUndefineOfOneNameWin() throws IOException {
    Path db =
        db(
            "[{\"directory\": "
                + js(dir.toAbsolutePath())
                + ", \"file\": \"a.c\","
                + " \"arguments\": [\"cc\", \"-DA\", \"-UA\", \"-UB\", \"-DB=5\", \"a.c\"]}]");
    ParseOptions o = onlyOptions(CompileCommands.read(db, ParseOptions.defaults()), abs("a.c"));
    assertEquals(Map.of("B", "5"), o.defines());
    assertEquals(Set.of("A"), o.undefines());
  }

  @Test
  void flagsAddToTheBaseOptions() throws IOException {
    Path db =
        db(
            "[{\"directory\": "
                + js(dir.toAbsolutePath())
                + ", \"file\": \"a.c\","
                + " \"arguments\": [\"cc\", \"-Iinc\", \"-DB=2\", \"a.c\"]}]");
    ParseOptions base =
        ParseOptions.defaults()
            .withDefines(Map.of("A", "1"))
            .withIncludes(List.of(Path.of("/base/inc")), List.of(), List.of());
    ParseOptions o = onlyOptions(CompileCommands.read(db, base), abs("a.c"));
    assertEquals(Map.of("A", "1", "B", "2"), o.defines());
    assertEquals(List.of(Path.of("/base/inc"), abs("inc")), o.includeDirs());
    assertTrue(
        o.followIncludes() && o.recoverUnknownMacros(), "the base's switches are kept: " + o);
  }

  @Test
  void relativeDirectoryIsRelativeToTheDatabaseFolder() throws IOException {
    Path sub = dir.resolve("out");
    Files.createDirectories(sub);
    Path db = sub.resolve("compile_commands.json");
    Files.writeString(
        db,
        "[{\"directory\": \"../proj\", \"file\": \"src/a.c\","
            + " \"arguments\": [\"cc\", \"-Iinclude\", \"src/a.c\"]}]");
    ParseOptions o =
        onlyOptions(CompileCommands.read(db, ParseOptions.defaults()), abs("proj/src/a.c"));
    assertEquals(List.of(abs("proj/include")), o.includeDirs());
  }

  @Test
  void missingDirectoryMeansTheDatabaseFolder() throws IOException {
    Path db = db("[{\"file\": \"a.c\", \"arguments\": [\"cc\", \"-Iinc\", \"a.c\"]}]");
    ParseOptions o = onlyOptions(CompileCommands.read(db, ParseOptions.defaults()), abs("a.c"));
    assertEquals(List.of(abs("inc")), o.includeDirs());
  }

  @Test
  void absoluteFileIgnoresTheDirectory() throws IOException {
    Path db =
        db(
            "[{\"directory\": "
                + js(abs("build"))
                + ", \"file\": "
                + js(abs("src/a.c"))
                + ", \"arguments\": [\"cc\", \"a.c\"]}]");
    Map<Path, List<ParseOptions>> read = CompileCommands.read(db, ParseOptions.defaults());
    assertEquals(Set.of(abs("src/a.c")), read.keySet());
  }

  @Test
  void aFileListedTwiceWithDifferentFlagsGetsTwoOptionSets() throws IOException {
    String d = js(dir.toAbsolutePath());
    Path db =
        db(
            "[{\"directory\": "
                + d
                + ", \"file\": \"a.c\", \"arguments\": [\"cc\", \"-DSHARED\", \"a.c\"]},"
                + " {\"directory\": "
                + d
                + ", \"file\": \"b.c\", \"arguments\": [\"cc\", \"b.c\"]},"
                + " {\"directory\": "
                + d
                + ", \"file\": \"./a.c\", \"arguments\": [\"cc\", \"-DSTATIC\", \"a.c\"]}]");
    Map<Path, List<ParseOptions>> read = CompileCommands.read(db, ParseOptions.defaults());
    assertEquals(
        List.of(abs("a.c"), abs("b.c")),
        List.copyOf(read.keySet()),
        "in database order, normalized");
    List<ParseOptions> a = read.get(abs("a.c"));
    assertEquals(
        List.of(Map.of("SHARED", "1"), Map.of("STATIC", "1")),
        a.stream().map(ParseOptions::defines).toList());
  }

  @Test
  void aFileListedTwiceWithTheSameFlagsGetsOne() throws IOException {
    String d = js(dir.toAbsolutePath());
    Path db =
        db(
            "[{\"directory\": "
                + d
                + ", \"file\": \"a.c\", \"arguments\": [\"cc\", \"-DX\", \"-c\", \"a.c\"]},"
                + " {\"directory\": "
                + d
                + ", \"file\": \"a.c\", \"command\": \"gcc -DX -o a.o -c a.c\"}]");
    Map<Path, List<ParseOptions>> read = CompileCommands.read(db, ParseOptions.defaults());
    assertEquals(Map.of("X", "1"), onlyOptions(read, abs("a.c")).defines());
  }

  @Test
  void notAnArrayIsAnError() throws IOException {
    Path db = db("{\"file\": \"a.c\"}");
    IOException e =
        assertThrows(IOException.class, () -> CompileCommands.read(db, ParseOptions.defaults()));
    assertTrue(
        e.getMessage().contains("JSON array") && e.getMessage().contains(db.toString()),
        e.getMessage());
  }

  @Test
  void invalidJsonIsAnError() throws IOException {
    Path db = db("[{\"file\": ");
    IOException e =
        assertThrows(IOException.class, () -> CompileCommands.read(db, ParseOptions.defaults()));
    assertTrue(e.getMessage().contains("not a readable JSON compilation database"), e.getMessage());
  }

  @Test
  void missingDatabaseIsAnError() {
    Path db = dir.resolve("nope.json");
    IOException e =
        assertThrows(IOException.class, () -> CompileCommands.read(db, ParseOptions.defaults()));
    assertTrue(e.getMessage().contains(db.toString()), e.getMessage());
  }

  @Test
  void entryWithoutFileIsAnErrorNamingTheEntry() throws IOException {
    Path db =
        db(
            "[{\"file\": \"a.c\", \"arguments\": [\"cc\"]}, {\"directory\": \"/x\", \"arguments\": [\"cc\"]}]");
    IOException e =
        assertThrows(IOException.class, () -> CompileCommands.read(db, ParseOptions.defaults()));
    assertTrue(
        e.getMessage().contains("entry 2") && e.getMessage().contains("\"file\""), e.getMessage());
  }

  @Test
  void entryWithoutArgumentsOrCommandIsAnError() throws IOException {
    Path db = db("[{\"directory\": \"/x\", \"file\": \"a.c\"}]");
    IOException e =
        assertThrows(IOException.class, () -> CompileCommands.read(db, ParseOptions.defaults()));
    assertTrue(
        e.getMessage().contains("entry 1")
            && e.getMessage().contains("neither \"arguments\" nor \"command\""),
        e.getMessage());
  }

  @Test
  void locateTurnsAFolderIntoItsDatabase() throws IOException {
    assertEquals(dir.resolve("compile_commands.json"), CompileCommands.locate(dir));
    Path file = db("[]");
    assertEquals(file, CompileCommands.locate(file));
    assertEquals(Map.of(), CompileCommands.read(file, ParseOptions.defaults()));
  }
}
