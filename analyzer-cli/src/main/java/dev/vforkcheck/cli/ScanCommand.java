package dev.vforkcheck.cli;

import dev.vforkcheck.cli.report.JsonReporter;
import dev.vforkcheck.cli.report.ReportContext;
import dev.vforkcheck.cli.report.Reporter;
import dev.vforkcheck.cli.report.SarifReporter;
import dev.vforkcheck.cli.report.TextReporter;
import dev.vforkcheck.engine.Baseline;
import dev.vforkcheck.engine.ChangedLines;
import dev.vforkcheck.engine.Engine;
import dev.vforkcheck.engine.Rule;
import dev.vforkcheck.engine.ScanConfig;
import dev.vforkcheck.engine.ScanResult;
import dev.vforkcheck.engine.SourceWalker;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Severity;
import dev.vforkcheck.rules.RuleRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vforkcheck scan PATH...}: run the rules and report findings. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Run every rule over the C files in PATH... and report the findings.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  vforkcheck scan src/",
      "  vforkcheck scan -D __uClinux__ --fail-on error src/ lib/spawn.c",
      "  vforkcheck scan --format sarif -o vforkcheck.sarif --format text src/",
      "  vforkcheck scan --format json src/ > findings.json",
      "",
      "Each --format may be followed by its own -o FILE; a format without -o goes to standard output.",
      "Exit status: 0 no findings at or above --fail-on, 1 findings, 2 usage or fatal error."
    })
public final class ScanCommand implements Callable<Integer> {
  /** Which findings make the exit status 1. */
  enum FailOn {
    error,
    warning,
    note,
    never
  }

  /** When to color the text output. */
  enum ColorMode {
    auto,
    always,
    never
  }

  /** Report formats. */
  enum Format {
    text,
    json,
    sarif
  }

  /** One report: a format and where it goes. */
  static final class OutputSpec {
    @Option(
        names = "--format",
        required = true,
        paramLabel = "FORMAT",
        description = "Report format: ${COMPLETION-CANDIDATES} (default: text). Repeatable.")
    Format format;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description =
            "Write the preceding --format's report to FILE (atomically) instead of standard output.")
    Path file;
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin AnalysisOptions analysis;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description =
          "C files or directories (walked for .c and .h files); with --staged, limits the staged files.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--staged",
      description =
          "Scan the staged version of the staged C files (what `git commit`"
              + " will record, also for partly staged files), as a pre-commit hook does.")
  boolean staged;

  @Option(
      names = "--diff-base",
      paramLabel = "REV",
      description =
          "Report only findings on lines changed since REV (the finding's line or any of its steps).")
  String diffBase;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description =
          "Do not report findings recorded in FILE (written by --write-baseline); they become suppressed.")
  Path baseline;

  @Option(
      names = "--write-baseline",
      paramLabel = "FILE",
      description = "Record today's findings in FILE by fingerprint and exit 0.")
  Path writeBaseline;

  @ArgGroup(exclusive = false, multiplicity = "0..*")
  List<OutputSpec> outputs = new ArrayList<>();

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      defaultValue = "warning",
      description =
          "Lowest severity that makes the exit status 1: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  FailOn failOn;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      defaultValue = "auto",
      description =
          "Color the text output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; auto means only on a terminal and when NO_COLOR is unset).")
  ColorMode color;

  @Option(
      names = "--fix",
      description =
          "Apply the fixes of the findings in place (only to files unchanged since"
              + " they were analyzed), then report what is left.")
  boolean fix;

  @Option(
      names = "--diff",
      description = "Print the fixes as a unified diff instead of applying them.")
  boolean diff;

  @Option(
      names = "--fix-rule",
      paramLabel = "RULE-ID",
      split = ",",
      description =
          "With --fix or --diff: only the fixes of these rules (default: every rule that has fixes).")
  List<String> fixRules = new ArrayList<>();

  @Option(
      names = "--srcroot",
      paramLabel = "DIR",
      description =
          "Root that SARIF file URIs are relative to (%%SRCROOT%%); default: the git top level, else the current directory.")
  Path srcRoot;

  @Override
  public Integer call() throws IOException {
    CommandLine cmd = spec.commandLine();
    List<OutputSpec> reports = outputs.isEmpty() ? List.of(textToStdout()) : outputs;
    RuleRegistry registry = RuleRegistry.builtin();
    checkOptions(cmd, reports, registry);
    Config project = analysis.project(cmd, paths);
    List<Rule> enabled =
        registry.all().stream()
            .filter(r -> !project.disabled().contains(r.metadata().id()))
            .toList();
    Scope scope = staged ? stagedScope(cmd, project, enabled) : pathScope(cmd, project, enabled);
    Engine engine = new Engine(analysis.knowledge(project.assumeSafe()), scope.config());
    ScanResult result;
    try {
      result = workflow(cmd, engine.scan(scope.files()), project, scope.config().baseDir());
    } finally {
      if (scope.stagedDir() != null) {
        StagedFiles.delete(scope.stagedDir());
      }
    }
    if (writeBaseline != null) {
      OutputWriter.write(writeBaseline, Baseline.write(result.findings()));
      long kept = result.findings().stream().filter(f -> !f.suppressed()).count();
      cmd.getErr()
          .println(
              "wrote "
                  + TextReporter.plural(kept, "finding")
                  + " to the baseline "
                  + writeBaseline);
      return 0;
    }
    if (fix || diff) {
      return applyFixes(cmd, engine, scope.files(), result, scope.config().baseDir());
    }
    Path base = scope.config().baseDir();
    ReportContext context =
        new ReportContext(
            VersionProvider.version(),
            base,
            srcRoot != null ? srcRoot : SourceRoot.find(base),
            registry);
    writeReports(cmd, reports, result, context);
    return failing(result) ? Main.EXIT_FINDINGS : 0;
  }

  /** Options that exclude each other, and --fix-rule ids that name no rule, are usage errors. */
  private void checkOptions(CommandLine cmd, List<OutputSpec> reports, RuleRegistry registry) {
    checkOutputs(cmd, reports);
    if (fix && diff) {
      throw new CommandLine.ParameterException(cmd, "--fix and --diff exclude each other");
    }
    if (staged && (fix || diff)) {
      throw new CommandLine.ParameterException(
          cmd, "--staged scans the index: it cannot be combined with --fix or --diff");
    }
    for (String r : fixRules) {
      if (registry.byId(r).isEmpty()) {
        throw new CommandLine.ParameterException(cmd, "unknown rule in --fix-rule: " + r);
      }
    }
  }

  /**
   * What to read and how.
   *
   * @param files the files to read
   * @param config how to scan them
   * @param stagedDir the temporary copy of the staged files to delete afterwards, or null
   */
  private record Scope(List<Path> files, ScanConfig config, Path stagedDir) {}

  /** The named PATHs, prepared as every command prepares its run. */
  private Scope pathScope(CommandLine cmd, Config project, List<Rule> enabled) {
    if (paths.isEmpty()) {
      throw new CommandLine.ParameterException(
          cmd, "no PATH given: name the files or directories to scan");
    }
    AnalysisOptions.Run run = analysis.prepare(cmd, paths, enabled, project);
    return new Scope(run.files(), run.config(), null);
  }

  /**
   * The staged content of the staged files, copied to a temporary folder and reported; the rest of
   * the project is read for its headers and functions.
   */
  private Scope stagedScope(CommandLine cmd, Config project, List<Rule> enabled)
      throws IOException {
    ScanConfig config = analysis.config(cmd, enabled, Path.of("").toAbsolutePath(), project);
    Path into = Files.createTempDirectory("vforkcheck-staged-");
    List<Path> stagedFiles = StagedFiles.materialize(cmd, paths, into);
    Path top = Git.topLevel(paths.isEmpty() ? Path.of("") : paths.get(0));
    List<Path> all = new ArrayList<>(stagedFiles);
    Set<Path> stagedNames = new HashSet<>();
    stagedFiles.forEach(f -> stagedNames.add(top.resolve(into.relativize(f)).normalize()));
    for (Path f : SourceWalker.expand(List.of(top))) {
      Path abs = f.toAbsolutePath().normalize();
      if (!stagedNames.contains(abs) && !project.excluded(abs)) {
        all.add(abs);
      }
    }
    ScanConfig tree =
        config.withTree(
            into,
            List.of(into, top.toAbsolutePath().normalize()),
            stagedFiles.stream().map(f -> f.toAbsolutePath().normalize()).toList());
    return new Scope(all, tree, into);
  }

  /** Every requested report, then the input problems and the summary line on standard error. */
  private void writeReports(
      CommandLine cmd, List<OutputSpec> reports, ScanResult result, ReportContext context)
      throws IOException {
    boolean textOnStdout = false;
    for (OutputSpec o : reports) {
      boolean toStdout = o.file == null;
      Reporter reporter =
          switch (o.format) {
            case text -> new TextReporter(toStdout && useColor());
            case json -> new JsonReporter();
            case sarif -> new SarifReporter();
          };
      String content = reporter.render(result, context);
      if (toStdout) {
        cmd.getOut().print(content);
        cmd.getOut().flush();
        textOnStdout |= o.format == Format.text;
      } else {
        OutputWriter.write(o.file, content);
      }
    }
    PrintWriter err = cmd.getErr();
    // input problems go to stderr unless a machine format owns stdout (they are inside it then)
    boolean machineOnStdout =
        reports.stream().anyMatch(o -> o.file == null && o.format != Format.text);
    if (textOnStdout || !machineOnStdout) {
      err.print(new TextReporter(false).diagnostics(result));
    }
    err.println(TextReporter.summary(result));
  }

  /** Levels from the configuration, then the diff-only filter, then the baseline. */
  private ScanResult workflow(CommandLine cmd, ScanResult result, Config project, Path baseDir)
      throws IOException {
    List<Finding> findings = new ArrayList<>();
    for (Finding f : result.findings()) {
      Config.Levels levels = project.levels().get(f.ruleId());
      Severity level = levels == null ? null : levels.of(f.onErrorPath());
      findings.add(level == null ? f : f.withSeverity(level));
    }
    if (diffBase != null) {
      findings = changedLines(cmd, baseDir).keep(findings);
    }
    if (baseline != null) {
      try {
        findings = Baseline.parse(Files.readString(baseline)).apply(findings, baseline.toString());
      } catch (IOException e) {
        throw new CommandLine.ParameterException(
            cmd, "baseline " + baseline + ": " + e.getMessage());
      }
    }
    return result.withFindings(findings);
  }

  private ChangedLines changedLines(CommandLine cmd, Path baseDir) {
    try {
      Path top = Git.topLevel(paths.isEmpty() ? baseDir : paths.get(0));
      Git git = new Git(top);
      String diffText =
          git.run("diff", "--unified=0", "--no-color", "--no-ext-diff", diffBase, "--");
      Set<String> untracked =
          new HashSet<>(git.run("ls-files", "--others", "--exclude-standard").lines().toList());
      Path base = baseDir.toAbsolutePath().normalize();
      return ChangedLines.fromGitDiff(
          diffText,
          rel -> {
            Path abs = top.resolve(rel).normalize();
            return abs.startsWith(base)
                ? base.relativize(abs).toString().replace('\\', '/')
                : abs.toString();
          },
          untracked);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(
          cmd, "--diff-base " + diffBase + ": " + e.getMessage());
    }
  }

  /** --fix / --diff: apply or show the fixes; after --fix, scan again and report what is left. */
  private int applyFixes(
      CommandLine cmd, Engine engine, List<Path> files, ScanResult result, Path baseDir)
      throws IOException {
    Fixer fixer = new Fixer(baseDir);
    int applied = 0;
    int filesFixed = 0;
    for (var e : Fixer.editsByFile(result, new HashSet<>(fixRules)).entrySet()) {
      String hash = result.contentHashes().get(e.getKey());
      if (hash == null) {
        continue;
      }
      Fixer.Outcome o = fixer.apply(e.getKey(), e.getValue(), hash, fix);
      if (o.problem() != null) {
        cmd.getErr().println(e.getKey() + ": " + o.problem());
        continue;
      }
      if (diff) {
        cmd.getOut().print(o.diff());
      }
      applied += o.edits();
      filesFixed++;
    }
    cmd.getOut().flush();
    if (diff) {
      cmd.getErr()
          .println(
              TextReporter.plural(applied, "edit")
                  + " in "
                  + TextReporter.plural(filesFixed, "file")
                  + " (not applied; use --fix)");
      return 0;
    }
    cmd.getErr()
        .println(
            "applied "
                + TextReporter.plural(applied, "edit")
                + " in "
                + TextReporter.plural(filesFixed, "file"));
    ScanResult after = engine.scan(files);
    cmd.getOut().print(new TextReporter(useColor()).findings(after));
    cmd.getErr().println(TextReporter.summary(after));
    return failing(after) ? Main.EXIT_FINDINGS : 0;
  }

  private static OutputSpec textToStdout() {
    OutputSpec o = new OutputSpec();
    o.format = Format.text;
    return o;
  }

  private static void checkOutputs(CommandLine cmd, List<OutputSpec> reports) {
    int toStdout = 0;
    Set<Path> targets = new HashSet<>();
    for (OutputSpec o : reports) {
      if (o.file == null) {
        toStdout++;
      } else {
        if (!targets.add(o.file.toAbsolutePath().normalize())) {
          throw new CommandLine.ParameterException(
              cmd, "two reports written to the same file: " + o.file);
        }
        if (Files.isDirectory(o.file)) {
          throw new CommandLine.ParameterException(cmd, "output is a directory: " + o.file);
        }
      }
    }
    if (toStdout > 1) {
      throw new CommandLine.ParameterException(
          cmd, "only one --format can go to standard output; give the others -o FILE");
    }
  }

  private boolean failing(ScanResult result) {
    if (failOn == FailOn.never) {
      return false;
    }
    Severity threshold = Severity.valueOf(failOn.name().toUpperCase(Locale.ROOT));
    for (Finding f : result.findings()) {
      if (!f.suppressed() && f.severity().atLeast(threshold)) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("SystemConsoleNull") // Java 17: console() is null when a stream is redirected
  private boolean useColor() {
    return switch (color) {
      case always -> true;
      case never -> false;
      case auto -> System.console() != null && System.getenv("NO_COLOR") == null;
    };
  }
}
