package dev.vforkcheck.engine;

import dev.vforkcheck.frontend.ConfigurationFinder;
import dev.vforkcheck.frontend.ParseOptions;
import dev.vforkcheck.frontend.Variant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to scan.
 *
 * @param baseDir reported paths are relative to this directory (when the file is below it)
 * @param parse preprocessor and parser options (the default for files the compilation database does
 *     not list)
 * @param rules the enabled rules (may be empty, e.g. for {@code sites})
 * @param jobs files parsed in parallel
 * @param roots the tree: includes that are not found beside the includer or in -I directories are
 *     looked up in it, and one-file scans take their summaries from it; empty means the folders of
 *     the scanned files
 * @param variants which inactive {@code #if} branches get a configuration of their own
 * @param extraConfigurations configurations analyzed for every file besides the default one (named
 *     sets such as {@code nommu})
 * @param perFile options for files listed in a compilation database: one entry per distinct flag
 *     set (absolute, normalized paths); files not listed use {@code parse}
 * @param report when not empty, only these files (absolute, normalized) are reported; the other
 *     files of the tree are read for their summaries only
 * @param advisor judges every site once for porting (its verdict is in every site report); null for
 *     none
 */
public record ScanConfig(
    Path baseDir,
    ParseOptions parse,
    List<Rule> rules,
    int jobs,
    List<Path> roots,
    ConfigurationFinder.Mode variants,
    List<Variant> extraConfigurations,
    Map<Path, List<ParseOptions>> perFile,
    List<Path> report,
    Advisor advisor) {
  public ScanConfig {
    rules = List.copyOf(rules);
    roots = List.copyOf(roots);
    extraConfigurations = List.copyOf(extraConfigurations);
    perFile = Map.copyOf(perFile);
    report = List.copyOf(report);
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
    }
  }

  public ScanConfig(Path baseDir, ParseOptions parse, List<Rule> rules, int jobs) {
    this(
        baseDir,
        parse,
        rules,
        jobs,
        List.of(),
        ConfigurationFinder.Mode.SPAWN,
        List.of(),
        Map.of(),
        List.of(),
        null);
  }

  public ScanConfig withRoots(List<Path> newRoots) {
    return new ScanConfig(
        baseDir,
        parse,
        rules,
        jobs,
        newRoots,
        variants,
        extraConfigurations,
        perFile,
        report,
        advisor);
  }

  public ScanConfig withReport(List<Path> only) {
    return new ScanConfig(
        baseDir, parse, rules, jobs, roots, variants, extraConfigurations, perFile, only, advisor);
  }

  public ScanConfig withVariants(ConfigurationFinder.Mode mode, List<Variant> extra) {
    return new ScanConfig(
        baseDir, parse, rules, jobs, roots, mode, extra, perFile, report, advisor);
  }

  public ScanConfig withPerFile(Map<Path, List<ParseOptions>> options) {
    return new ScanConfig(
        baseDir,
        parse,
        rules,
        jobs,
        roots,
        variants,
        extraConfigurations,
        options,
        report,
        advisor);
  }

  public ScanConfig withAdvisor(Advisor a) {
    return new ScanConfig(
        baseDir, parse, rules, jobs, roots, variants, extraConfigurations, perFile, report, a);
  }

  /**
   * Paths reported relative to {@code dir}, read from {@code treeRoots}, only {@code only}
   * reported.
   */
  public ScanConfig withTree(Path dir, List<Path> treeRoots, List<Path> only) {
    return new ScanConfig(
        dir, parse, rules, jobs, treeRoots, variants, extraConfigurations, perFile, only, advisor);
  }

  public ScanConfig withJobs(int n) {
    return new ScanConfig(
        baseDir, parse, rules, n, roots, variants, extraConfigurations, perFile, report, advisor);
  }
}
