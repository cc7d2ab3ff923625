package dev.vforkcheck.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan}, {@code sites}, {@code port} and {@code cfg} go through one prepared run, so on the
 * same input they must tell the same story. For every corpus case (a single {@code .c} file, or a
 * whole {@code .tree} folder with its {@code options}) this runs the four commands and checks that:
 *
 * <ul>
 *   <li>{@code sites} and {@code port} list the same sites (path:line:col, kind, function,
 *       configurations);
 *   <li>a fork site has a {@code fork-to-vfork} finding at its location iff its verdict is
 *       swap-safe or swap-safe after fixes, and a {@code fork-no-exec} finding iff {@code
 *       childNeverExecs}; those two rules report nothing anywhere else;
 *   <li>a vfork site whose port reason says its child is clean has no {@code vfork-*} finding whose
 *       path starts at that site; one said to have N problems has some, and when it is the only
 *       vfork site of its file, at most N;
 *   <li>port's totals are the counts of its sites' verdicts, and the summary lines count what is
 *       listed;
 *   <li>{@code cfg FILE} prints, for every site of the file, the child summary {@code sites} prints
 *       and the verdict label {@code port} gives.
 * </ul>
 *
 * A small fixture written at run time joins the corpus: one fork() and one vfork() site whose
 * children differ between configurations. Every disagreement is collected and the test fails once
 * with the list, except the ones in {@link #KNOWN} (bugs reported, not yet fixed), which are
 * printed on every run and fail the test once they are gone.
 */
class CommandsAgreeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SITE_LINE =
      Pattern.compile(
          "^(.+?):(\\d+):(\\d+): (fork|vfork) in function (\\S+) \\((result .*)\\); child: (.*?)(?: \\[([^\\]]*)\\])?$");
  private static final Pattern SITES_SUMMARY =
      Pattern.compile("^(\\d+) sites? \\((\\d+) vfork, (\\d+) fork\\)");
  private static final Pattern CFG_SITE_LINE =
      Pattern.compile("^  (\\S+) at line (\\d+): child: (.*); port: (.*)$");
  private static final Pattern VFORK_PROBLEMS =
      Pattern.compile(
          "^already vfork\\(\\); its child has (\\d+) problem\\(s\\) reported by the vfork rules"
              + "(?: \\(in [^)]+\\))?$");
  private static final String CLEAN = "already vfork(); its child is clean";

  /**
   * An empty project root for single-file cases: each is analyzed alone, as the corpus harness
   * does.
   */
  @TempDir static Path emptyProject;

  /**
   * One corpus case: what it is called and the arguments (options, then paths) every command gets.
   */
  record Unit(
      String name,
      List<String> options,
      List<Path> paths,
      List<Path> cfgFiles,
      List<String> cfgOptions) {}

  /** One site as {@code sites} or {@code port} lists it. */
  record Site(
      String path,
      int line,
      int column,
      String kind,
      String function,
      List<String> configurations) {
    String key() {
      return path + ":" + line + ":" + column;
    }

    @Override
    public String toString() {
      return key()
          + " "
          + kind
          + " in "
          + function
          + (configurations.isEmpty() ? "" : " " + configurations);
    }
  }

  /**
   * A disagreement known today (a bug in the commands, reported, not fixed in this test): it is
   * listed on every run and does not fail the test while it is still there; once it is gone, the
   * test fails so that the entry is removed, as {@code todo-expect:} works in the corpus.
   *
   * @param unit the case it shows up in
   * @param parts what the disagreement's text contains
   * @param why the cause
   */
  record Known(String unit, List<String> parts, String why) {
    boolean matches(String unitName, String problem) {
      return unit.equals(unitName) && parts.stream().allMatch(problem::contains);
    }
  }

  /**
   * None today: cfg shows the sites of every configuration, and a site's verdict is the worst one.
   */
  private static final List<Known> KNOWN = List.of();

  /**
   * Not a corpus case: the same fork() site is a blocker in the default configuration and swap-safe
   * in {@code QUIET}; the same vfork() child is clean by default and prints in {@code VERBOSE}.
   */
  private static final String CONFIGURATIONS_FIXTURE =
      """
            #include <stdio.h>
            #include <unistd.h>

            int start(char **argv)
            {
                pid_t pid = fork();
                if (pid == 0) {
            #ifndef QUIET
                    printf("starting\\n");
                    execv(argv[0], argv);
            #else
                    execv(argv[0], argv);
            #endif
                    _exit(127);
                }
                return pid;
            }

            int run(char **argv)
            {
                pid_t pid = vfork();
                if (pid == 0) {
            #ifdef VERBOSE
                    printf("starting\\n");
                    execv(argv[0], argv);
            #else
                    execv(argv[0], argv);
            #endif
                    _exit(127);
                }
                return pid;
            }
            """;

  /** Where the fixtures are written. */
  @TempDir static Path fixtures;

  @Test
  void scanSitesPortAndCfgAgreeOnEveryCase() throws IOException {
    long start = System.nanoTime();
    List<Unit> units = new ArrayList<>(units());
    assertTrue(units.size() >= 100, "expected the whole corpus, found " + units.size() + " cases");
    Path fixture = fixtures.resolve("configurations.c");
    Files.writeString(fixture, CONFIGURATIONS_FIXTURE);
    List<String> alone = List.of("--project-root", emptyProject.toString());
    units.add(
        new Unit("fixture configurations.c", alone, List.of(fixture), List.of(fixture), alone));

    List<String> unexpected = new ArrayList<>();
    List<String> known = new ArrayList<>();
    int[] seen = new int[KNOWN.size()];
    for (Unit u : units) {
      List<String> problems = new ArrayList<>();
      try {
        check(u, problems);
      } catch (Exception | AssertionError e) {
        problems.add(u.name() + ": " + e);
      }
      for (String p : problems) {
        int k = 0;
        while (k < KNOWN.size() && !KNOWN.get(k).matches(u.name(), p)) {
          k++;
        }
        if (k < KNOWN.size()) {
          seen[k]++;
          known.add(p + "\n      known: " + KNOWN.get(k).why());
        } else {
          unexpected.add(p);
        }
      }
    }
    for (int k = 0; k < KNOWN.size(); k++) {
      if (seen[k] == 0) {
        unexpected.add(
            KNOWN.get(k).unit()
                + ": the known disagreement "
                + KNOWN.get(k).parts()
                + " is gone: remove it from CommandsAgreeTest.KNOWN");
      }
    }
    System.out.printf(
        "commands agree: %d cases in %d ms; %d known disagreement(s)%s%n",
        units.size(),
        (System.nanoTime() - start) / 1_000_000,
        known.size(),
        known.isEmpty() ? "" : ":\n  " + String.join("\n  ", known));
    if (!unexpected.isEmpty()) {
      fail(
          unexpected.size()
              + " disagreement(s) between scan, sites, port and cfg:\n  "
              + String.join("\n  ", unexpected));
    }
  }

  /** Every single-file case, then every tree. */
  private static List<Unit> units() {
    List<Unit> units = new ArrayList<>();
    List<Path> trees = new ArrayList<>();
    try (Stream<Path> s = Files.walk(Corpus.CASES)) {
      for (Path p : s.sorted().toList()) {
        if (Files.isDirectory(p) && p.getFileName().toString().endsWith(".tree")) {
          trees.add(p);
        } else if (p.toString().endsWith(".c") && !Corpus.isInTree(p)) {
          List<String> opts = List.of("--project-root", emptyProject.toString());
          units.add(new Unit(p.toString(), opts, List.of(p), List.of(p), opts));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path tree : trees) {
      List<String> opts = treeOptions(tree);
      List<Path> cfgFiles;
      try (Stream<Path> s = Files.walk(tree)) {
        cfgFiles = s.filter(f -> f.toString().endsWith(".c")).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      List<String> cfgOpts = new ArrayList<>(opts);
      cfgOpts.add("--project-root");
      cfgOpts.add(tree.toString());
      units.add(new Unit(tree.toString(), opts, List.of(tree), cfgFiles, cfgOpts));
    }
    return units;
  }

  /** The tree's {@code options} file, as {@link Corpus} reads it. */
  private static List<String> treeOptions(Path tree) {
    Path options = tree.resolve("options");
    if (!Files.isRegularFile(options)) {
      return List.of();
    }
    try {
      return Files.readAllLines(options).stream()
          .map(String::strip)
          .filter(l -> !l.isEmpty())
          .filter(l -> !l.startsWith("#"))
          .map(l -> l.replace("${tree}", tree.toAbsolutePath().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Cli.Run run(String command, List<String> extra, Unit u) {
    List<String> args = new ArrayList<>();
    args.add(command);
    args.addAll(extra);
    args.addAll(u.options());
    u.paths().forEach(p -> args.add(p.toString()));
    return Cli.run(args.toArray(String[]::new));
  }

  private static void check(Unit u, List<String> problems) throws IOException {
    String at = u.name() + ": ";
    Cli.Run scanRun = run("scan", List.of("--format", "json", "--fail-on", "never"), u);
    Cli.Run sitesRun = run("sites", List.of(), u);
    Cli.Run portRun = run("port", List.of("--format", "json"), u);
    for (var e : Map.of("scan", scanRun, "sites", sitesRun, "port", portRun).entrySet()) {
      if (e.getValue().code() != 0) {
        problems.add(
            at + e.getKey() + " exited " + e.getValue().code() + ": " + e.getValue().err().strip());
      }
    }
    if (scanRun.code() != 0 || sitesRun.code() != 0 || portRun.code() != 0) {
      return;
    }

    // sites
    List<Site> listed = new ArrayList<>();
    Map<String, String> summaries = new LinkedHashMap<>();
    for (String line : sitesRun.out().split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      Matcher m = SITE_LINE.matcher(line);
      if (!m.matches()) {
        problems.add(at + "sites printed a line that is not a site: " + line);
        continue;
      }
      Site s =
          new Site(
              m.group(1),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              m.group(4),
              m.group(5),
              m.group(8) == null ? List.of() : List.of(m.group(8).split(", ")));
      listed.add(s);
      summaries.put(s.key(), m.group(7));
    }
    checkSitesSummary(at, sitesRun.err(), listed, problems);

    // port
    JsonNode port = JSON.readTree(portRun.out());
    List<Site> advised = new ArrayList<>();
    Map<String, JsonNode> verdicts = new LinkedHashMap<>();
    Map<String, Integer> counted = new TreeMap<>();
    for (JsonNode n : port.path("sites")) {
      List<String> configs = new ArrayList<>();
      n.path("configurations").forEach(c -> configs.add(c.asText()));
      Site s =
          new Site(
              n.path("path").asText(),
              n.path("line").asInt(),
              n.path("column").asInt(),
              n.path("kind").asText(),
              n.path("function").asText(),
              configs);
      advised.add(s);
      verdicts.put(s.key(), n);
      counted.merge(n.path("verdict").asText(), 1, Integer::sum);
    }
    if (!sorted(listed).equals(sorted(advised))) {
      problems.add(
          at
              + "sites and port list different sites:\n      sites: "
              + sorted(listed)
              + "\n      port:  "
              + sorted(advised));
    }
    Map<String, Integer> totals = new TreeMap<>();
    port.path("totals")
        .properties()
        .forEach(
            e -> {
              if (e.getValue().asInt() != 0) {
                totals.put(e.getKey(), e.getValue().asInt());
              }
            });
    if (!totals.equals(counted)) {
      problems.add(at + "port totals " + totals + " but its sites have the verdicts " + counted);
    }

    // scan
    JsonNode scan = JSON.readTree(scanRun.out());
    Map<String, Integer> toVfork = new TreeMap<>();
    Map<String, Integer> noExec = new TreeMap<>();
    Map<String, List<JsonNode>> vforkFindingsBySite = new TreeMap<>();
    Map<String, Integer> vforkFindingsByPath = new TreeMap<>();
    for (JsonNode f : scan.path("findings")) {
      String rule = f.path("ruleId").asText();
      String loc = key(f.path("location"));
      if (rule.equals("fork-to-vfork")) {
        toVfork.merge(loc, 1, Integer::sum);
      } else if (rule.equals("fork-no-exec")) {
        noExec.merge(loc, 1, Integer::sum);
      } else if (rule.startsWith("vfork-")) {
        vforkFindingsByPath.merge(f.path("location").path("path").asText(), 1, Integer::sum);
        java.util.Set<String> stepSites = new java.util.LinkedHashSet<>();
        for (JsonNode step : f.path("steps")) {
          stepSites.add(key(step.path("location")));
        }
        for (String k : stepSites) {
          vforkFindingsBySite.computeIfAbsent(k, x -> new ArrayList<>()).add(f);
        }
      }
    }
    Map<String, Integer> vforkSitesByPath = new TreeMap<>();
    advised.stream()
        .filter(s -> s.kind().equals("vfork"))
        .forEach(s -> vforkSitesByPath.merge(s.path(), 1, Integer::sum));
    for (Site s : advised) {
      JsonNode v = verdicts.get(s.key());
      String verdict = v.path("verdict").asText();
      String reason = v.path("reason").asText();
      boolean neverExecs = v.path("childNeverExecs").asBoolean();
      int swaps = toVfork.getOrDefault(s.key(), 0);
      int noExecs = noExec.getOrDefault(s.key(), 0);
      if (s.kind().equals("fork")) {
        boolean swappable = verdict.equals("swap-safe") || verdict.equals("swap-safe-after-fixes");
        if (swappable != (swaps > 0) || swaps > 1) {
          problems.add(
              at
                  + s
                  + ": port says "
                  + verdict
                  + " ("
                  + reason
                  + ") but scan reports "
                  + swaps
                  + " fork-to-vfork finding(s) there"
                  + configsOf(scan, "fork-to-vfork", s));
        }
        if (neverExecs != (noExecs > 0) || noExecs > 1) {
          problems.add(
              at
                  + s
                  + ": port says childNeverExecs="
                  + neverExecs
                  + " ("
                  + reason
                  + ") but scan reports "
                  + noExecs
                  + " fork-no-exec finding(s) there"
                  + configsOf(scan, "fork-no-exec", s));
        }
      } else {
        if (swaps + noExecs > 0 || neverExecs || !verdict.equals("vfork-already")) {
          problems.add(
              at
                  + s
                  + ": a vfork site with verdict "
                  + verdict
                  + ", childNeverExecs="
                  + neverExecs
                  + ", "
                  + swaps
                  + " fork-to-vfork and "
                  + noExecs
                  + " fork-no-exec finding(s)");
        }
        List<JsonNode> own = vforkFindingsBySite.getOrDefault(s.key(), List.of());
        Matcher m = VFORK_PROBLEMS.matcher(reason);
        if (reason.equals(CLEAN)) {
          if (!own.isEmpty()) {
            problems.add(
                at
                    + s
                    + ": port says \""
                    + reason
                    + "\" but scan reports "
                    + own.size()
                    + " vfork finding(s) whose path starts there: "
                    + describe(own));
          }
        } else if (m.matches()) {
          int n = Integer.parseInt(m.group(1));
          boolean alone = vforkSitesByPath.get(s.path()) == 1;
          int inFile = vforkFindingsByPath.getOrDefault(s.path(), 0);
          if (own.isEmpty() && (alone || inFile == 0)) {
            problems.add(
                at + s + ": port says \"" + reason + "\" but scan reports no vfork finding for it");
          } else if (alone && inFile > n) {
            problems.add(
                at
                    + s
                    + ": port says \""
                    + reason
                    + "\" but scan reports "
                    + inFile
                    + " vfork findings in its file, which has no other vfork site");
          }
        } else {
          problems.add(at + s + ": unexpected reason for a vfork site: " + reason);
        }
      }
    }
    List<String> siteKeys = advised.stream().map(Site::key).toList();
    for (String k : toVfork.keySet()) {
      if (!siteKeys.contains(k)) {
        problems.add(at + "scan reports fork-to-vfork at " + k + ", which is not a site of port");
      }
    }
    for (String k : noExec.keySet()) {
      if (!siteKeys.contains(k)) {
        problems.add(at + "scan reports fork-no-exec at " + k + ", which is not a site of port");
      }
    }
    if (scan.path("stats").path("sites").asInt() != listed.size()) {
      problems.add(
          at
              + "scan's stats count "
              + scan.path("stats").path("sites").asInt()
              + " sites, sites lists "
              + listed.size());
    }

    // cfg, file by file
    for (Path file : u.cfgFiles()) {
      List<String> args = new ArrayList<>(List.of("cfg"));
      args.addAll(u.cfgOptions());
      args.add(file.toString());
      Cli.Run cfg = Cli.run(args.toArray(String[]::new));
      String shown = file.toString().replace('\\', '/');
      boolean hasSites = advised.stream().anyMatch(s -> s.path().equals(shown));
      if (cfg.code() != 0) {
        if (hasSites || !cfg.err().contains("no function definitions")) {
          problems.add(at + "cfg " + file + " exited " + cfg.code() + ": " + cfg.err().strip());
        }
        continue;
      }
      Map<Integer, List<String>> fromCfg = new TreeMap<>();
      for (String line : cfg.out().split("\n")) {
        Matcher m = CFG_SITE_LINE.matcher(line);
        if (m.matches()) {
          fromCfg
              .computeIfAbsent(Integer.parseInt(m.group(2)), k -> new ArrayList<>())
              .add("child: " + m.group(3) + "; port: " + m.group(4));
        }
      }
      for (Site s : advised) {
        if (!s.path().equals(shown)) {
          continue;
        }
        String want =
            "child: "
                + summaries.get(s.key())
                + "; port: "
                + label(verdicts.get(s.key()).path("verdict").asText());
        List<String> shownAtLine = fromCfg.getOrDefault(s.line(), new ArrayList<>());
        if (!shownAtLine.remove(want)) {
          problems.add(
              at
                  + (shownAtLine.isEmpty()
                      ? "cfg does not show the site at "
                          + s.key()
                          + " ("
                          + s.kind()
                          + ", configurations "
                          + (s.configurations().isEmpty() ? "[default]" : s.configurations())
                          + ")"
                      : "cfg shows the site at "
                          + s.key()
                          + " as "
                          + shownAtLine
                          + ", sites and port say ["
                          + want
                          + "]"));
        }
      }
      fromCfg.forEach(
          (line, rest) ->
              rest.forEach(
                  r ->
                      problems.add(
                          at
                              + "cfg shows a site at "
                              + shown
                              + " line "
                              + line
                              + " that sites and port do not"
                              + " list: "
                              + r)));
    }
  }

  /** The stderr summary of {@code sites} counts what it listed. */
  private static void checkSitesSummary(
      String at, String err, List<Site> listed, List<String> problems) {
    for (String line : err.split("\n")) {
      Matcher m = SITES_SUMMARY.matcher(line);
      if (m.find()) {
        long vforks = listed.stream().filter(s -> s.kind().equals("vfork")).count();
        if (Integer.parseInt(m.group(1)) != listed.size()
            || Integer.parseInt(m.group(2)) != vforks
            || Integer.parseInt(m.group(3)) != listed.size() - vforks) {
          problems.add(
              at
                  + "sites' summary says \""
                  + line
                  + "\" but it listed "
                  + listed.size()
                  + " sites ("
                  + vforks
                  + " vfork)");
        }
        return;
      }
    }
    problems.add(at + "sites printed no summary line: " + err.strip());
  }

  private static List<String> sorted(List<Site> sites) {
    return sites.stream().map(Site::toString).sorted().toList();
  }

  private static String key(JsonNode location) {
    return location.path("path").asText()
        + ":"
        + location.path("line").asInt()
        + ":"
        + location.path("column").asInt();
  }

  /** The label {@code cfg} and the text table use for a JSON verdict id. */
  private static String label(String id) {
    return switch (id) {
      case "vfork-already" -> "vfork already";
      case "swap-safe-after-fixes" -> "swap-safe after fixes";
      case "needs-restructuring" -> "needs restructuring";
      default -> id;
    };
  }

  private static String configsOf(JsonNode scan, String rule, Site s) {
    for (JsonNode f : scan.path("findings")) {
      if (f.path("ruleId").asText().equals(rule)
          && key(f.path("location")).equals(s.key())
          && f.has("configurations")) {
        return " (in " + f.path("configurations") + ")";
      }
    }
    return "";
  }

  private static String describe(List<JsonNode> findings) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : findings) {
      out.add(
          f.path("ruleId").asText()
              + " at "
              + key(f.path("location"))
              + (f.has("configurations") ? " in " + f.path("configurations") : ""));
    }
    return String.join("; ", out);
  }
}
