package dev.vforkcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scan, sites, port and cfg go through one prepared run: the same configuration file (found upward,
 * named with --config, or ignored with --no-config), its {@code exclude}, {@code assume-safe} and
 * {@code defines}, and the same tree-wide function summaries.
 */
class PipelineTest {
  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  static Run run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private static List<String> args(String command, List<String> options, String... rest) {
    List<String> all = new ArrayList<>();
    all.add(command);
    all.addAll(options);
    all.addAll(List.of(rest));
    return all;
  }

  // The project: the configuration file excludes vendor/, assumes project_setup() safe and defines
  // USE_VFORK, which selects the vfork() branch of launch().

  private static final String CONFIG =
      """
            exclude: ["vendor/**"]
            assume-safe: [project_setup]
            defines: {USE_VFORK: "1"}
            """;

  private static final String RUN_C =
      """
            #include <stdlib.h>
            #include <unistd.h>
            void project_setup(void);

            int start(char **argv)
            {
                pid_t pid = vfork();
                if (pid == 0) {
                    project_setup();
                    execv(argv[0], argv);
                    _exit(127);
                }
                return pid;
            }

            int launch(char **argv)
            {
                pid_t pid;
            #if USE_VFORK
                pid = vfork();
            #else
                pid = fork();
            #endif
                if (pid == 0) {
                    execv(argv[0], argv);
                    exit(127);
                }
                return pid;
            }
            """;
  private static final int START_VFORK = 7;
  private static final int SETUP_CALL = 9;
  private static final int LAUNCH_VFORK = 20;
  private static final int LAUNCH_FORK = 22;
  private static final int LAUNCH_EXIT = 26;

  private static final String OLD_C =
      """
            #include <unistd.h>
            int old_spawn(char **argv)
            {
                pid_t pid = fork();
                if (pid == 0) {
                    execv(argv[0], argv);
                    _exit(127);
                }
                return pid;
            }
            """;
  private static final int OLD_FORK = 4;

  /** Writes the project under {@code root} with its configuration file named {@code configName}. */
  private static Path project(Path root, String configName) throws IOException {
    Files.createDirectories(root.resolve("src"));
    Files.createDirectories(root.resolve("vendor"));
    Files.writeString(root.resolve("src/run.c"), RUN_C);
    Files.writeString(root.resolve("vendor/old.c"), OLD_C);
    Files.writeString(root.resolve(configName), CONFIG);
    return root;
  }

  /** What the four commands say about a project. */
  record Views(JsonNode scan, List<String> sites, JsonNode port, Run cfgRun, Run cfgOld) {}

  /**
   * Runs the four commands on {@code root} with the same options; {@code --variants none}, so that
   * the branch the macros do not take is not analyzed in a configuration of its own, and a site is
   * there only when the configuration file's (or no) defines select it.
   */
  private static Views views(Path root, List<String> options) throws IOException {
    List<String> opts = new ArrayList<>(List.of("--variants", "none"));
    opts.addAll(options);
    String tree = root.toString();
    Run scan = run(args("scan", opts, "--format", "json", "--fail-on", "never", tree));
    assertEquals(0, scan.code(), scan.toString());
    Run sites = run(args("sites", opts, tree));
    assertEquals(0, sites.code(), sites.toString());
    Run port = run(args("port", opts, "--format", "json", tree));
    assertEquals(0, port.code(), port.toString());
    Run cfg = run(args("cfg", opts, root.resolve("src/run.c").toString()));
    assertEquals(0, cfg.code(), cfg.toString());
    Run cfgOld = run(args("cfg", opts, root.resolve("vendor/old.c").toString()));
    List<String> siteLines = sites.out().lines().toList();
    return new Views(JSON.readTree(scan.out()), siteLines, JSON.readTree(port.out()), cfg, cfgOld);
  }

  private static String at(Path root, String rel, int line) {
    return root.resolve(rel).toString() + ":" + line + ":";
  }

  /** Every finding as {@code path:line: rule}, for messages and searches. */
  private static List<String> findings(JsonNode scan) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : scan.path("findings")) {
      out.add(
          f.path("location").path("path").asText()
              + ":"
              + f.path("location").path("line").asInt()
              + ": "
              + f.path("ruleId").asText());
    }
    return out;
  }

  private static JsonNode portSite(JsonNode port, Path root, String rel, int line) {
    for (JsonNode s : port.path("sites")) {
      if (s.path("path").asText().equals(root.resolve(rel).toString())
          && s.path("line").asInt() == line) {
        return s;
      }
    }
    return null;
  }

  /**
   * The configuration file was read: vendor/ is excluded, project_setup is safe, USE_VFORK is 1.
   */
  private static void assertHonoured(Path root, Views v) {
    String vendor = root.resolve("vendor").toString();
    String all = v.scan() + "\n" + v.sites() + "\n" + v.port() + "\n" + v.cfgRun().out();
    // exclude: the vendor file is in no report, and cfg refuses it
    assertFalse(all.contains(vendor), "an excluded file is reported:\n" + all);
    assertEquals(
        1, v.scan().path("stats").path("filesScanned").asInt(), v.scan().path("stats").toString());
    assertEquals(2, v.cfgOld().code(), v.cfgOld().toString());
    assertTrue(v.cfgOld().err().contains("excluded"), v.cfgOld().toString());

    // assume-safe: no vfork-unsafe-call for project_setup(), and port calls start()'s child clean
    List<String> findings = findings(v.scan());
    assertFalse(
        findings.contains(root.resolve("src/run.c") + ":" + SETUP_CALL + ": vfork-unsafe-call"),
        findings.toString());
    assertTrue(
        findings.stream().noneMatch(f -> f.endsWith("vfork-unsafe-call")), findings.toString());
    JsonNode start = portSite(v.port(), root, "src/run.c", START_VFORK);
    assertNotNull(start, v.port().toString());
    assertEquals("vfork-already", start.path("verdict").asText());
    assertEquals("already vfork(); its child is clean", start.path("reason").asText());

    // defines: launch() calls vfork(), in the default configuration, in every view
    String runC = root.resolve("src/run.c").toString();
    assertEquals(List.of(runC + ":" + LAUNCH_EXIT + ": vfork-exit"), findings, "scan: " + v.scan());
    JsonNode exit = v.scan().path("findings").get(0);
    assertEquals(
        LAUNCH_VFORK,
        exit.path("steps").get(0).path("location").path("line").asInt(),
        exit.toString());
    assertFalse(exit.has("configurations"), exit.toString());
    assertEquals(2, v.sites().size(), v.sites().toString());
    assertTrue(
        v.sites().get(0).startsWith(at(root, "src/run.c", START_VFORK))
            && v.sites()
                .get(0)
                .contains(": vfork in function start (result in pid); child: exec+_exit"),
        v.sites().toString());
    assertTrue(
        v.sites().get(1).startsWith(at(root, "src/run.c", LAUNCH_VFORK))
            && v.sites().get(1).contains(": vfork in function launch (result in pid); child: "),
        v.sites().toString());
    assertFalse(
        v.sites().get(1).endsWith("]"),
        "the #if branch is the default configuration: " + v.sites());
    JsonNode launch = portSite(v.port(), root, "src/run.c", LAUNCH_VFORK);
    assertNotNull(launch, v.port().toString());
    assertEquals("vfork", launch.path("kind").asText());
    assertEquals(
        "already vfork(); its child has 1 problem(s) reported by the vfork rules",
        launch.path("reason").asText());
    assertNull(portSite(v.port(), root, "src/run.c", LAUNCH_FORK), v.port().toString());
    assertEquals(2, v.port().path("sites").size(), v.port().toString());
    String cfg = v.cfgRun().out();
    assertTrue(
        cfg.contains(
            "  vfork at line " + START_VFORK + ": child: exec+_exit; port: vfork already\n"),
        cfg);
    assertTrue(cfg.contains("  vfork at line " + LAUNCH_VFORK + ": child: "), cfg);
    assertFalse(cfg.contains("fork at line " + LAUNCH_FORK), cfg);
  }

  /**
   * No configuration file was read: vendor/ is scanned, project_setup is unknown, USE_VFORK is
   * undefined.
   */
  private static void assertIgnored(Path root, Views v) {
    String runC = root.resolve("src/run.c").toString();
    String oldC = root.resolve("vendor/old.c").toString();
    List<String> findings = findings(v.scan());
    // not excluded: vendor/old.c is scanned, listed, judged, and cfg shows it
    assertEquals(
        2, v.scan().path("stats").path("filesScanned").asInt(), v.scan().path("stats").toString());
    assertTrue(findings.contains(oldC + ":" + OLD_FORK + ": fork-to-vfork"), findings.toString());
    assertTrue(
        v.sites().stream()
            .anyMatch(
                l ->
                    l.startsWith(at(root, "vendor/old.c", OLD_FORK))
                        && l.contains(": fork in function old_spawn")),
        v.sites().toString());
    JsonNode old = portSite(v.port(), root, "vendor/old.c", OLD_FORK);
    assertNotNull(old, v.port().toString());
    assertEquals("swap-safe", old.path("verdict").asText());
    assertEquals(0, v.cfgOld().code(), v.cfgOld().toString());
    assertTrue(
        v.cfgOld()
            .out()
            .contains("  fork at line " + OLD_FORK + ": child: exec+_exit; port: swap-safe\n"),
        v.cfgOld().toString());

    // not assumed safe: project_setup() is an unknown call in start()'s vfork child
    assertTrue(
        findings.contains(runC + ":" + SETUP_CALL + ": vfork-unsafe-call"), findings.toString());
    JsonNode start = portSite(v.port(), root, "src/run.c", START_VFORK);
    assertNotNull(start, v.port().toString());
    assertEquals(
        "already vfork(); its child has 1 problem(s) reported by the vfork rules",
        start.path("reason").asText());

    // USE_VFORK undefined: launch() calls fork(), and its vfork() is in no view
    assertTrue(
        findings.contains(runC + ":" + LAUNCH_EXIT + ": fork-child-exit"), findings.toString());
    assertTrue(
        findings.contains(runC + ":" + LAUNCH_FORK + ": fork-to-vfork"), findings.toString());
    assertFalse(findings.contains(runC + ":" + LAUNCH_EXIT + ": vfork-exit"), findings.toString());
    assertTrue(
        v.sites().stream()
            .anyMatch(
                l ->
                    l.startsWith(at(root, "src/run.c", LAUNCH_FORK))
                        && l.contains(": fork in function launch")),
        v.sites().toString());
    assertTrue(
        v.sites().stream().noneMatch(l -> l.startsWith(at(root, "src/run.c", LAUNCH_VFORK))),
        v.sites().toString());
    JsonNode launch = portSite(v.port(), root, "src/run.c", LAUNCH_FORK);
    assertNotNull(launch, v.port().toString());
    assertEquals("swap-safe-after-fixes", launch.path("verdict").asText());
    assertNull(portSite(v.port(), root, "src/run.c", LAUNCH_VFORK), v.port().toString());
    String cfg = v.cfgRun().out();
    assertTrue(cfg.contains("  fork at line " + LAUNCH_FORK + ": child: "), cfg);
    assertTrue(cfg.contains("; port: swap-safe after fixes\n"), cfg);
    assertFalse(cfg.contains("vfork at line " + LAUNCH_VFORK), cfg);
    assertTrue(
        cfg.contains(
            "  vfork at line " + START_VFORK + ": child: exec+_exit; port: vfork already\n"),
        cfg);
  }

  private static void assertNull(Object o, String message) {
    assertEquals(null, o, message);
  }

  @Test
  void theConfigurationFileFoundUpwardIsHonouredByAllFourCommands() throws IOException {
    Path root = project(dir.resolve("found"), ".vforkcheck.yaml");
    assertHonoured(root, views(root, List.of()));
  }

  @Test
  void noConfigMakesAllFourCommandsIgnoreIt() throws IOException {
    Path root = project(dir.resolve("ignored"), ".vforkcheck.yaml");
    assertIgnored(root, views(root, List.of("--no-config")));
  }

  @Test
  void configFileIsHonouredByAllFourCommands() throws IOException {
    Path root = project(dir.resolve("named"), "vforkcheck-ci.yaml");
    // not a name that is looked for: without --config nothing reads it
    assertIgnored(root, views(root, List.of()));
    assertHonoured(
        root, views(root, List.of("--config", root.resolve("vforkcheck-ci.yaml").toString())));
  }

  // Two files: the children end inside helpers defined in the other file, so how each child ends
  // (the sites and cfg summaries) depends on the summaries of the whole tree.

  private static final String HELPERS_C =
      """
            #include <stdio.h>
            #include <stdlib.h>
            #include <unistd.h>

            void exec_or_die(char **argv)
            {
                execv(argv[0], argv);
                _exit(127);
            }

            void die(const char *what)
            {
                perror(what);
                exit(1);
            }
            """;

  private static final String MAIN_C =
      """
            #include <unistd.h>
            void exec_or_die(char **argv);
            void die(const char *what);

            int spawn(char **argv)
            {
                pid_t pid = vfork();
                if (pid == 0)
                    exec_or_die(argv);
                return pid;
            }

            int spawn_forked(char **argv)
            {
                pid_t pid = fork();
                if (pid == 0) {
                    execv(argv[0], argv);
                    die("execv");
                }
                return pid;
            }

            int spawn_checked(char **argv)
            {
                pid_t pid = vfork();
                if (pid < 0)
                    die("vfork");
                if (pid == 0)
                    exec_or_die(argv);
                return pid;
            }
            """;

  private static final Pattern SITE_LINE =
      Pattern.compile(
          "^(.+):(\\d+):(\\d+): (fork|vfork) in function (\\S+) "
              + "\\((result .*)\\); child: (.*?)(?: \\[([^\\]]*)\\])?$");
  private static final Pattern CFG_SITE_LINE =
      Pattern.compile("^  (\\S+) at line (\\d+): child: (.*); port: (.*)$");

  @Test
  void cfgShowsTheChildSummaryOfSitesForEverySiteWithTreeWideSummaries() throws IOException {
    Path root = dir.resolve("two");
    Files.createDirectories(root);
    Files.writeString(root.resolve("helpers.c"), HELPERS_C);
    Path main = root.resolve("main.c");
    Files.writeString(main, MAIN_C);
    Files.writeString(
        root.resolve(".vforkcheck.yaml"), "# the project root: cfg FILE reads the whole tree\n");

    Run sites = run(List.of("sites", root.toString()));
    assertEquals(0, sites.code(), sites.toString());
    Run port = run(List.of("port", "--format", "json", root.toString()));
    assertEquals(0, port.code(), port.toString());
    Map<Integer, String> expected = new TreeMap<>();
    for (String line : sites.out().lines().toList()) {
      Matcher m = SITE_LINE.matcher(line);
      assertTrue(m.matches(), line);
      assertEquals(main.toString(), m.group(1), line);
      JsonNode p =
          portSite(JSON.readTree(port.out()), root, "main.c", Integer.parseInt(m.group(2)));
      assertNotNull(p, port.out());
      expected.put(
          Integer.parseInt(m.group(2)),
          m.group(4) + ": child: " + m.group(7) + "; port: " + label(p.path("verdict").asText()));
    }
    // the helpers end the children: the summaries come from the other file
    assertEquals(
        Map.of(
            7,
            "vfork: child: exec+_exit; port: vfork already",
            15,
            "fork: child: exit(); port: swap-safe after fixes",
            25,
            "vfork: child: exec+_exit; port: vfork already"),
        expected,
        sites.out() + port.out());
    assertTrue(sites.err().contains("3 child path endings inside helpers"), sites.err());

    Run cfg = run(List.of("cfg", main.toString()));
    assertEquals(0, cfg.code(), cfg.toString());
    Map<Integer, String> shown = new TreeMap<>();
    for (String line : cfg.out().lines().toList()) {
      Matcher m = CFG_SITE_LINE.matcher(line);
      if (m.matches()) {
        shown.put(
            Integer.parseInt(m.group(2)),
            m.group(1) + ": child: " + m.group(3) + "; port: " + m.group(4));
      }
    }
    assertEquals(expected, shown, cfg.out());

    // the same file alone (no project, no helper bodies) ends differently: the summaries mattered
    Run alone = run(List.of("cfg", "--no-config", main.toString()));
    assertEquals(0, alone.code(), alone.toString());
    assertFalse(alone.out().contains("  vfork at line 7: child: exec+_exit;"), alone.out());
  }

  private static String label(String verdictId) {
    return switch (verdictId) {
      case "vfork-already" -> "vfork already";
      case "swap-safe-after-fixes" -> "swap-safe after fixes";
      case "needs-restructuring" -> "needs restructuring";
      default -> verdictId;
    };
  }
}
