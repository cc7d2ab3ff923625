package dev.vforkcheck.engine;

import dev.vforkcheck.model.Finding;
import java.util.List;

/**
 * Judges every site once for porting: the engine runs the advisor's child rules on the site viewed
 * as a vfork call and hands their findings to {@link #advise}. The rules module provides the
 * implementation; the engine only knows this interface.
 */
public interface Advisor {

  /** The rules that judge a vfork child; the engine runs each once per site. */
  List<ChildRule> childRules();

  /**
   * The porting verdict of {@code site}.
   *
   * @param asVforkChild the findings of {@link #childRules()} on the site viewed as a vfork call
   */
  PortAdvice advise(RuleContext context, SiteContext site, List<Finding> asVforkChild);
}
