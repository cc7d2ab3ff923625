package dev.vforkcheck.cli;

import static dev.vforkcheck.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiler's view of the tree from the command line: -I, -D, -U, -include, configurations,
 * databases.
 */
class BuildOptionsTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  /** A child that ends with _exit() when SAFE is defined and with exit() otherwise. */
  private static final String SAFE_OR_NOT =
      "#include <unistd.h>\n#include <stdlib.h>\n"
          + "int spawn(char **a) {\n  pid_t pid = vfork();\n  if (pid == 0) {\n    execv(a[0], a);\n"
          + "#ifdef SAFE\n    _exit(127);\n#else\n    exit(127);\n#endif\n  }\n  return pid;\n}\n";

  @Test
  void defineAndUndefineChooseTheBranch() throws IOException {
    Path f = write("spawn.c", SAFE_OR_NOT);
    CliTest.Run safe = run("scan", "--variants", "none", "-D", "SAFE", f.toString());
    assertEquals(0, safe.code(), safe.out() + safe.err());
    CliTest.Run undone =
        run("scan", "--variants", "none", "-D", "SAFE", "-U", "SAFE", f.toString());
    assertEquals(1, undone.code(), undone.err());
    assertTrue(
        undone.out().contains("spawn.c:10:5: warning: the vfork() child calls exit()"),
        undone.out());
  }

  @Test
  void includeDirectoriesOutsideTheTreeAreReadOnlyWhenNamed() throws IOException {
    write("sdk/include/child.h", "#define CHILD_END(c) exit(c)\n");
    Path f =
        write(
            "src/spawn.c",
            "#include <unistd.h>\n#include \"child.h\"\nint spawn(char **a) {\n"
                + "  pid_t pid = vfork();\n  if (pid == 0) {\n    execv(a[0], a);\n    CHILD_END(127);\n  }\n"
                + "  return pid;\n}\n");
    CliTest.Run without = run("scan", dir.resolve("src").toString());
    assertFalse(
        without.out().contains("[vfork-exit]"),
        "sdk/include is outside the scanned tree: " + without.out());
    assertTrue(without.err().contains("header \"child.h\" was not found"), without.err());
    CliTest.Run with =
        run("scan", "-I", dir.resolve("sdk/include").toString(), dir.resolve("src").toString());
    assertTrue(
        with.out().contains("spawn.c:7:5: warning: the vfork() child calls exit()"),
        with.out() + with.err());
    assertFalse(with.err().contains("was not found"), with.err());
    assertTrue(Files.exists(f));
    write("src/up.c", "#include \"../sdk/include/child.h\"\nint up(void) { return 0; }\n");
    CliTest.Run up = run("scan", dir.resolve("src").toString());
    assertTrue(
        up.err().contains("header \"../sdk/include/child.h\" (")
            && up.err()
                .contains(
                    ") is outside the scanned tree and the -I directories, so it is not read"),
        up.err());
  }

  @Test
  void preIncludedFilesComeFirst() throws IOException {
    Path pre = write("config.h", "#define SAFE 1\n");
    Path f = write("spawn.c", SAFE_OR_NOT);
    CliTest.Run r = run("scan", "--variants", "none", "-include", pre.toString(), f.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    CliTest.Run missing = run("scan", "-include", dir.resolve("nope.h").toString(), f.toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("-include: no such file"), missing.err());
  }

  @Test
  void inactiveSpawnBranchesGetAConfigurationOfTheirOwn() throws IOException {
    Path f =
        write(
            "start.c",
            "#include <unistd.h>\n#include <stdlib.h>\nint start(char **a) {\n  pid_t pid;\n"
                + "#ifdef __uClinux__\n  pid = vfork();\n#else\n  pid = fork();\n#endif\n  if (pid == 0) {\n"
                + "    execvp(a[0], a);\n    exit(127);\n  }\n  return pid;\n}\n");
    CliTest.Run found = run("scan", f.toString());
    assertTrue(
        found.out().contains("start.c:12:5: warning: the vfork() child calls exit()")
            && found.out().contains("[vfork-exit] [__uClinux__]"),
        found.out());
    CliTest.Run none = run("scan", "--variants", "none", f.toString());
    assertFalse(none.out().contains("[vfork-exit]"), none.out());
    CliTest.Run sites = run("sites", f.toString());
    assertTrue(
        sites.out().contains("start.c:6:9: vfork in function start")
            && sites.out().contains("[__uClinux__]"),
        sites.out());
    CliTest.Run port = run("port", f.toString());
    assertTrue(
        port.out().contains("start.c:6:9: vfork in function start: vfork already")
            && port.out().lines().filter(l -> l.contains("[__uClinux__]")).count() == 1,
        port.out());
    assertTrue(
        port.out().contains("2 sites:"),
        "each site once, whatever the configurations: " + port.out());
  }

  @Test
  void namedConfigurationsApplyToEveryFile() throws IOException {
    Path f =
        write(
            "run.c",
            "#include <unistd.h>\n#include <stdlib.h>\nint run(char **a) {\n  pid_t pid;\n"
                + "#if BB_MMU\n  pid = fork();\n#else\n  pid = vfork();\n#endif\n  if (pid == 0) {\n"
                + "    execvp(a[0], a);\n    exit(127);\n  }\n  return pid;\n}\n");
    CliTest.Run r =
        run(
            "scan",
            "--variants",
            "none",
            "-D",
            "BB_MMU=1",
            "--configuration",
            "nommu",
            f.toString());
    assertTrue(r.out().contains("[vfork-exit] [nommu]"), r.out());
    CliTest.Run unknown = run("scan", "--configuration", "mars", f.toString());
    assertEquals(2, unknown.code());
    assertTrue(
        unknown.err().contains("unknown configuration 'mars'") && unknown.err().contains("nommu"),
        unknown.err());
    CliTest.Run badMode = run("scan", "--variants", "some", f.toString());
    assertEquals(2, badMode.code());
    assertTrue(badMode.err().contains("--variants takes none, spawn or all"), badMode.err());
  }

  @Test
  void configurationFileCarriesBuildOptions() throws IOException {
    write("inc/child.h", "#define CHILD_END(c) exit(c)\n");
    write(
        ".vforkcheck.yaml",
        "include-dirs: [inc]\nvariants: none\nconfigurations:\n"
            + "  tiny: {define: {TINY: \"1\"}}\n");
    Path f =
        write(
            "src/spawn.c",
            "#include <unistd.h>\n#include \"child.h\"\nint spawn(char **a) {\n"
                + "  pid_t pid = vfork();\n  if (pid == 0) {\n    execv(a[0], a);\n    CHILD_END(127);\n  }\n"
                + "  return pid;\n}\n");
    CliTest.Run r = run("scan", dir.resolve("src").toString());
    assertTrue(
        r.out().contains("spawn.c:7:5: warning: the vfork() child calls exit()"),
        r.out() + r.err());
    CliTest.Run tiny = run("scan", "--configuration", "tiny", dir.resolve("src").toString());
    assertEquals(1, tiny.code(), tiny.err());
    write(".vforkcheck.yaml", "variants: sometimes\n");
    CliTest.Run bad = run("scan", f.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("variants must be none, spawn or all"), bad.err());
  }

  @Test
  void sitesPortAndCfgHonourTheConfigurationFile() throws IOException {
    write("inc/spawn.h", "#define SPAWN() vfork()\n");
    Path f =
        write(
            "src/run.c",
            "#include <unistd.h>\n#include \"spawn.h\"\nint run(char **a) {\n"
                + "  pid_t pid = SPAWN();\n  if (pid == 0) {\n    execv(a[0], a);\n    _exit(127);\n  }\n"
                + "  return pid;\n}\n");
    CliTest.Run without = run("sites", dir.resolve("src").toString());
    assertFalse(without.out().contains("vfork in function run"), without.out());
    write(".vforkcheck.yaml", "include-dirs: [inc]\n");
    CliTest.Run sites = run("sites", dir.resolve("src").toString());
    assertTrue(
        sites.out().contains("run.c:4:15: vfork in function run"), sites.out() + sites.err());
    CliTest.Run port = run("port", dir.resolve("src").toString());
    assertTrue(
        port.out().contains("run.c:4:15: vfork in function run: vfork already"),
        port.out() + port.err());
    CliTest.Run cfg = run("cfg", f.toString());
    assertTrue(cfg.out().contains("vfork"), cfg.out() + cfg.err());
  }

  @Test
  void compilationDatabaseErrorsAreClear() throws IOException {
    Path f = write("spawn.c", SAFE_OR_NOT);
    write("build/compile_commands.json", "{ not json");
    CliTest.Run broken = run("scan", "-p", dir.resolve("build").toString(), f.toString());
    assertEquals(2, broken.code());
    assertTrue(broken.err().contains("not a readable JSON compilation database"), broken.err());
    write(
        "build/compile_commands.json",
        "[{\"directory\": \""
            + dir
            + "\", \"file\": \"spawn.c\","
            + " \"command\": \"gcc -DSAFE -c spawn.c\"}]");
    CliTest.Run ok =
        run("scan", "--variants", "none", "-p", dir.resolve("build").toString(), f.toString());
    assertEquals(0, ok.code(), ok.out() + ok.err());
  }

  @Test
  void aSourceFileIncludedByAnotherIsNotReadAsATranslationUnit() throws IOException {
    // git's compat/regex: regex.c includes regex_internal.h, then regcomp.c, which relies on it
    write("regex/regex_internal.h", "#define internal_function\n");
    write(
        "regex/regcomp.c",
        "static int\ninternal_function\ninit_word_char (int *dfa)\n{\n  return *dfa;\n}\n");
    write("regex/regex.c", "#include \"regex_internal.h\"\n#include \"regcomp.c\"\n");
    CliTest.Run unity = run("scan", dir.resolve("regex").toString());
    assertFalse(unity.err().contains("regcomp.c:"), unity.err());
    write(
        "alone/regcomp.c",
        "static int\ninternal_function\ninit_word_char (int *dfa)\n{\n  return *dfa;\n}\n");
    CliTest.Run alone = run("scan", dir.resolve("alone").toString());
    assertTrue(
        alone.err().contains("regcomp.c:"),
        "a file nothing includes is a translation unit: " + alone.err());
  }

  @Test
  void anIncludeNamedByAnUndefinedMacroIsOneNoteForTheTree() throws IOException {
    for (String n : List.of("a", "b", "c")) {
      write(
          "lib/" + n + ".c",
          "#define L_" + n + "\n#include RESOLVER\nint " + n + "(void) { return 0; }\n");
    }
    CliTest.Run r = run("scan", dir.resolve("lib").toString());
    List<String> notes = r.err().lines().filter(l -> l.contains("RESOLVER")).toList();
    assertEquals(1, notes.size(), r.err());
    assertTrue(
        notes
            .get(0)
            .contains(
                "`#include RESOLVER` names its header through a macro with no definition"
                    + " (3 #includes)"),
        notes.get(0));
    CliTest.Run defined = run("scan", "-D", "RESOLVER=\"res.h\"", dir.resolve("lib").toString());
    assertFalse(defined.err().contains("through a macro"), defined.err());
  }

  @Test
  void unknownMacrosAreReportedOncePerMacro() throws IOException {
    StringBuilder code = new StringBuilder("int f(void) {\n");
    for (int i = 0; i < 5; i++) {
      code.append("  LOG_EVENT(\"a\", ").append(i).append(") LOG_EVENT(\"b\", 1)\n");
    }
    code.append("  return 0;\n}\n");
    Path f = write("log.c", code.toString());
    CliTest.Run r = run("scan", f.toString());
    long lines = r.err().lines().filter(l -> l.contains("LOG_EVENT")).count();
    assertEquals(1, lines, r.err());
    assertTrue(r.err().contains("LOG_EVENT (10)"), r.err());
  }
}
