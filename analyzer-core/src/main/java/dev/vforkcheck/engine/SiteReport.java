package dev.vforkcheck.engine;

import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.analysis.PathEnd;

import java.util.List;

/**
 * A fork/vfork site with the summary of how its child paths end, for the {@code sites} inventory.
 *
 * @param helperCalls   calls the child makes to project functions whose bodies were summarized
 * @param unknownCalls  calls the child makes to functions with no body in the tree and no libc entry,
 *                      or through pointers
 * @param helperEndings child path endings that happen inside a project helper (it never returns)
 * @param configurations the configurations the site was found in; empty for the default one only
 */
public record SiteReport(ForkSite site, String childSummary, List<PathEnd> ends, int helperCalls, int unknownCalls,
                         int helperEndings, List<String> configurations) {
    public SiteReport {
        ends = List.copyOf(ends);
        configurations = List.copyOf(configurations);
    }
}
