package dev.vforkcheck.cli.report;

import dev.vforkcheck.engine.ScanResult;

/**
 * One output format: a pure function of a scan result and its context. The scan result carries
 * everything a report needs (findings, sites with their child summaries and porting verdicts,
 * diagnostics, statistics, source snippets, function extents); a new format is one more
 * implementation, selected in the command that offers it.
 */
public interface Reporter {
  /** The whole report. */
  String render(ScanResult result, ReportContext context);
}
