package dev.vforkcheck.cli;

import dev.vforkcheck.engine.Engine;
import dev.vforkcheck.engine.ScanResult;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Severity;
import dev.vforkcheck.rules.RuleRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vforkcheck scan PATH...}: run the rules and report findings. */
@Command(name = "scan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run every rule over the C files in PATH... and print gcc-style diagnostics.",
        footerHeading = "%nExamples:%n",
        footer = {"  vforkcheck scan src/",
                "  vforkcheck scan -D __uClinux__ --fail-on error src/ lib/spawn.c",
                "",
                "Exit status: 0 no findings at or above --fail-on, 1 findings, 2 usage or fatal error."})
public final class ScanCommand implements Callable<Integer> {
    /** Which findings make the exit status 1. */
    enum FailOn { error, warning, note, never }

    /** When to color the output. */
    enum ColorMode { auto, always, never }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    AnalysisOptions analysis;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "C files or directories (walked for .c and .h files).")
    List<Path> paths;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "warning",
            description = "Lowest severity that makes the exit status 1: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FailOn failOn;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Color the output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; auto means only on a terminal and when NO_COLOR is unset).")
    ColorMode color;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        List<Path> files = Inputs.files(cmd, paths);
        RuleRegistry registry = RuleRegistry.builtin();
        Engine engine = new Engine(KnowledgeBase.load(), analysis.config(registry.all()));
        ScanResult result = engine.scan(files);
        TextReporter text = new TextReporter(useColor());
        cmd.getOut().print(text.findings(result));
        cmd.getOut().flush();
        cmd.getErr().print(text.diagnostics(result));
        cmd.getErr().println(TextReporter.summary(result));
        return failing(result) ? Main.EXIT_FINDINGS : 0;
    }

    private boolean failing(ScanResult result) {
        if (failOn == FailOn.never) {
            return false;
        }
        Severity threshold = Severity.valueOf(failOn.name().toUpperCase(java.util.Locale.ROOT));
        for (Finding f : result.findings()) {
            if (f.severity().atLeast(threshold)) {
                return true;
            }
        }
        return false;
    }

    private boolean useColor() {
        return switch (color) {
            case always -> true;
            case never -> false;
            case auto -> System.console() != null && System.getenv("NO_COLOR") == null;
        };
    }
}
