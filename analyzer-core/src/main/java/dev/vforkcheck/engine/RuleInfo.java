package dev.vforkcheck.engine;

import dev.vforkcheck.model.Severity;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A rule's metadata, in one place on the rule class. The long explanation lives in {@code
 * rules/docs/<id>.md}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
  /** Stable id, lower-case words joined by '-', e.g. {@code vfork-exit}. */
  String id();

  /** One line, no trailing period. */
  String summary();

  Severity severity();

  String[] tags() default {};

  /** SARIF precision: very-high, high, medium or low. */
  String precision() default "high";
}
