package dev.vforkcheck.cli;

import dev.vforkcheck.cli.report.PortReporter;
import dev.vforkcheck.cli.report.ReportContext;
import dev.vforkcheck.cli.report.Reporter;
import dev.vforkcheck.cli.report.SarifReporter;
import dev.vforkcheck.cli.report.TextReporter;
import dev.vforkcheck.engine.PortingRule;
import dev.vforkcheck.engine.Rule;
import dev.vforkcheck.engine.ScanResult;
import dev.vforkcheck.rules.RuleRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vforkcheck port PATH...}: the porter's table of every fork/vfork site with its verdict.
 */
@Command(
    name = "port",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "For every fork()/vfork() site, say whether it can become vfork() on a no-MMU target: vfork"
            + " already, swap-safe, swap-safe after fixes, or needs restructuring (with the reason).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  vforkcheck port src/",
      "  vforkcheck port --format json src/ > port.json",
      "  vforkcheck scan --fix --fix-rule fork-to-vfork src/     apply the swaps",
      "  vforkcheck scan --diff --fix-rule fork-to-vfork src/    show them as a diff"
    })
public final class PortCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format {
    text,
    json,
    sarif
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin AnalysisOptions analysis;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "C files or directories.")
  List<Path> paths;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE (atomically).")
  Path output;

  @Override
  public Integer call() throws Exception {
    CommandLine cmd = spec.commandLine();
    RuleRegistry registry = RuleRegistry.builtin();
    // the verdicts come with every site of the scan; the porting rules give SARIF its results
    List<Rule> porting = registry.all().stream().filter(PortingRule.class::isInstance).toList();
    AnalysisOptions.Run run = analysis.prepare(cmd, paths, porting);
    ScanResult result = run.engine().scan(run.files());
    Reporter reporter =
        switch (format) {
          case text -> new PortReporter(false);
          case json -> new PortReporter(true);
          case sarif -> new SarifReporter();
        };
    String content =
        reporter.render(
            result,
            new ReportContext(
                VersionProvider.version(),
                run.config().baseDir(),
                SourceRoot.find(run.config().baseDir()),
                registry));
    if (output == null) {
      cmd.getOut().print(content);
      cmd.getOut().flush();
    } else {
      OutputWriter.write(output, content);
    }
    cmd.getErr().print(new TextReporter(false).diagnostics(result));
    if (format != Format.text || output != null) {
      cmd.getErr().println(PortReporter.totalsLine(result));
    }
    cmd.getErr()
        .println("(" + TextReporter.plural(result.stats().filesScanned(), "file") + " scanned)");
    return 0;
  }
}
