package dev.vforkcheck.corpus;

import dev.vforkcheck.engine.Engine;
import dev.vforkcheck.engine.ScanConfig;
import dev.vforkcheck.frontend.ParseOptions;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.rules.RuleRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the corpus and runs the engine on it. */
final class Corpus {
    static final Path CASES = Path.of("cases");
    private static final KnowledgeBase KNOWLEDGE = KnowledgeBase.load();

    private Corpus() {
    }

    static List<Path> caseFiles() {
        try (Stream<Path> s = Files.walk(CASES)) {
            return s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Engine engine(RuleRegistry registry) {
        return new Engine(KNOWLEDGE, new ScanConfig(CASES, ParseOptions.defaults(), registry.all(), 1));
    }
}
