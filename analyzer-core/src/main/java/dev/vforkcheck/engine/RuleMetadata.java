package dev.vforkcheck.engine;

import dev.vforkcheck.model.Severity;
import java.util.List;

/**
 * A rule's metadata as data, read from its {@link RuleInfo}.
 *
 * @param id the stable rule id
 * @param name the rule class's simple name (SARIF {@code name})
 * @param summary one line, no trailing period
 * @param severity default severity
 * @param tags tags for filtering and SARIF
 * @param precision SARIF precision
 */
public record RuleMetadata(
    String id,
    String name,
    String summary,
    Severity severity,
    List<String> tags,
    String precision) {
  public RuleMetadata {
    tags = List.copyOf(tags);
  }

  /** The same rule reporting at another level (a note where the rule's default is a warning). */
  public RuleMetadata withSeverity(Severity other) {
    return new RuleMetadata(id, name, summary, other, tags, precision);
  }

  public static RuleMetadata of(Class<? extends Rule> type) {
    RuleInfo info = type.getAnnotation(RuleInfo.class);
    if (info == null) {
      throw new IllegalArgumentException(type.getName() + " has no @RuleInfo");
    }
    return new RuleMetadata(
        info.id(),
        type.getSimpleName(),
        info.summary(),
        info.severity(),
        List.of(info.tags()),
        info.precision());
  }
}
