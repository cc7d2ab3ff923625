package dev.vforkcheck.cli;

import dev.vforkcheck.cli.report.SitesReporter;
import dev.vforkcheck.cli.report.TextReporter;
import dev.vforkcheck.engine.ScanResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vforkcheck sites PATH...}: the porter's inventory of fork/vfork calls. */
@Command(
    name = "sites",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "List every fork()/vfork() call in PATH... with its function, the variable that receives"
            + " the result, and how the child's paths end.",
    footerHeading = "%nExample output:%n",
    footer = {
      "  src/spawn.c:42:9: vfork in function spawn_tool (result in pid); child: exec+_exit",
      "  src/daemon.c:17:13: fork in function daemonize (result not stored); child: may return"
    })
public final class SitesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin AnalysisOptions analysis;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "C files or directories.")
  List<Path> paths;

  @Override
  public Integer call() {
    CommandLine cmd = spec.commandLine();
    AnalysisOptions.Run run = analysis.prepare(cmd, paths, List.of());
    ScanResult result = run.engine().scan(run.files());
    cmd.getOut().print(new SitesReporter().render(result, null));
    cmd.getOut().flush();
    cmd.getErr().print(new TextReporter(false).diagnostics(result));
    cmd.getErr().println(SitesReporter.summary(result));
    return 0;
  }
}
