package dev.vforkcheck.engine;

import dev.vforkcheck.frontend.ParseOptions;

import java.nio.file.Path;
import java.util.List;

/**
 * How to scan.
 *
 * @param baseDir reported paths are relative to this directory (when the file is below it)
 * @param parse   preprocessor and parser options
 * @param rules   the enabled rules (may be empty, e.g. for {@code sites})
 * @param jobs    files parsed in parallel
 */
public record ScanConfig(Path baseDir, ParseOptions parse, List<Rule> rules, int jobs) {
    public ScanConfig {
        rules = List.copyOf(rules);
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
    }
}
