package dev.vforkcheck.cli;

import dev.vforkcheck.engine.RuleMetadata;
import dev.vforkcheck.rules.RuleRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vforkcheck rules}: the rule table. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List the rules with their default level and summary.")
public final class RulesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--markdown",
      description = "Print the table as Markdown, exactly as the README's rule table reads.")
  boolean markdown;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (markdown) {
      out.print(markdownTable(RuleRegistry.builtin()));
      return 0;
    }
    for (RuleMetadata m : RuleRegistry.builtin().metadata()) {
      out.printf("%-20s %-8s %s%n", m.id(), m.severity().word(), m.summary());
    }
    out.println();
    out.println("vforkcheck explain RULE-ID shows a rule's documentation.");
    return 0;
  }

  /** The README's rule table: id linked to its page, level, summary. */
  static String markdownTable(RuleRegistry registry) {
    StringBuilder sb = new StringBuilder("| id | level | finds |\n|---|---|---|\n");
    for (RuleMetadata m : registry.metadata()) {
      sb.append("| [`")
          .append(m.id())
          .append("`](rules/docs/")
          .append(m.id())
          .append(".md) | ")
          .append(m.severity().word())
          .append(" | ")
          .append(m.summary())
          .append(" |\n");
    }
    return sb.toString();
  }
}
