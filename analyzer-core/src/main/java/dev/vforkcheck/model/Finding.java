package dev.vforkcheck.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One problem found by one rule.
 *
 * @param ruleId the stable id of the rule that found it
 * @param severity how serious it is
 * @param message what is wrong, why it breaks vfork, how to fix it
 * @param location the offending statement
 * @param steps the path from the fork/vfork call to the offending statement (may be empty)
 * @param fixes suggested fixes (may be empty)
 * @param fingerprint identifies the finding across unrelated edits (it does not depend on line
 *     numbers); set by the engine, empty until then
 * @param suppression the in-source suppression that silences it, or null
 * @param configurations the configurations it was found in (names such as {@code DROPBEAR_VFORK=1},
 *     {@code default} for the scan's own); empty when found in the default configuration only
 * @param headline what is wrong in a few words, the clause the message starts with after its
 *     subject ({@code calls printf()}), for tables and the porting advice; empty when the rule
 *     gives none
 * @param childPath whether it happens on the child's normal path or only on an error path
 */
public record Finding(
    String ruleId,
    Severity severity,
    String message,
    Location location,
    List<Step> steps,
    List<Fix> fixes,
    String fingerprint,
    Suppression suppression,
    List<String> configurations,
    String headline,
    ChildPath childPath) {

  /** Deterministic report order: path, line, column, rule id, then message. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::location, Location.ORDER)
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::message);

  public Finding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(location, "location");
    steps = List.copyOf(steps);
    fixes = List.copyOf(fixes);
    Objects.requireNonNull(fingerprint, "fingerprint");
    configurations = List.copyOf(configurations);
    Objects.requireNonNull(headline, "headline");
    Objects.requireNonNull(childPath, "childPath");
  }

  public Finding(
      String ruleId,
      Severity severity,
      String message,
      Location location,
      List<Step> steps,
      List<Fix> fixes,
      String fingerprint,
      Suppression suppression) {
    this(
        ruleId,
        severity,
        message,
        location,
        steps,
        fixes,
        fingerprint,
        suppression,
        List.of(),
        "",
        ChildPath.NORMAL);
  }

  public Finding withConfigurations(List<String> names) {
    return new Finding(
        ruleId,
        severity,
        message,
        location,
        steps,
        fixes,
        fingerprint,
        suppression,
        names,
        headline,
        childPath);
  }

  /** A finding without a fingerprint yet (rules create these; the engine fingerprints them). */
  public Finding(
      String ruleId,
      Severity severity,
      String message,
      Location location,
      List<Step> steps,
      List<Fix> fixes) {
    this(ruleId, severity, message, location, steps, fixes, "", null);
  }

  /** A finding with its headline, without a fingerprint yet. */
  public Finding(
      String ruleId,
      Severity severity,
      String message,
      Location location,
      List<Step> steps,
      List<Fix> fixes,
      String headline) {
    this(
        ruleId,
        severity,
        message,
        location,
        steps,
        fixes,
        "",
        null,
        List.of(),
        headline,
        ChildPath.NORMAL);
  }

  /** A copy with another severity (used when configuration overrides a rule's level). */
  public Finding withSeverity(Severity newSeverity) {
    return new Finding(
        ruleId,
        newSeverity,
        message,
        location,
        steps,
        fixes,
        fingerprint,
        suppression,
        configurations,
        headline,
        childPath);
  }

  public Finding withFingerprint(String newFingerprint) {
    return new Finding(
        ruleId,
        severity,
        message,
        location,
        steps,
        fixes,
        newFingerprint,
        suppression,
        configurations,
        headline,
        childPath);
  }

  public Finding withSuppression(Suppression s) {
    return new Finding(
        ruleId,
        severity,
        message,
        location,
        steps,
        fixes,
        fingerprint,
        s,
        configurations,
        headline,
        childPath);
  }

  /** A copy that happens on the given path of the child. */
  public Finding withChildPath(ChildPath path) {
    return new Finding(
        ruleId,
        severity,
        message,
        location,
        steps,
        fixes,
        fingerprint,
        suppression,
        configurations,
        headline,
        path);
  }

  /** True when it happens only on an error path of the child. */
  public boolean onErrorPath() {
    return childPath == ChildPath.ERROR;
  }

  public boolean suppressed() {
    return suppression != null;
  }
}
