package dev.vforkcheck.engine;

import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Finding;
import java.util.List;
import java.util.Map;

/**
 * Everything a scan produced, in deterministic order.
 *
 * @param contentHashes SHA-256 of each parsed file's bytes as read, by reported path: a fix is
 *     applied only to a file that still has these bytes
 * @param snippets the source text of the lines findings, their steps and sites point at, by
 *     reported path and line number (for reports that quote the code)
 * @param stats counts and time
 */
public record ScanResult(
    List<Finding> findings,
    List<Diagnostic> diagnostics,
    List<SiteReport> sites,
    Map<String, String> contentHashes,
    Map<String, Map<Integer, String>> snippets,
    ScanStats stats) {
  public ScanResult {
    findings = List.copyOf(findings);
    diagnostics = List.copyOf(diagnostics);
    sites = List.copyOf(sites);
    contentHashes = Map.copyOf(contentHashes);
    snippets = Map.copyOf(snippets);
  }

  /** The same result with other findings (after baseline, diff-base or level changes). */
  public ScanResult withFindings(List<Finding> other) {
    return new ScanResult(other, diagnostics, sites, contentHashes, snippets, stats);
  }

  /** The text of a line a finding, step or site points at, or null when it was not kept. */
  public String snippet(String path, int line) {
    Map<Integer, String> lines = snippets.get(path);
    return lines == null ? null : lines.get(line);
  }
}
