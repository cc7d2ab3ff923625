package dev.vforkcheck.engine;

/**
 * A rule that reports the porting advice of each site ({@link SiteContext#advice()}). When the scan
 * configuration names no advisor, the engine uses the one such a rule brings.
 */
public interface PortingRule extends Rule {
  /** The advisor whose verdicts this rule reports. */
  Advisor advisor();
}
