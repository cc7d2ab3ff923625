package dev.vforkcheck.cli;

import dev.vforkcheck.engine.RuleMetadata;
import dev.vforkcheck.rules.RuleRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code vforkcheck rules}: the rule table. */
@Command(name = "rules", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List the rules with their default level and summary.")
public final class RulesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        for (RuleMetadata m : RuleRegistry.builtin().metadata()) {
            out.printf("%-20s %-8s %s%n", m.id(), m.severity().word(), m.summary());
        }
        out.println();
        out.println("vforkcheck explain RULE-ID shows a rule's documentation.");
        return 0;
    }
}
