package dev.vforkcheck.engine;

/**
 * Counts from one scan.
 *
 * @param filesScanned files handed to the analyzer (parsed or not)
 * @param filesParsed  files that were parsed (possibly with syntax errors)
 * @param lines        lines in parsed files
 * @param functions    function definitions analyzed
 * @param sites        fork/vfork sites found
 * @param millis       wall time of the scan
 * @param summaries    function summaries built for the whole tree
 */
public record ScanStats(int filesScanned, int filesParsed, long lines, long functions, int sites, long millis,
                        int summaries) {
}
