package dev.vforkcheck.engine;

import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.analysis.PathEnd;

import java.util.List;

/** A fork/vfork site with the summary of how its child paths end, for the {@code sites} inventory. */
public record SiteReport(ForkSite site, String childSummary, List<PathEnd> ends) {
    public SiteReport {
        ends = List.copyOf(ends);
    }
}
