package dev.vforkcheck.cli;

import dev.vforkcheck.cli.report.TextReporter;
import dev.vforkcheck.engine.Engine;
import dev.vforkcheck.engine.ScanResult;
import dev.vforkcheck.engine.SiteReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vforkcheck sites PATH...}: the porter's inventory of fork/vfork calls. */
@Command(name = "sites", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List every fork()/vfork() call in PATH... with its function, the variable that receives"
                + " the result, and how the child's paths end.",
        footerHeading = "%nExample output:%n",
        footer = {"  src/spawn.c:42:9: vfork in function spawn_tool (result in pid); child: exec+_exit",
                "  src/daemon.c:17:13: fork in function daemonize (result not stored); child: may return"})
public final class SitesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    AnalysisOptions analysis;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "C files or directories.")
    List<Path> paths;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        Config project = AnalysisOptions.projectConfig(cmd, paths.get(0));
        AnalysisOptions.Scope scope = analysis.scope(cmd, paths, project);
        List<Path> files = scope.files().stream().filter(f -> !project.excluded(f)).toList();
        Engine engine = new Engine(analysis.knowledge(project.assumeSafe()), analysis.config(cmd, List.of(),
                Path.of("").toAbsolutePath(), project).withRoots(scope.roots()).withReport(scope.report()));
        ScanResult result = engine.scan(files);
        for (SiteReport s : result.sites()) {
            cmd.getOut().println(line(s));
        }
        cmd.getOut().flush();
        cmd.getErr().print(new TextReporter(false).diagnostics(result));
        long vforks = result.sites().stream().filter(s -> s.site().kind() == dev.vforkcheck.analysis.ForkSite.Kind.VFORK).count();
        int helperCalls = result.sites().stream().mapToInt(SiteReport::helperCalls).sum();
        int unknownCalls = result.sites().stream().mapToInt(SiteReport::unknownCalls).sum();
        int helperEndings = result.sites().stream().mapToInt(SiteReport::helperEndings).sum();
        cmd.getErr().println(TextReporter.plural(result.sites().size(), "site") + " (" + vforks + " vfork, "
                + (result.sites().size() - vforks) + " fork) in " + TextReporter.plural(result.stats().filesScanned(), "file")
                + " scanned; children call " + TextReporter.plural(helperCalls, "summarized project function")
                + " and " + TextReporter.plural(unknownCalls, "unknown function") + "; "
                + TextReporter.plural(helperEndings, "child path ending") + " inside helpers; "
                + TextReporter.plural(result.stats().summaries(), "function summary", "function summaries"));
        return 0;
    }

    static String line(SiteReport s) {
        var site = s.site();
        String result = site.resultKey() == null ? "result not stored" : "result in " + site.resultKey();
        return site.location().gccPrefix() + ": " + site.kind().word() + " in function " + site.function()
                + " (" + result + "); child: " + s.childSummary()
                + (s.configurations().isEmpty() ? "" : " [" + String.join(", ", s.configurations()) + "]");
    }
}
