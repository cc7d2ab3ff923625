package dev.vforkcheck.rules;

import dev.vforkcheck.engine.Advisor;
import dev.vforkcheck.engine.PortingRule;

/**
 * The base of the rules that report the porting verdict of each site ({@code fork-to-vfork}, {@code
 * fork-no-exec}): they hold the advisor whose verdicts the engine computes, and read each site's
 * {@code advice()}.
 */
abstract class VerdictRule implements PortingRule {
  private final Advisor advisor;

  VerdictRule(Advisor advisor) {
    this.advisor = advisor;
  }

  @Override
  public final Advisor advisor() {
    return advisor;
  }
}
