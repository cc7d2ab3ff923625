package dev.vforkcheck.cli;

import dev.vforkcheck.engine.Rule;
import dev.vforkcheck.engine.ScanConfig;
import dev.vforkcheck.frontend.ParseOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Options shared by the commands that analyze C files. */
public final class AnalysisOptions {
    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Files parsed in parallel (default: number of processors).")
    Integer jobs;

    @Option(names = {"-D", "--define"}, paramLabel = "NAME[=VALUE]",
            description = "Define a macro before each file, as the compiler's -D does (repeatable).")
    List<String> defines = new ArrayList<>();

    @Option(names = {"-I", "--include-dir"}, paramLabel = "DIR",
            description = "Directory searched for #include when --follow-includes is given (repeatable).")
    List<Path> includeDirs = new ArrayList<>();

    @Option(names = "--follow-includes",
            description = "Read #include'd files (default: off; libc functions are known by name, no headers needed).")
    boolean followIncludes;

    ParseOptions parseOptions() {
        Map<String, String> defs = new LinkedHashMap<>();
        for (String d : defines) {
            int eq = d.indexOf('=');
            if (eq < 0) {
                defs.put(d, "1");
            } else {
                defs.put(d.substring(0, eq), d.substring(eq + 1));
            }
        }
        return new ParseOptions(defs, includeDirs, followIncludes, true);
    }

    ScanConfig config(List<Rule> rules) {
        int n = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (n < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1");
        }
        return new ScanConfig(Path.of("").toAbsolutePath(), parseOptions(), rules, n);
    }
}
