package dev.vforkcheck.engine;

import dev.vforkcheck.analysis.ChildRegion;
import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.frontend.FunctionFacts;

/** One fork/vfork site with the function that contains it and its child region. */
public record SiteContext(FunctionFacts function, ForkSite site, ChildRegion region) {
}
