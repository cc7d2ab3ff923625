package dev.vforkcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, in process: output, errors and exit codes. */
class CliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static final String BAD =
      "#include <stdio.h>\n#include <unistd.h>\n"
          + "void spawn(char **argv) {\n"
          + "    pid_t pid = vfork();\n"
          + "    if (pid == 0) {\n"
          + "        printf(\"starting\\n\");\n"
          + "        execv(argv[0], argv);\n"
          + "        exit(127);\n"
          + "    }\n"
          + "}\n";

  private static final String GOOD =
      "void spawn(char **argv) {\n"
          + "    pid_t pid = vfork();\n"
          + "    if (pid == 0) {\n"
          + "        execv(argv[0], argv);\n"
          + "        _exit(127);\n"
          + "    }\n"
          + "}\n";

  @Test
  void scanReportsFindingsGccStyleAndExitsOne() throws IOException {
    Path f = write("bad.c", BAD);
    Run r = run("scan", "--color=never", f.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains(":6:9: error: the vfork() child calls printf()"), r.out());
    assertTrue(r.out().contains("[vfork-stdio]"), r.out());
    assertTrue(r.out().contains(":8:9: warning: the vfork() child calls exit()"), r.out());
    assertTrue(r.out().contains("note: vfork() called here"), r.out());
    assertTrue(r.err().contains("1 error, 1 warning in 1 file (1 file scanned)"), r.err());
  }

  @Test
  void errorPathFindingsAreTaggedOneLevelLowerAndConfigurable() throws IOException {
    Path f = write("bad.c", BAD);
    Run text = run("scan", "--color=never", f.toString());
    String exitLine = text.out().lines().filter(l -> l.contains(":8:9:")).findFirst().orElseThrow();
    assertTrue(
        exitLine.contains(": warning: "), "after a failed exec: one level lower " + exitLine);
    assertTrue(exitLine.endsWith(" [error path] [vfork-exit]"), exitLine);
    String printfLine =
        text.out().lines().filter(l -> l.contains(":6:9:")).findFirst().orElseThrow();
    assertFalse(printfLine.contains("[error path]"), printfLine);

    JsonNode json = JSON.readTree(run("scan", "--format", "json", f.toString()).out());
    Map<String, String> paths = new TreeMap<>();
    json.path("findings")
        .forEach(n -> paths.put(n.path("ruleId").asText(), n.path("childPath").asText()));
    assertEquals(Map.of("vfork-exit", "error", "vfork-stdio", "normal"), paths);

    JsonNode sarif = JSON.readTree(run("scan", "--format", "sarif", f.toString()).out());
    Map<String, String> props = new TreeMap<>();
    sarif
        .path("runs")
        .get(0)
        .path("results")
        .forEach(
            n ->
                props.put(
                    n.path("ruleId").asText(),
                    n.path("properties").path("vforkcheck/childPath").asText()
                        + n.path("properties").path("tags")));
    assertEquals(Map.of("vfork-exit", "error[\"error-path\"]", "vfork-stdio", "normal"), props);

    write(
        ".vforkcheck.yaml", "rules:\n  levels: {vfork-exit: {normal: error, error-path: error}}\n");
    Run same = run("scan", "--color=never", f.toString());
    assertTrue(same.out().contains(":8:9: error: the vfork() child calls exit()"), same.out());
    write(".vforkcheck.yaml", "rules:\n  levels: {vfork-exit: warning}\n");
    Run lower = run("scan", "--color=never", f.toString());
    assertTrue(lower.out().contains(":8:9: note: the vfork() child calls exit()"), lower.out());
    write(".vforkcheck.yaml", "rules:\n  levels: {vfork-exit: {error: note}}\n");
    Run bad = run("scan", f.toString());
    assertEquals(2, bad.code());
    assertTrue(
        bad.err().contains("levels of vfork-exit take normal and error-path, not 'error'"),
        bad.err());
  }

  @Test
  void cleanScanExitsZero() throws IOException {
    Path f = write("good.c", GOOD);
    Run r = run("scan", f.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals("", r.out());
    assertTrue(r.err().contains("no problems found (1 file scanned)"), r.err());
  }

  @Test
  void failOnControlsTheExitCode() throws IOException {
    Path f = write("bad.c", BAD);
    assertEquals(0, run("scan", "--fail-on", "never", f.toString()).code());
    assertEquals(1, run("scan", "--fail-on", "error", f.toString()).code());
  }

  @Test
  void usageErrorsExitTwoWithAClearMessage() {
    Run missing = run("scan", dir.resolve("nope").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("no such file or directory"), missing.err());
    assertFalse(missing.err().contains("Exception"), missing.err());
    assertEquals(2, run("scan").code());
    assertEquals(2, run("frobnicate").code());
    assertEquals(2, run("scan", "--fail-on", "sometimes", dir.toString()).code());
    assertEquals(2, run("explain", "no-such-rule").code());
    assertEquals(2, run().code());
  }

  @Test
  void badFilesAreReportedAndTheRestIsScanned() throws IOException {
    write("a.c", BAD);
    write("b.c", "int broken( {\n");
    write("c.c", "");
    Files.write(dir.resolve("d.c"), new byte[] {1, 2, 0, 3});
    Run r = run("scan", "--color=never", dir.toString());
    assertEquals(1, r.code());
    assertTrue(r.out().contains("a.c:6:9: error"), r.out());
    assertTrue(r.err().contains("b.c:1:") && r.err().contains("syntax error"), r.err());
    assertTrue(r.err().contains("c.c:1:1: note: empty file"), r.err());
    assertTrue(r.err().contains("d.c:1:1: warning: binary file"), r.err());
    assertTrue(r.err().contains("(4 files scanned)"), r.err());
  }

  @Test
  void sitesListsEveryForkAndVforkWithTheChildSummary() throws IOException {
    Path f =
        write(
            "s.c",
            GOOD + "int daemonize(void) {\n  if (fork() > 0) _exit(0);\n  return setsid();\n}\n");
    Run r = run("sites", f.toString());
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals(2, lines.length, r.out());
    assertTrue(
        lines[0].endsWith("s.c:2:17: vfork in function spawn (result in pid); child: exec+_exit"),
        lines[0]);
    assertTrue(
        lines[1].endsWith(
            "s.c:9:7: fork in function daemonize (result not stored); child: may return"),
        lines[1]);
    assertTrue(r.err().contains("2 sites (1 vfork, 1 fork) in 1 file scanned"), r.err());
  }

  @Test
  void cfgPrintsTheGraphWithTheChildRegionMarked() throws IOException {
    Path f = write("g.c", GOOD);
    Run text = run("cfg", f.toString(), "--function", "spawn");
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().contains("[child] execv(argv[0], argv);"), text.out());
    assertTrue(text.out().contains("child: exec+_exit"), text.out());
    Run dot = run("cfg", f.toString(), "--format", "dot");
    assertTrue(dot.out().startsWith("digraph \"spawn\""), dot.out());
    assertEquals(2, run("cfg", f.toString(), "--function", "nope").code());
  }

  @Test
  void rulesAndExplain() {
    Run rules = run("rules");
    assertEquals(0, rules.code());
    assertTrue(rules.out().contains("vfork-exit"), rules.out());
    assertTrue(rules.out().contains("error"), rules.out());
    Run explain = run("explain", "vfork-exit");
    assertEquals(0, explain.code());
    assertTrue(explain.out().startsWith("# vfork-exit"), explain.out());
  }

  @Test
  void versionAndHelp() {
    Run v = run("--version");
    assertEquals(0, v.code());
    assertTrue(v.out().startsWith("vforkcheck "), v.out());
    Run h = run("--help");
    assertEquals(0, h.code());
    assertTrue(h.out().contains("Examples:"), h.out());
    assertTrue(run("scan", "--help").out().contains("--fail-on"));
  }

  @Test
  void severalFormatsEachWithItsOwnOutput() throws IOException {
    Path f = write("bad.c", BAD);
    Path sarif = dir.resolve("out/report.sarif");
    Path json = dir.resolve("report.json");
    Run r =
        run(
            "scan",
            "--color=never",
            "--format",
            "sarif",
            "-o",
            sarif.toString(),
            "--format",
            "json",
            "-o",
            json.toString(),
            "--format",
            "text",
            f.toString());
    assertEquals(1, r.code(), r.err());
    assertTrue(Files.readString(sarif).contains("\"version\" : \"2.1.0\""));
    assertTrue(Files.readString(json).contains("\"schemaVersion\" : 1"));
    assertTrue(r.out().contains("[vfork-stdio]"), r.out());
    try (var s = Files.list(sarif.getParent())) {
      assertEquals(
          List.of("report.sarif"),
          s.map(p -> p.getFileName().toString()).toList(),
          "no temporary file may be left behind");
    }
  }

  @Test
  void machineFormatOnStdoutKeepsStdoutClean() throws IOException {
    Path f = write("bad.c", BAD);
    write("broken.c", "int broken( {\n");
    Run r = run("scan", "--format", "json", dir.toString());
    assertEquals(1, r.code());
    assertTrue(r.out().startsWith("{"), r.out());
    assertTrue(r.out().contains("\"kind\" : \"syntax\""), r.out());
    assertFalse(r.err().contains("syntax error"), "diagnostics are inside the JSON: " + r.err());
    assertTrue(f.toFile().exists());
  }

  @Test
  void outputMistakesAreUsageErrors() throws IOException {
    Path f = write("bad.c", BAD);
    assertEquals(2, run("scan", "--format", "json", "--format", "sarif", f.toString()).code());
    Path same = dir.resolve("same");
    assertEquals(
        2,
        run(
                "scan",
                "--format",
                "json",
                "-o",
                same.toString(),
                "--format",
                "sarif",
                "-o",
                same.toString(),
                f.toString())
            .code());
    assertEquals(2, run("scan", "--format", "xml", f.toString()).code());
    assertEquals(2, run("scan", "--format", "json", "-o", dir.toString(), f.toString()).code());
  }

  @Test
  void sarifUrisAreRelativeToTheSourceRoot() throws IOException {
    Path src = Files.createDirectories(dir.resolve("proj/src"));
    Path f = src.resolve("bad.c");
    Files.writeString(f, BAD);
    Run r =
        run("scan", "--format", "sarif", "--srcroot", dir.resolve("proj").toString(), f.toString());
    assertTrue(r.out().contains("\"uri\" : \"src/bad.c\""), r.out());
    assertTrue(r.out().contains("\"uriBaseId\" : \"%SRCROOT%\""), r.out());
  }

  @Test
  void assumeSafeSilencesUnknownFunctions() throws IOException {
    Path f =
        write(
            "u.c",
            "void spawn(char **argv) {\n  if (vfork() == 0) {\n    set_title(argv[0]);\n"
                + "    execv(argv[0], argv);\n    _exit(127);\n  }\n}\n");
    Run plain = run("scan", "--color=never", f.toString());
    assertEquals(1, plain.code());
    assertTrue(
        plain.out().contains("set_title() [") || plain.out().contains("calls set_title()"),
        plain.out());
    assertTrue(plain.out().contains("--assume-safe set_title"), plain.out());
    Run assumed = run("scan", "--assume-safe", "set_title,other", f.toString());
    assertEquals(0, assumed.code(), assumed.out());
  }

  @Test
  void helpersInOtherFilesAreFollowed() throws IOException {
    write("util.c", "#include <stdlib.h>\nvoid die(const char *m) {\n  exit(1);\n}\n");
    write(
        "main.c",
        "void die(const char *m);\nvoid spawn(char **a) {\n  if (vfork() == 0) {\n    execv(a[0], a);\n"
            + "    die(\"exec\");\n  }\n}\n");
    Run r = run("scan", "--color=never", dir.toString());
    assertEquals(1, r.code());
    assertTrue(
        r.out()
            .contains(
                "main.c:5:5: warning: the vfork() child calls die(), which calls exit() (die() -> exit() at "),
        r.out());
    assertTrue(r.out().contains("util.c:3:3: note: calls exit()"), r.out());
  }

  private static final String PORTABLE =
      "#include <stdlib.h>\n#include <unistd.h>\n"
          + "int run(char **a) {\n"
          + "    pid_t pid = fork();\n"
          + "    if (pid < 0)\n"
          + "        return -1;\n"
          + "    if (pid == 0) {\n"
          + "        execvp(a[0], a);\n"
          + "        exit(127);\n"
          + "    }\n"
          + "    return pid;\n"
          + "}\n"
          + "void daemonize(void) {\n"
          + "    if (fork() > 0)\n"
          + "        _exit(0);\n"
          + "    setsid();\n"
          + "}\n";

  @Test
  void portPrintsTheVerdictOfEverySiteWithTotals() throws IOException {
    Path f = write("p.c", PORTABLE);
    write("v.c", GOOD);
    Run r = run("port", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("p.c:4:17: fork in function run: swap-safe after fixes"), r.out());
    assertTrue(
        r.out()
            .contains(
                "p.c:14:9: fork in function daemonize: needs restructuring (the child never calls exec"),
        r.out());
    assertTrue(r.out().contains("v.c:2:17: vfork in function spawn: vfork already"), r.out());
    assertTrue(
        r.out()
            .contains(
                "3 sites: 1 vfork already, 0 swap-safe, 1 swap-safe after fixes, 1 needs restructuring"),
        r.out());
    Run json = run("port", "--format", "json", f.toString());
    assertTrue(json.out().contains("\"verdict\" : \"swap-safe-after-fixes\""), json.out());
    assertTrue(json.out().contains("\"replacement\" : \"vfork\""), json.out());
    assertTrue(json.out().contains("\"needs-restructuring\" : 1"), json.out());
    Run sarif = run("port", "--format", "sarif", f.toString());
    assertTrue(sarif.out().contains("\"ruleId\" : \"fork-to-vfork\""), sarif.out());
    assertTrue(sarif.out().contains("\"ruleId\" : \"fork-no-exec\""), sarif.out());
  }

  @Test
  void fixAppliesOnlyWhenTheFileIsUnchanged() throws IOException {
    Path f = write("p.c", PORTABLE);
    Fixer fixer = new Fixer(dir);
    var edit =
        new dev.vforkcheck.model.TextEdit(
            new dev.vforkcheck.model.Location("p.c", 4, 17, 4, 21), "vfork");
    Fixer.Outcome stale = fixer.apply("p.c", List.of(edit), "0".repeat(64), true);
    assertTrue(stale.problem().contains("changed since it was analyzed"), stale.problem());
    assertEquals(PORTABLE, Files.readString(f));
    String hash = dev.vforkcheck.engine.Fingerprints.sha256(Files.readAllBytes(f));
    Fixer.Outcome ok = fixer.apply("p.c", List.of(edit), hash, true);
    assertEquals(null, ok.problem());
    assertEquals(PORTABLE.replace("pid = fork()", "pid = vfork()"), Files.readString(f));
    assertTrue(
        ok.diff().contains("-    pid_t pid = fork();\n+    pid_t pid = vfork();"), ok.diff());
  }

  @Test
  void fixOptionsAreChecked() throws IOException {
    Path f = write("p.c", PORTABLE);
    assertEquals(2, run("scan", "--fix", "--diff", f.toString()).code());
    assertEquals(2, run("scan", "--fix", "--fix-rule", "no-such-rule", f.toString()).code());
    Run fixed = run("scan", "--fix", "--fix-rule", "fork-to-vfork", "--color=never", f.toString());
    assertTrue(fixed.err().contains("applied 2 edits in 1 file"), fixed.err());
    assertTrue(
        Files.readString(f).contains("pid = vfork()")
            && Files.readString(f).contains("_exit(127)"));
    assertFalse(fixed.out().contains("[fork-to-vfork]"), fixed.out());
  }

  @Test
  void suppressedFindingsStayInSarifAndJson() throws IOException {
    Path f =
        write(
            "s.c",
            "void spawn(char **a) {\n  if (vfork() == 0) {\n"
                + "    printf(\"x\"); // vforkcheck: ignore[vfork-stdio] checked by hand\n"
                + "    execv(a[0], a);\n    _exit(127);\n  }\n}\n");
    Run text = run("scan", f.toString());
    assertEquals(0, text.code(), text.out());
    assertEquals("", text.out());
    Run sarif = run("scan", "--format", "sarif", f.toString());
    assertTrue(sarif.out().contains("\"suppressions\" : [ {"), sarif.out());
    assertTrue(sarif.out().contains("\"kind\" : \"inSource\""), sarif.out());
    assertTrue(sarif.out().contains("\"justification\" : \"checked by hand\""), sarif.out());
    Run json = run("scan", "--format", "json", f.toString());
    assertTrue(json.out().contains("\"suppressed\" : 1"), json.out());
  }
}
