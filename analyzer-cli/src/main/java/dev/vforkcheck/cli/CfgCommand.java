package dev.vforkcheck.cli;

import dev.vforkcheck.cfg.CfgPrinter;
import dev.vforkcheck.engine.Engine;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.model.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vforkcheck cfg FILE}: what the analysis believes, for developers and curious users. */
@Command(
    name = "cfg",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Print the control-flow graph of the functions in FILE with each fork/vfork child region"
            + " marked, exactly as `scan` computed it.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  vforkcheck cfg src/spawn.c --function run_cmd",
      "  vforkcheck cfg src/spawn.c --function run_cmd --format dot | dot -Tsvg > cfg.svg",
      "",
      "Marks: [vfork], [fork], [xvfork]... the call (by its callee), [child] the child runs it,",
      "[child+parent] both run it."
    })
public final class CfgCommand implements Callable<Integer> {
  /** Output format. */
  enum Format {
    text,
    dot
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin AnalysisOptions analysis;

  @Parameters(paramLabel = "FILE", description = "One C file.")
  Path file;

  @Option(
      names = "--function",
      paramLabel = "NAME",
      description = "Only this function (default: every function).")
  String function;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() {
    CommandLine cmd = spec.commandLine();
    if (!Files.isRegularFile(file)) {
      throw new CommandLine.ParameterException(cmd, "not a file: " + file);
    }
    // the same run as `scan FILE`: same configuration file, tree, options and summaries
    AnalysisOptions.Run run = analysis.prepare(cmd, List.of(file), List.of());
    Engine engine = run.engine();
    String shown = engine.displayPath(file);
    Engine.TreeAnalysis tree = engine.analyzeTree(run.files());
    tree.problems()
        .forEach(
            d ->
                cmd.getErr()
                    .println(
                        d.location().gccPrefix()
                            + ": "
                            + d.severity().word()
                            + ": "
                            + d.message()));
    Engine.FileAnalysis fa =
        tree.files().stream()
            .filter(a -> a.facts().path().equals(shown))
            .findFirst()
            .orElseThrow(
                () -> new CommandLine.ParameterException(cmd, "not analyzed (excluded?): " + file));
    for (Diagnostic d : fa.facts().diagnostics()) {
      cmd.getErr()
          .println(d.location().gccPrefix() + ": " + d.severity().word() + ": " + d.message());
    }
    boolean any = false;
    for (FunctionFacts fn : functionsShown(fa)) {
      if (function != null && !function.equals(fn.name())) {
        continue;
      }
      any = true;
      List<SiteContext> sites = sitesOf(fa, fn);
      if (!fa.facts().functions().contains(fn)) {
        // the function as another configuration parses it: the sites found only there
        List<String> configs = fa.siteConfigurations().get(fa.sites().indexOf(sites.get(0)));
        cmd.getOut()
            .println(
                (format == Format.dot ? "// " : "")
                    + "in configuration "
                    + String.join(", ", configs)
                    + ":");
      }
      print(cmd, fn, sites);
    }
    if (!any) {
      throw new CommandLine.ParameterException(
          cmd,
          function == null
              ? "no function definitions in " + file
              : "no function named '" + function + "' in " + file);
    }
    return 0;
  }

  /**
   * The file's functions, then the functions as another configuration parsed them when a site was
   * found only there ({@code #if !MMU} code), so that cfg shows every site scan reports.
   */
  @SuppressWarnings("ReferenceEquality") // function objects of one parse each
  private static List<FunctionFacts> functionsShown(Engine.FileAnalysis fa) {
    List<FunctionFacts> out = new ArrayList<>(fa.facts().functions());
    for (SiteContext s : fa.sites()) {
      if (out.stream().noneMatch(f -> f == s.function())) {
        out.add(s.function());
      }
    }
    return out;
  }

  @SuppressWarnings("ReferenceEquality") // the sites of this very function object
  private static List<SiteContext> sitesOf(Engine.FileAnalysis fa, FunctionFacts fn) {
    return fa.sites().stream().filter(s -> s.function() == fn).toList();
  }

  private void print(CommandLine cmd, FunctionFacts fn, List<SiteContext> sites) {
    IntFunction<String> mark =
        node -> {
          for (SiteContext s : sites) {
            if (s.site().node() == node) {
              return s.site().callee();
            }
          }
          for (SiteContext s : sites) {
            if (s.region().contains(node)) {
              return s.region().parentAlsoRuns(node) ? "child+parent" : "child";
            }
          }
          return null;
        };
    cmd.getOut()
        .print(
            format == Format.dot
                ? CfgPrinter.dot(fn.cfg(), mark)
                : CfgPrinter.text(fn.cfg(), mark));
    for (SiteContext s : sites) {
      cmd.getOut()
          .println(
              (format == Format.dot ? "// " : "  ")
                  + s.site().callee()
                  + " at line "
                  + s.site().location().line()
                  + ": child: "
                  + s.region().summary()
                  + (s.advice() == null ? "" : "; port: " + s.advice().verdict().label()));
    }
  }
}
