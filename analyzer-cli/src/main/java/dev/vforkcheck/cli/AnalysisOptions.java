package dev.vforkcheck.cli;

import dev.vforkcheck.engine.Rule;
import dev.vforkcheck.engine.ScanConfig;
import dev.vforkcheck.frontend.ParseOptions;
import picocli.CommandLine.Option;

import dev.vforkcheck.knowledge.KnowledgeBase;

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

    @Option(names = "--assume-safe", paramLabel = "NAME", split = ",",
            description = "Treat these functions (with no body in the scanned files) as vfork-safe (repeatable, or comma-separated).")
    List<String> assumeSafe = new ArrayList<>();

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
        return new ParseOptions(defs, List.of(), false, true);
    }

    /** The knowledge base with the user's --assume-safe functions added. */
    KnowledgeBase knowledge() {
        return knowledge(java.util.Set.of());
    }

    /** The knowledge base with --assume-safe and a configuration's assume-safe functions added. */
    KnowledgeBase knowledge(java.util.Set<String> moreSafe) {
        KnowledgeBase kb = KnowledgeBase.load();
        java.util.Set<String> safe = new java.util.TreeSet<>(assumeSafe);
        safe.addAll(moreSafe);
        return safe.isEmpty() ? kb : kb.withAssumedSafe(safe);
    }

    ScanConfig config(List<Rule> rules) {
        return config(rules, Path.of("").toAbsolutePath(), Map.of());
    }

    /** The scan configuration; {@code configDefines} are overridden by -D of the same name. */
    ScanConfig config(List<Rule> rules, Path baseDir, Map<String, String> configDefines) {
        int n = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (n < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1");
        }
        ParseOptions own = parseOptions();
        Map<String, String> defs = new LinkedHashMap<>(configDefines);
        defs.putAll(own.defines());
        return new ScanConfig(baseDir, new ParseOptions(defs, List.of(), false, true), rules, n);
    }
}
