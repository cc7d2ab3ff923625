package dev.vforkcheck.cli;

import dev.vforkcheck.engine.Engine;
import dev.vforkcheck.engine.Rule;
import dev.vforkcheck.engine.ScanConfig;
import dev.vforkcheck.engine.SourceWalker;
import dev.vforkcheck.frontend.ConfigurationFinder;
import dev.vforkcheck.frontend.ParseOptions;
import dev.vforkcheck.frontend.Variant;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.rules.RuleRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that analyze C files: the compiler's view of the tree, and the
 * rest.
 */
public final class AnalysisOptions {
  @Option(
      names = {"-j", "--jobs"},
      paramLabel = "N",
      description = "Files parsed in parallel (default: number of processors).")
  Integer jobs;

  @Option(
      names = {"-D", "--define"},
      paramLabel = "NAME[=VALUE]",
      description = "Define a macro before each file, as the compiler's -D does (repeatable).")
  List<String> defines = new ArrayList<>();

  @Option(
      names = {"-U", "--undefine"},
      paramLabel = "NAME",
      description = "Undefine a macro before each file, as the compiler's -U does (repeatable).")
  List<String> undefines = new ArrayList<>();

  @Option(
      names = {"-I", "--include-dir"},
      paramLabel = "DIR",
      description = "Search DIR for #include files (repeatable), before the scanned tree.")
  List<Path> includeDirs = new ArrayList<>();

  @Option(
      names = "-isystem",
      paramLabel = "DIR",
      description = "Search DIR for #include files after the -I directories (repeatable).")
  List<Path> systemIncludeDirs = new ArrayList<>();

  @Option(
      names = "-include",
      paramLabel = "FILE",
      description = "Read FILE before each file, as the compiler's -include does (repeatable).")
  List<Path> preIncludes = new ArrayList<>();

  @Option(
      names = "--system-headers",
      description =
          "Also read the machine's C library headers (/usr/include, ...); by default a small bundled"
              + " stand-in for their macros is used and nothing outside the tree is read.")
  Boolean systemHeaders;

  @Option(
      names = "--no-includes",
      description = "Do not follow #include: parse every file on its own.")
  boolean noIncludes;

  @Option(
      names = {"-p", "--compile-commands"},
      paramLabel = "FILE|DIR",
      description =
          "A JSON compilation database (compile_commands.json, or the folder holding it): each listed"
              + " file is parsed with its own -I/-D/-U/-include flags; a file listed with two flag sets is"
              + " analyzed in both. Nothing in it is executed.")
  Path compileCommands;

  @Option(
      names = "--variants",
      paramLabel = "MODE",
      description =
          "Which code that the current macros leave out gets a configuration of its own: none, spawn"
              + " (#if branches holding fork/vfork/exec or a spawn wrapper; the default) or all.")
  String variants;

  @Option(
      names = "--configuration",
      paramLabel = "NAME",
      description =
          "Also analyze every file in this named configuration (repeatable): nommu (built in), or one"
              + " defined under `configurations:` in .vforkcheck.yaml.")
  List<String> configurations = new ArrayList<>();

  @Option(
      names = "--project-root",
      paramLabel = "DIR",
      description =
          "The project a one-file run belongs to: its headers and functions are used (default: the"
              + " nearest folder with .vforkcheck.yaml, else the git top level).")
  Path projectRoot;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Configuration file (default: .vforkcheck.yaml, .yml or .json found from the first PATH upward).")
  Path configFile;

  @Option(names = "--no-config", description = "Ignore configuration files.")
  boolean noConfig;

  @Option(
      names = "--assume-safe",
      paramLabel = "NAME",
      split = ",",
      description =
          "Treat these functions (with no body in the scanned files) as vfork-safe (repeatable, or comma-separated).")
  List<String> assumeSafe = new ArrayList<>();

  /** The knowledge base with the user's --assume-safe functions added. */
  KnowledgeBase knowledge() {
    return knowledge(Set.of());
  }

  /** The knowledge base with --assume-safe and a configuration's assume-safe functions added. */
  KnowledgeBase knowledge(Set<String> moreSafe) {
    KnowledgeBase kb = KnowledgeBase.load();
    Set<String> safe = new TreeSet<>(assumeSafe);
    safe.addAll(moreSafe);
    return safe.isEmpty() ? kb : kb.withAssumedSafe(safe);
  }

  /** The files to read and the ones to report, for PATH arguments. */
  record Scope(List<Path> files, List<Path> roots, List<Path> report) {}

  /**
   * Directories are scanned whole. When files are named, the project they belong to is read too
   * (for its headers and function summaries), but only the named files are reported.
   */
  Scope scope(CommandLine cmd, List<Path> paths, Config project) {
    List<Path> files = Inputs.files(cmd, paths);
    boolean onlyDirs = paths.stream().allMatch(Files::isDirectory);
    if (onlyDirs) {
      return new Scope(
          files, paths.stream().map(p -> p.toAbsolutePath().normalize()).toList(), List.of());
    }
    Path root = projectRoot != null ? projectRoot : findProjectRoot(paths.get(0), project);
    if (root == null) {
      return new Scope(files, List.of(), List.of());
    }
    if (!Files.isDirectory(root)) {
      throw new CommandLine.ParameterException(cmd, "--project-root: not a directory: " + root);
    }
    Path absRoot = root.toAbsolutePath().normalize();
    List<Path> all;
    try {
      all = new ArrayList<>(SourceWalker.expand(List.of(absRoot)));
    } catch (IOException e) {
      throw new CommandLine.ParameterException(
          cmd, "cannot read the project " + absRoot + ": " + e.getMessage());
    }
    all.removeIf(project::excluded);
    Set<Path> named = new LinkedHashSet<>();
    files.forEach(f -> named.add(f.toAbsolutePath().normalize()));
    List<Path> read = new ArrayList<>(named);
    all.stream()
        .map(p -> p.toAbsolutePath().normalize())
        .filter(p -> !named.contains(p))
        .forEach(read::add);
    return new Scope(read, List.of(absRoot), List.copyOf(named));
  }

  /** The nearest folder holding a configuration file, else the git top level, else none. */
  static Path findProjectRoot(Path start, Config project) {
    if (project.file() != null) {
      return project.file().toAbsolutePath().normalize().getParent();
    }
    Path dir = start.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      dir = dir.getParent();
    }
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git"))) {
        return d;
      }
    }
    return null;
  }

  /** Holds the analysis options of a command line, for {@link #fromArguments}. */
  @CommandLine.Command(name = "options")
  static final class Holder {
    @CommandLine.Mixin AnalysisOptions analysis;
  }

  /**
   * The scan configuration that {@code vforkcheck scan ARGS} would use (the corpus harness builds
   * its multi-file cases with it): analysis options, {@code --config FILE}, and the files the
   * options name, resolved as the command line resolves them.
   */
  public static ScanConfig fromArguments(
      List<String> args, Path baseDir, List<Rule> rules, Set<String> ruleIds) throws IOException {
    Holder h = new Holder();
    CommandLine cl = new CommandLine(h);
    cl.parseArgs(args.toArray(String[]::new));
    Config project =
        h.analysis.configFile == null || h.analysis.noConfig
            ? Config.none()
            : Config.load(h.analysis.configFile, ruleIds);
    return h.analysis.config(cl, rules, baseDir, project);
  }

  /**
   * The project configuration: --config, else the first one found from the first PATH upward; none
   * with --no-config.
   */
  Config project(CommandLine cmd, List<Path> paths) {
    if (noConfig) {
      return Config.none();
    }
    if (configFile != null) {
      return loadConfig(cmd, configFile);
    }
    return projectConfig(cmd, paths.isEmpty() ? Path.of("") : paths.get(0));
  }

  /**
   * Everything one run of a command analyzes, prepared the same way for scan, sites, port and cfg:
   * the configuration file, the files (without the excluded ones), the tree they belong to, the
   * build options, the assume-safe list and the porting advisor.
   *
   * @param project the configuration file's settings
   * @param files the files to read
   * @param config how to scan them
   * @param knowledge the C library table with the assume-safe functions
   */
  record Run(Config project, List<Path> files, ScanConfig config, KnowledgeBase knowledge) {
    Engine engine() {
      return new Engine(knowledge, config);
    }
  }

  /** The run of a command over PATHs with these rules enabled. */
  Run prepare(CommandLine cmd, List<Path> paths, List<Rule> rules) {
    return prepare(cmd, paths, rules, project(cmd, paths));
  }

  /** The run of a command over PATHs with these rules enabled and this configuration file. */
  Run prepare(CommandLine cmd, List<Path> paths, List<Rule> rules, Config project) {
    Scope scope = scope(cmd, paths, project);
    List<Path> files = scope.files().stream().filter(f -> !project.excluded(f)).toList();
    ScanConfig config =
        config(cmd, rules, Path.of("").toAbsolutePath(), project)
            .withRoots(scope.roots())
            .withReport(scope.report());
    return new Run(project, files, config, knowledge(project.assumeSafe()));
  }

  /**
   * The project configuration file found from {@code start} upward ({@code .vforkcheck.yaml}, ...),
   * or none: what `sites`, `port` and `cfg` read, so that they see the tree as `scan` does.
   */
  static Config projectConfig(CommandLine cmd, Path start) {
    Path file = Config.find(start);
    return file == null ? Config.none() : loadConfig(cmd, file);
  }

  /** A configuration file, checked against the built-in rules; problems are usage errors. */
  static Config loadConfig(CommandLine cmd, Path file) {
    Set<String> ids = new HashSet<>();
    RuleRegistry.builtin().metadata().forEach(m -> ids.add(m.id()));
    try {
      return Config.load(file, ids);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(cmd, "configuration: " + e.getMessage());
    }
  }

  /** The scan configuration without a project configuration file. */
  ScanConfig config(CommandLine cmd, List<Rule> rules) {
    return config(cmd, rules, Path.of("").toAbsolutePath(), Config.none());
  }

  /** The scan configuration: the command line over the project configuration file. */
  ScanConfig config(CommandLine cmd, List<Rule> rules, Path baseDir, Config project) {
    int n = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
    if (n < 1) {
      throw new CommandLine.ParameterException(cmd, "--jobs must be at least 1");
    }
    Config.Build build = project.build();
    ParseOptions parse = parseOptions(cmd, project);
    ConfigurationFinder.Mode m = variantsMode(cmd, build);
    List<Variant> extra = namedConfigurations(cmd, build);
    Map<Path, List<ParseOptions>> perFile = compilationDatabase(cmd, build, parse);
    return new ScanConfig(baseDir, parse, rules, n)
        .withVariants(m, extra)
        .withPerFile(perFile)
        .withAdvisor(RuleRegistry.builtin().advisor());
  }

  /** How every file is parsed: macros, include directories and headers, file over command line. */
  private ParseOptions parseOptions(CommandLine cmd, Config project) {
    Config.Build build = project.build();
    Map<String, String> defs = macroDefinitions(project);
    Set<String> undefs = new LinkedHashSet<>(build.undefines());
    undefs.addAll(undefines);
    List<Path> inc = withAbsolute(build.includeDirs(), includeDirs);
    List<Path> sys = withAbsolute(build.systemIncludeDirs(), systemIncludeDirs);
    List<Path> pre = withAbsolute(build.preIncludes(), preIncludes);
    for (Path p : pre) {
      if (!Files.isRegularFile(p)) {
        throw new CommandLine.ParameterException(cmd, "-include: no such file: " + p);
      }
    }
    boolean sysHeaders =
        systemHeaders != null
            ? systemHeaders
            : build.systemHeaders() != null && build.systemHeaders();
    return ParseOptions.defaults()
        .withDefines(defs)
        .withUndefines(undefs)
        .withIncludes(inc, sys, pre)
        .withSystemHeaders(sysHeaders)
        .withFollowIncludes(!noIncludes);
  }

  /** The configuration file's defines, then the -D options (NAME alone means NAME=1). */
  private Map<String, String> macroDefinitions(Config project) {
    Map<String, String> defs = new LinkedHashMap<>(project.defines());
    for (String d : defines) {
      int eq = d.indexOf('=');
      defs.put(eq < 0 ? d : d.substring(0, eq), eq < 0 ? "1" : d.substring(eq + 1));
    }
    return defs;
  }

  /** The configuration file's paths, then the command line's, made absolute. */
  private static List<Path> withAbsolute(List<Path> fromFile, List<Path> fromCommandLine) {
    List<Path> out = new ArrayList<>(fromFile);
    fromCommandLine.forEach(p -> out.add(p.toAbsolutePath().normalize()));
    return out;
  }

  /** --variants, else the configuration file's, else spawn. */
  private ConfigurationFinder.Mode variantsMode(CommandLine cmd, Config.Build build) {
    String mode =
        variants != null ? variants : build.variants() != null ? build.variants() : "spawn";
    return switch (mode) {
      case "none" -> ConfigurationFinder.Mode.NONE;
      case "spawn" -> ConfigurationFinder.Mode.SPAWN;
      case "all" -> ConfigurationFinder.Mode.ALL;
      default ->
          throw new CommandLine.ParameterException(
              cmd, "--variants takes none, spawn or all, not '" + mode + "'");
    };
  }

  /** The --configuration sets, looked up among the built-in and the configuration file's. */
  private List<Variant> namedConfigurations(CommandLine cmd, Config.Build build) {
    Map<String, Variant> named = new LinkedHashMap<>(Variant.builtIn());
    named.putAll(build.configurations());
    List<Variant> extra = new ArrayList<>();
    for (String c : configurations) {
      Variant v = named.get(c);
      if (v == null) {
        throw new CommandLine.ParameterException(
            cmd,
            "unknown configuration '"
                + c
                + "' (known: "
                + String.join(", ", new TreeSet<>(named.keySet()))
                + ")");
      }
      extra.add(v);
    }
    return extra;
  }

  /**
   * Each file's parse options from the compilation database (--compile-commands, else the
   * configuration file's), or none.
   */
  private Map<Path, List<ParseOptions>> compilationDatabase(
      CommandLine cmd, Config.Build build, ParseOptions parse) {
    Path db = compileCommands != null ? compileCommands : build.compileCommands();
    if (db == null) {
      return Map.of();
    }
    Path file = CompileCommands.locate(db);
    try {
      return CompileCommands.read(file, parse);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(cmd, "--compile-commands: " + e.getMessage());
    }
  }
}
