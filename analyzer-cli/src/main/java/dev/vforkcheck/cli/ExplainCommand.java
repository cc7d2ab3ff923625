package dev.vforkcheck.cli;

import dev.vforkcheck.rules.RuleRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code vforkcheck explain RULE-ID}: a rule's documentation page. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Print the documentation of a rule: what it finds, why it breaks, examples, fix, suppression.")
public final class ExplainCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "RULE-ID", description = "A rule id, as listed by `vforkcheck rules`.")
  String id;

  @Override
  public Integer call() {
    RuleRegistry registry = RuleRegistry.builtin();
    if (registry.byId(id).isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "unknown rule '"
              + id
              + "'; known rules: "
              + String.join(", ", registry.metadata().stream().map(m -> m.id()).toList()));
    }
    String page = RuleRegistry.docPage(id).orElse("(no documentation page for " + id + ")");
    spec.commandLine().getOut().print(page.endsWith("\n") ? page : page + "\n");
    return 0;
  }
}
