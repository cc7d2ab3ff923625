package dev.vforkcheck.engine;

import dev.vforkcheck.model.Finding;
import java.util.List;

/**
 * One check. A rule reads the shared analyses in its {@link RuleContext} and returns findings; it
 * keeps no state between calls, prints nothing, and is annotated with {@link RuleInfo}.
 */
public interface Rule {
  List<Finding> check(RuleContext context);

  default RuleMetadata metadata() {
    return RuleMetadata.of(getClass());
  }
}
