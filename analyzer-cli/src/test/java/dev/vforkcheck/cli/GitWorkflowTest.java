package dev.vforkcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook in a real temporary git repository: install-hook writes .git/hooks/pre-commit, and `git
 * commit` runs it (through VFORKCHECK pointing at this build), so the commit is refused or accepted
 * as the staged content deserves.
 */
class GitWorkflowTest {
  private static final String CLEAN =
      "void spawn(char **a) {\n  if (vfork() == 0) {\n    execv(a[0], a);\n"
          + "    _exit(127);\n  }\n}\n";
  private static final String BAD =
      "void spawn(char **a) {\n  if (vfork() == 0) {\n    printf(\"start\\n\");\n"
          + "    execv(a[0], a);\n    _exit(127);\n  }\n}\n";
  private static final String SUPPRESSED =
      "void spawn(char **a) {\n  if (vfork() == 0) {\n"
          + "    printf(\"start\\n\"); // vforkcheck: ignore[vfork-stdio] unbuffered stderr copy, reviewed\n"
          + "    execv(a[0], a);\n    _exit(127);\n  }\n}\n";

  @TempDir Path repo;
  Path launcher;

  record Result(int code, String output) {}

  private Result run(Map<String, String> env, String... cmd)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", cmd));
    return new Result(p.exitValue(), out);
  }

  private Result git(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    return run(Map.of("VFORKCHECK", launcher.toString()), cmd.toArray(String[]::new));
  }

  @BeforeEach
  void repository() throws Exception {
    // a launcher for this build: the test's own class path
    launcher = Files.createTempFile("vforkcheck-test-", ".sh");
    Files.writeString(
        launcher,
        "#!/bin/sh\nexec \""
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "\" -cp \""
            + System.getProperty("java.class.path")
            + "\" dev.vforkcheck.cli.Main \"$@\"\n");
    launcher.toFile().setExecutable(true);
    assertEquals(0, git("init", "-q").code());
    git("config", "user.email", "dev@example.invalid");
    git("config", "user.name", "Dev");
    git("config", "commit.gpgsign", "false");
    Files.writeString(repo.resolve("README"), "test repository\n");
    git("add", "README");
    assertEquals(0, git("commit", "-q", "-m", "start").code());
    CliTest.Run installed =
        CliTest.run("install-hook", "--repo", repo.toString(), "--launcher", launcher.toString());
    assertEquals(0, installed.code(), installed.err());
    assertTrue(Files.readString(repo.resolve(".git/hooks/pre-commit")).contains("scan --staged"));
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(repo.resolve(name), text);
  }

  @Test
  void stagedScanKnowsWhatTheRestOfTheProjectDefines() throws Exception {
    // fatal() lives in a file that is not staged; only the project read shows that it never returns
    write(
        "util.h",
        "#ifndef UTIL_H\n#define UTIL_H\nvoid fatal(const char *m);\n#define CHILD_DONE() _exit(127)\n#endif\n");
    write(
        "util.c",
        "#include <stdlib.h>\n#include \"util.h\"\nvoid fatal(const char *m) {\n  (void)m;\n  exit(1);\n}\n");
    git("add", "util.h", "util.c");
    assertEquals(0, git("commit", "-q", "--no-verify", "-m", "util").code());
    write(
        "spawn.c",
        "#include <unistd.h>\n#include \"util.h\"\nint spawn(char **a) {\n  pid_t pid = fork();\n"
            + "  if (pid < 0)\n    fatal(\"fork\");\n  if (pid == 0) {\n    execv(a[0], a);\n    CHILD_DONE();\n  }\n"
            + "  return pid;\n}\n");
    git("add", "spawn.c");
    CliTest.Run staged = CliTest.run("scan", "--staged", "--fail-on", "never", repo.toString());
    CliTest.Run full = CliTest.run("scan", "--fail-on", "never", repo.toString());
    assertEquals(0, staged.code(), staged.err());
    assertEquals(
        findingsOf(full.out(), "spawn.c"),
        findingsOf(staged.out(), "spawn.c"),
        "staged:\n" + staged.out() + "\nfull:\n" + full.out());
    assertFalse(staged.out().contains("[fork-unchecked]"), staged.out());
    assertFalse(
        staged.out().contains("[fork-no-exec]"),
        "CHILD_DONE() from util.h ends the child: " + staged.out());
  }

  /**
   * "line:column rule" of every finding reported in {@code file}, whatever folder it was shown
   * under.
   */
  private static List<String> findingsOf(String report, String file) {
    List<String> out = new ArrayList<>();
    for (String line : report.split("\n")) {
      var m =
          java.util.regex.Pattern.compile(
                  "(?:^|/)"
                      + java.util.regex.Pattern.quote(file)
                      + ":(\\d+:\\d+): \\w+: .*(\\[[a-z-]+\\])$")
              .matcher(line);
      if (m.find()) {
        out.add(m.group(1) + " " + m.group(2));
      }
    }
    return out;
  }

  @Test
  void cleanCommitIsAccepted() throws Exception {
    write("spawn.c", CLEAN);
    git("add", "spawn.c");
    Result r = git("commit", "-m", "clean spawn");
    assertEquals(0, r.code(), r.output());
  }

  @Test
  void newMisuseIsRefusedWithTheFinding() throws Exception {
    write("spawn.c", BAD);
    git("add", "spawn.c");
    Result r = git("commit", "-m", "bad spawn");
    assertFalse(r.code() == 0, r.output());
    assertTrue(
        r.output().contains("spawn.c:3:5: error: the vfork() child calls printf()"), r.output());
    assertTrue(git("log", "--oneline").output().lines().count() == 1, "nothing was committed");
  }

  @Test
  void suppressedMisuseIsAccepted() throws Exception {
    write("spawn.c", SUPPRESSED);
    git("add", "spawn.c");
    Result r = git("commit", "-m", "reviewed spawn");
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().contains("1 suppressed"), r.output());
  }

  @Test
  void partlyStagedFilesAreJudgedAsTheyWillBeCommitted() throws Exception {
    write("spawn.c", CLEAN);
    git("add", "spawn.c");
    write("spawn.c", BAD); // the misuse is only in the working tree
    Result clean = git("commit", "-m", "clean part");
    assertEquals(0, clean.code(), clean.output());

    git("add", "spawn.c"); // now the misuse is staged...
    write("spawn.c", CLEAN); // ...and the working tree is clean again
    Result bad = git("commit", "-m", "bad part");
    assertFalse(bad.code() == 0, bad.output());
    assertTrue(bad.output().contains("[vfork-stdio]"), bad.output());
  }

  @Test
  void aForeignHookIsNotReplacedWithoutForce() throws Exception {
    Path hook = repo.resolve(".git/hooks/pre-commit");
    Files.writeString(hook, "#!/bin/sh\necho someone else's hook\n");
    CliTest.Run refused =
        CliTest.run("install-hook", "--repo", repo.toString(), "--launcher", launcher.toString());
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("--force"), refused.err());
    assertTrue(Files.readString(hook).contains("someone else's hook"));
    assertEquals(
        0,
        CliTest.run(
                "install-hook",
                "--repo",
                repo.toString(),
                "--launcher",
                launcher.toString(),
                "--force")
            .code());
    assertTrue(Files.readString(hook).contains(InstallHookCommand.MARKER));
  }

  @Test
  void diffBaseReportsOnlyChangedLinesAndBaselineOnlyNewFindings() throws Exception {
    String old = BAD.replace("spawn", "old_spawn");
    write("old.c", old);
    git("add", "old.c");
    git("-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "legacy code");
    write("new.c", BAD);
    CliTest.Run all = CliTest.run("scan", "--color=never", repo.toString());
    assertTrue(all.out().contains("old.c") && all.out().contains("new.c"), all.out());
    CliTest.Run changed =
        CliTest.run("scan", "--color=never", "--diff-base", "HEAD", repo.toString());
    assertFalse(changed.out().contains("old.c"), changed.out());
    assertTrue(changed.out().contains("new.c"), changed.out());

    Path base = repo.resolve("baseline.json");
    assertEquals(
        0, CliTest.run("scan", "--write-baseline", base.toString(), repo.toString()).code());
    write("old.c", "/* moved down */\n\n" + old);
    write("new2.c", BAD.replace("spawn", "newer_spawn"));
    CliTest.Run fresh =
        CliTest.run("scan", "--color=never", "--baseline", base.toString(), repo.toString());
    assertEquals(1, fresh.code());
    assertTrue(fresh.out().contains("new2.c"), fresh.out());
    assertFalse(
        fresh.out().contains("old.c:"), "moved findings stay in the baseline: " + fresh.out());
    assertTrue(fresh.err().contains("2 suppressed"), fresh.err());
  }

  @Test
  void configurationDisablesRulesChangesLevelsAndExcludesFiles() throws Exception {
    write("spawn.c", BAD);
    Files.createDirectories(repo.resolve("third_party"));
    write("third_party/lib.c", BAD);
    write(
        ".vforkcheck.yaml",
        "rules:\n  levels:\n    vfork-stdio: note\nexclude:\n  - \"third_party/**\"\n");
    CliTest.Run r = CliTest.run("scan", "--color=never", repo.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("spawn.c:3:5: note:"), r.out());
    assertFalse(r.out().contains("third_party"), r.out());
    write(".vforkcheck.yaml", "rules:\n  disable: [vfork-stdio]\n");
    assertEquals(0, CliTest.run("scan", "--color=never", repo.toString()).code());
    assertEquals(1, CliTest.run("scan", "--no-config", repo.toString()).code());
    write(".vforkcheck.yaml", "rules:\n  disable: [no-such-rule]\n");
    CliTest.Run bad = CliTest.run("scan", repo.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("unknown rule 'no-such-rule'"), bad.err());
  }
}
