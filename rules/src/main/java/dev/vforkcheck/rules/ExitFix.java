package dev.vforkcheck.rules;

import dev.vforkcheck.analysis.ChildCall;
import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Fix;
import dev.vforkcheck.model.TextEdit;
import java.util.List;
import java.util.Optional;

/** The fix that turns a direct {@code exit()} call into its safe replacement ({@code _exit()}). */
final class ExitFix {
  private ExitFix() {}

  /**
   * The fix for a direct call of an exit-class function that has a safe replacement, else empty.
   */
  static Optional<Fix> of(ChildCall c, KnowledgeBase knowledge) {
    if (c.cls() != FunctionClass.EXIT) {
      return Optional.empty();
    }
    return knowledge
        .safeReplacement(c.name())
        .map(
            r ->
                new Fix(
                    "replace " + c.name() + "() with " + r + "()",
                    List.of(new TextEdit(c.call().nameLocation(), r))));
  }
}
