package dev.vforkcheck.engine;

import dev.vforkcheck.analysis.ChildCall;
import dev.vforkcheck.analysis.ChildRegion;
import dev.vforkcheck.analysis.ChildWrite;
import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.frontend.FunctionFacts;
import java.util.List;

/**
 * One fork/vfork site with the function that contains it, its child region (with the child's calls,
 * stores, endings and witness paths, computed once) and its porting advice.
 *
 * @param advice the porting verdict, or null before the engine's advisor ran (or without one)
 */
public record SiteContext(
    FunctionFacts function, ForkSite site, ChildRegion region, PortAdvice advice) {

  public SiteContext(FunctionFacts function, ForkSite site, ChildRegion region) {
    this(function, site, region, null);
  }

  /** The calls the child makes, in CFG order. */
  public List<ChildCall> calls() {
    return region.calls();
  }

  /** The stores the child makes, in CFG order. */
  public List<ChildWrite> writes() {
    return region.writes();
  }

  /**
   * This site viewed as a {@code vfork()} call (itself when it is one): what a swap would make it.
   */
  public SiteContext asVfork() {
    if (site.kind() == ForkSite.Kind.VFORK) {
      return this;
    }
    ForkSite v =
        new ForkSite(
            ForkSite.Kind.VFORK,
            site.function(),
            site.location(),
            site.node(),
            site.call(),
            site.resultKey(),
            "vfork",
            site.onlyChildContinues(),
            site.neverFails());
    return new SiteContext(function, v, region.forSite(v), advice);
  }

  SiteContext withAdvice(PortAdvice a) {
    return new SiteContext(function, site, region, a);
  }
}
