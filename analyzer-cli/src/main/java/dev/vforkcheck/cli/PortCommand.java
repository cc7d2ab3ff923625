package dev.vforkcheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vforkcheck.cli.report.ReportContext;
import dev.vforkcheck.cli.report.SarifReporter;
import dev.vforkcheck.cli.report.TextReporter;
import dev.vforkcheck.engine.Engine;
import dev.vforkcheck.engine.Rule;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.RuleInfo;
import dev.vforkcheck.engine.ScanResult;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Location;
import dev.vforkcheck.model.Severity;
import dev.vforkcheck.rules.PortAdvisor;
import dev.vforkcheck.rules.RuleRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vforkcheck port PATH...}: the porter's table of every fork/vfork site with its verdict. */
@Command(name = "port", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "For every fork()/vfork() site, say whether it can become vfork() on a no-MMU target: vfork"
                + " already, swap-safe, swap-safe after fixes, or needs restructuring (with the reason).",
        footerHeading = "%nExamples:%n",
        footer = {"  vforkcheck port src/",
                "  vforkcheck port --format json src/ > port.json",
                "  vforkcheck scan --fix --fix-rule fork-to-vfork src/     apply the swaps",
                "  vforkcheck scan --diff --fix-rule fork-to-vfork src/    show them as a diff"})
public final class PortCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { text, json, sarif }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    AnalysisOptions analysis;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "C files or directories.")
    List<Path> paths;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE (atomically).")
    Path output;

    /** Collects the advice of every site while the engine runs; not a registered rule. */
    @RuleInfo(id = "port-advice", summary = "collects porting advice", severity = Severity.NOTE)
    static final class AdviceCollector implements Rule {
        private final PortAdvisor advisor = RuleRegistry.portAdvisor();
        /** One advice per site (the first configuration's), with every configuration the site was found in. */
        private final Map<String, PortAdvisor.Advice> advice = new java.util.LinkedHashMap<>();
        private final Map<String, java.util.Set<String>> configurations = new java.util.HashMap<>();

        @Override
        public List<Finding> check(RuleContext context) {
            String config = context.file().variant().isDefault() ? dev.vforkcheck.engine.Engine.DEFAULT_CONFIGURATION
                    : context.file().variant().name();
            synchronized (this) {
                for (PortAdvisor.Advice a : advisor.advise(context)) {
                    String key = a.site().site().location().toString();
                    advice.putIfAbsent(key, a);
                    configurations.computeIfAbsent(key, k -> new java.util.LinkedHashSet<>()).add(config);
                }
            }
            return List.of();
        }

        synchronized List<PortAdvisor.Advice> advice() {
            return new ArrayList<>(advice.values());
        }

        /** The configurations a site was found in; empty when only the default one. */
        synchronized List<String> configurationsOf(PortAdvisor.Advice a) {
            java.util.Set<String> c = configurations.getOrDefault(a.site().site().location().toString(), java.util.Set.of());
            return c.equals(java.util.Set.of(dev.vforkcheck.engine.Engine.DEFAULT_CONFIGURATION)) ? List.of() : List.copyOf(c);
        }
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = spec.commandLine();
        Config project = AnalysisOptions.projectConfig(cmd, paths.get(0));
        AnalysisOptions.Scope scope = analysis.scope(cmd, paths, project);
        List<Path> files = scope.files().stream().filter(f -> !project.excluded(f)).toList();
        RuleRegistry registry = RuleRegistry.builtin();
        AdviceCollector collector = new AdviceCollector();
        List<Rule> rules = new ArrayList<>();
        rules.add(collector);
        registry.byId("fork-to-vfork").ifPresent(rules::add);
        registry.byId("fork-no-exec").ifPresent(rules::add);
        var config = analysis.config(cmd, rules, Path.of("").toAbsolutePath(), project).withRoots(scope.roots())
                .withReport(scope.report());
        ScanResult result = new Engine(analysis.knowledge(project.assumeSafe()), config).scan(files);
        List<PortAdvisor.Advice> advice = collector.advice();
        advice.sort(Comparator.comparing(a -> a.site().site().location(), Location.ORDER));
        String content = switch (format) {
            case text -> text(advice, collector::configurationsOf);
            case json -> json(advice, collector::configurationsOf);
            case sarif -> SarifReporter.render(result, registry, new ReportContext(VersionProvider.version(),
                    config.baseDir(), SourceRoot.find(config.baseDir())));
        };
        if (output == null) {
            cmd.getOut().print(content);
            cmd.getOut().flush();
        } else {
            OutputWriter.write(output, content);
        }
        cmd.getErr().print(new TextReporter(false).diagnostics(result));
        if (format != Format.text || output != null) {
            cmd.getErr().println(totalsLine(advice));
        }
        cmd.getErr().println("(" + TextReporter.plural(result.stats().filesScanned(), "file") + " scanned)");
        return 0;
    }

    static String text(List<PortAdvisor.Advice> advice, java.util.function.Function<PortAdvisor.Advice, List<String>> configs) {
        StringBuilder sb = new StringBuilder();
        for (PortAdvisor.Advice a : advice) {
            var site = a.site().site();
            sb.append(site.location().gccPrefix()).append(": ").append(site.kind().word()).append(" in function ")
                    .append(site.function()).append(": ").append(a.verdict().label()).append(" (").append(a.reason())
                    .append(")").append(configs.apply(a).isEmpty() ? "" : " [" + String.join(", ", configs.apply(a)) + "]")
                    .append('\n');
        }
        sb.append(totalsLine(advice)).append('\n');
        return sb.toString();
    }

    static Map<PortAdvisor.Verdict, Integer> totals(List<PortAdvisor.Advice> advice) {
        Map<PortAdvisor.Verdict, Integer> t = new EnumMap<>(PortAdvisor.Verdict.class);
        for (PortAdvisor.Verdict v : PortAdvisor.Verdict.values()) {
            t.put(v, 0);
        }
        advice.forEach(a -> t.merge(a.verdict(), 1, Integer::sum));
        return t;
    }

    static String totalsLine(List<PortAdvisor.Advice> advice) {
        Map<PortAdvisor.Verdict, Integer> t = totals(advice);
        StringBuilder sb = new StringBuilder(TextReporter.plural(advice.size(), "site")).append(": ");
        List<String> parts = new ArrayList<>();
        t.forEach((v, n) -> parts.add(n + " " + v.label()));
        return sb.append(String.join(", ", parts)).toString();
    }

    static String json(List<PortAdvisor.Advice> advice, java.util.function.Function<PortAdvisor.Advice, List<String>> configs)
            throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("schemaVersion", 1);
        ArrayNode sites = root.putArray("sites");
        for (PortAdvisor.Advice a : advice) {
            var site = a.site().site();
            ObjectNode n = sites.addObject();
            n.put("path", site.location().path());
            n.put("line", site.location().line());
            n.put("column", site.location().column());
            n.put("kind", site.kind().word());
            n.put("function", site.function());
            n.put("verdict", a.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            n.put("reason", a.reason());
            n.put("childNeverExecs", a.neverExecs());
            if (!configs.apply(a).isEmpty()) {
                configs.apply(a).forEach(n.putArray("configurations")::add);
            }
            if (a.fix() != null) {
                ObjectNode fix = n.putObject("fix");
                fix.put("description", a.fix().description());
                ArrayNode edits = fix.putArray("edits");
                for (var e : a.fix().edits()) {
                    ObjectNode edit = edits.addObject();
                    edit.put("line", e.range().line());
                    edit.put("column", e.range().column());
                    edit.put("endLine", e.range().endLine());
                    edit.put("endColumn", e.range().endColumn());
                    edit.put("replacement", e.replacement());
                }
            }
        }
        ObjectNode totals = root.putObject("totals");
        totals(advice).forEach((v, count) -> totals.put(v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), count));
        return mapper.writeValueAsString(root) + "\n";
    }
}
