package dev.vforkcheck.rules;

import dev.vforkcheck.engine.RuleMetadata;
import dev.vforkcheck.model.ChildPath;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Fix;
import dev.vforkcheck.model.Location;
import dev.vforkcheck.model.Step;
import java.util.List;

/**
 * What a child rule says about one statement: the finding's message is {@code <subject> <headline>
 * <tail>} ({@code the vfork() child} + {@code calls printf(), which works on FILE buffers ...} +
 * {@code : the child's output lands ...}), and the headline alone is what tables and the porting
 * advice quote.
 *
 * @param headline what is wrong in a few words
 * @param tail the rest of the message: why it breaks vfork and how to fix it
 * @param fixes suggested fixes
 */
record Problem(String headline, String tail, List<Fix> fixes) {
  Problem {
    fixes = List.copyOf(fixes);
  }

  Problem(String headline, String tail) {
    this(headline, tail, List.of());
  }

  /**
   * The finding of rule {@code rule} for this problem.
   *
   * @param onErrorPath the child does it only on an error path
   */
  Finding finding(
      RuleMetadata rule, String subject, Location at, List<Step> steps, boolean onErrorPath) {
    return new Finding(
            rule.id(), rule.severity(), subject + " " + headline + tail, at, steps, fixes, headline)
        .withChildPath(onErrorPath ? ChildPath.ERROR : ChildPath.NORMAL);
  }
}
