package dev.vforkcheck.engine;

import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Finding;

import java.util.List;

/**
 * Everything a scan produced, in deterministic order.
 *
 * @param contentHashes SHA-256 of each parsed file's bytes as read, by reported path: a fix is
 *                      applied only to a file that still has these bytes
 */
public record ScanResult(List<Finding> findings, List<Diagnostic> diagnostics, List<SiteReport> sites,
                         java.util.Map<String, String> contentHashes, ScanStats stats) {
    public ScanResult {
        findings = List.copyOf(findings);
        diagnostics = List.copyOf(diagnostics);
        sites = List.copyOf(sites);
        contentHashes = java.util.Map.copyOf(contentHashes);
    }
}
