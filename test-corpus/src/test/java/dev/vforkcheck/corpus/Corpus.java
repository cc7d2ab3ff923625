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

  private Corpus() {}

  /** Every annotated C file: single-file cases and the files of multi-file trees. */
  static List<Path> caseFiles() {
    try (Stream<Path> s = Files.walk(CASES)) {
      return s.filter(
              p -> p.toString().endsWith(".c") || (isInTree(p) && p.toString().endsWith(".h")))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A folder whose name ends in {@code .tree} is one multi-file case: its files are scanned
   * together, as a project would be, so calls resolve across them.
   */
  static boolean isInTree(Path p) {
    for (Path part : CASES.relativize(p)) {
      if (part.toString().endsWith(".tree")) {
        return true;
      }
    }
    return false;
  }

  /** The files scanned together with {@code p}: its whole tree, or just itself. */
  static List<Path> scanUnit(Path p) {
    if (!isInTree(p)) {
      return List.of(p);
    }
    Path tree = p.getParent();
    while (!tree.getFileName().toString().endsWith(".tree")) {
      tree = tree.getParent();
    }
    try (Stream<Path> s = Files.walk(tree)) {
      return s.filter(f -> f.toString().endsWith(".c") || f.toString().endsWith(".h"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The analysis of {@code p}, done with the other files of its tree. A tree may hold a file {@code
   * options}: command-line options for the scan, one per line, where {@code ${tree}} stands for the
   * tree's folder (e.g. {@code -I}, {@code ${tree}/include}, {@code --compile-commands}).
   */
  static dev.vforkcheck.engine.Engine.FileAnalysis analyze(Engine engine, Path p) {
    List<Path> unit = scanUnit(p);
    if (unit.size() == 1) {
      return engine.analyzeFile(p);
    }
    Engine forTree = treeEngine(engine, treeOf(p));
    List<dev.vforkcheck.engine.Engine.FileAnalysis> all = forTree.analyzeAll(unit);
    return all.get(unit.indexOf(p));
  }

  private static Path treeOf(Path p) {
    Path tree = p.getParent();
    while (!tree.getFileName().toString().endsWith(".tree")) {
      tree = tree.getParent();
    }
    return tree;
  }

  /**
   * The engine for a tree: the default one, or one configured by the tree's {@code options} file.
   */
  private static Engine treeEngine(Engine engine, Path tree) {
    Path options = tree.resolve("options");
    if (!Files.isRegularFile(options)) {
      return engine;
    }
    try {
      List<String> args =
          Files.readAllLines(options).stream()
              .map(String::strip)
              .filter(l -> !l.isEmpty())
              .filter(l -> !l.startsWith("#"))
              .map(l -> l.replace("${tree}", tree.toAbsolutePath().toString()))
              .toList();
      java.util.Set<String> ids = new java.util.HashSet<>();
      engine.rules().forEach(r -> ids.add(r.metadata().id()));
      RuleRegistry all = RuleRegistry.builtin();
      all.metadata().forEach(m -> ids.add(m.id()));
      ScanConfig config =
          dev.vforkcheck.cli.AnalysisOptions.fromArguments(args, CASES, engine.rules(), ids)
              .withJobs(1);
      return new Engine(KNOWLEDGE, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Engine engine(RuleRegistry registry) {
    return new Engine(KNOWLEDGE, new ScanConfig(CASES, ParseOptions.defaults(), registry.all(), 1));
  }
}
