package dev.vforkcheck.engine;

import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.model.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule that judges the child of one site as a vfork child. The engine runs it once per site (on
 * fork sites too, viewed as vfork calls, for the porting advice) and reports its findings for the
 * real vfork sites; it never runs twice on the same site.
 */
public interface ChildRule extends Rule {

  /**
   * The problems {@code site}'s child has as a vfork child ({@code site.site()} may be a fork
   * call).
   */
  List<Finding> checkChild(RuleContext context, SiteContext site);

  /** The findings of the real vfork sites of a file. */
  @Override
  default List<Finding> check(RuleContext context) {
    List<Finding> out = new ArrayList<>();
    for (SiteContext s : context.sites()) {
      if (s.site().kind() == ForkSite.Kind.VFORK) {
        out.addAll(checkChild(context, s));
      }
    }
    return out;
  }
}
