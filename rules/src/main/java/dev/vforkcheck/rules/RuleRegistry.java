package dev.vforkcheck.rules;

import dev.vforkcheck.engine.Advisor;
import dev.vforkcheck.engine.ChildRule;
import dev.vforkcheck.engine.Rule;
import dev.vforkcheck.engine.RuleMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The explicit list of built-in rules, sorted by id. No classpath scanning: a rule exists when it
 * is listed in {@link #builtin()}.
 */
public final class RuleRegistry {
  private final List<Rule> rules;
  private final Advisor advisor;

  /** A registry of these rules, without a porting advisor. */
  public RuleRegistry(List<Rule> rules) {
    this(rules, null);
  }

  public RuleRegistry(List<Rule> rules, Advisor advisor) {
    List<Rule> sorted = new ArrayList<>(rules);
    sorted.sort(Comparator.comparing(r -> r.metadata().id()));
    this.rules = List.copyOf(sorted);
    this.advisor = advisor;
  }

  /** Every rule that ships with vforkcheck. */
  public static RuleRegistry builtin() {
    List<ChildRule> child = childRules();
    PortAdvisor advisor = new PortAdvisor(child);
    List<Rule> all = new ArrayList<>(child);
    all.add(new ForkToVfork(advisor));
    all.add(new ForkNoExec(advisor));
    all.add(new ForkChildExit());
    all.add(new ForkUnchecked());
    // new-rule: file rules (scripts/new-rule adds `all.add(new X());` above this line)
    return new RuleRegistry(all, advisor);
  }

  /** The rules that judge a vfork child; the porting advisor runs them on fork children too. */
  private static List<ChildRule> childRules() {
    List<ChildRule> out = new ArrayList<>();
    out.add(new VforkExit());
    out.add(new VforkHeap());
    out.add(new VforkNoExit());
    out.add(new VforkReturn());
    out.add(new VforkSharedWrite());
    out.add(new VforkStdio());
    out.add(new VforkUnsafeCall());
    out.add(new VforkSignalHandler());
    // new-rule: child rules (scripts/new-rule adds `out.add(new X());` above this line)
    return out;
  }

  /** The porting advisor the engine runs once per site (the {@code port} verdicts). */
  public Advisor advisor() {
    return advisor;
  }

  public List<Rule> all() {
    return rules;
  }

  public List<RuleMetadata> metadata() {
    return rules.stream().map(Rule::metadata).toList();
  }

  public Optional<Rule> byId(String id) {
    return rules.stream().filter(r -> r.metadata().id().equals(id)).findFirst();
  }

  /** Index of a rule in {@link #all()} (SARIF ruleIndex), or -1. */
  public int indexOf(String id) {
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).metadata().id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** The rule's documentation page ({@code rules/docs/<id>.md}), or empty when it has none. */
  public static Optional<String> docPage(String id) {
    String resource = "docs/" + id + ".md";
    try (InputStream in = RuleRegistry.class.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
