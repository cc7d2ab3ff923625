package dev.vforkcheck.engine;

/**
 * Counts from one scan.
 *
 * @param filesScanned files handed to the analyzer (parsed or not)
 * @param filesParsed files that were parsed (possibly with syntax errors)
 * @param lines lines in parsed files
 * @param functions function definitions analyzed
 * @param sites fork/vfork sites found
 * @param millis wall time of the scan
 * @param summaries function summaries built for the whole tree
 * @param configurations extra parses of files in other configurations (compile commands, inactive
 *     spawn branches, named configurations)
 * @param headerVersions headers preprocessed on their own, one per distinct macro context
 * @param headerReuses inclusions served from the header cache
 * @param parses parses of files in all (the parser's runs over a file's text: one per file and
 *     configuration, plus one per round of blanking unknown macros out)
 * @param phases wall time of each phase, in milliseconds
 */
public record ScanStats(
    int filesScanned,
    int filesParsed,
    long lines,
    long functions,
    int sites,
    long millis,
    int summaries,
    long configurations,
    long headerVersions,
    long headerReuses,
    long parses,
    Phases phases) {

  /**
   * Wall time of a scan's phases, in milliseconds (for the benchmark).
   *
   * @param harvest pass 0: the headers' macros
   * @param parse pass 1: every file parsed in each configuration, facts extracted
   * @param summaries the function summaries of the tree
   * @param analyze pass 2: sites, regions, rules, per file
   */
  public record Phases(long harvest, long parse, long summaries, long analyze) {
    public static final Phases NONE = new Phases(0, 0, 0, 0);
  }

  public ScanStats(
      int filesScanned,
      int filesParsed,
      long lines,
      long functions,
      int sites,
      long millis,
      int summaries) {
    this(
        filesScanned,
        filesParsed,
        lines,
        functions,
        sites,
        millis,
        summaries,
        0,
        0,
        0,
        0,
        Phases.NONE);
  }
}
