package dev.vforkcheck.engine;

import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Finding;

import java.util.List;

/** Everything a scan produced, in deterministic order. */
public record ScanResult(List<Finding> findings, List<Diagnostic> diagnostics, List<SiteReport> sites,
                         ScanStats stats) {
    public ScanResult {
        findings = List.copyOf(findings);
        diagnostics = List.copyOf(diagnostics);
        sites = List.copyOf(sites);
    }
}
