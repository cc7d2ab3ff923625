package dev.vforkcheck.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.engine.Engine;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.rules.RuleRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every rule over every corpus case and compares with the annotations: a missing finding, an
 * unexpected finding, a wrong severity or message, a missing or unannotated fork site, a wrong
 * child summary and a wrong child-region pin all fail, with a readable diff. Known misses ({@code
 * todo-expect:}, {@code todo-ok:}) pass only while they are still misses, and are counted and
 * listed on standard output.
 */
class CorpusTest {
  private static final RuleRegistry REGISTRY = RuleRegistry.builtin();

  @Test
  void corpusIsNotEmpty() {
    assertTrue(
        Corpus.caseFiles().size() >= 10,
        "expected a real corpus under " + Corpus.CASES.toAbsolutePath());
  }

  @TestFactory
  Stream<DynamicTest> findingsMatchAnnotations() {
    Engine engine = Corpus.engine(REGISTRY);
    return Corpus.caseFiles().stream()
        .map(p -> DynamicTest.dynamicTest("findings " + p, () -> checkFindings(engine, p)));
  }

  @TestFactory
  Stream<DynamicTest> sitesMatchAnnotations() {
    Engine engine = Corpus.engine(new RuleRegistry(List.of()));
    return Corpus.caseFiles().stream()
        .map(p -> DynamicTest.dynamicTest("sites " + p, () -> checkSites(engine, p)));
  }

  private static void checkFindings(Engine engine, Path file) throws Exception {
    CaseFile c = CaseFile.read(file);
    assertTrue(
        c.hasAnnotations() || Corpus.isInTree(file),
        file + " has no annotations: every corpus case must say what it expects");
    Engine.FileAnalysis fa = Corpus.analyze(engine, file);
    assertTrue(
        fa.facts().diagnostics().stream().noneMatch(d -> d.fileSkipped()),
        () -> file + " was not analyzed: " + fa.facts().diagnostics());
    Map<Integer, List<String>> actual = new TreeMap<>();
    Map<String, String> severities = new java.util.HashMap<>();
    Map<String, List<String>> messages = new java.util.HashMap<>();
    List<Finding> reported = fa.findings().stream().filter(f -> !f.suppressed()).toList();
    for (Finding f : reported) {
      actual.computeIfAbsent(f.location().line(), k -> new ArrayList<>()).add(f.ruleId());
      severities.merge(f.location().line() + ":" + f.ruleId(), f.severity().word(), (a, b) -> a);
      messages
          .computeIfAbsent(f.location().line() + ":" + f.ruleId(), k -> new ArrayList<>())
          .add(f.message());
    }
    List<String> problems = new ArrayList<>(conflicts(c));
    problems.addAll(errorPathProblems(c, reported));
    for (var e : c.expect().entrySet()) {
      for (CaseFile.Expectation x : e.getValue()) {
        List<String> got = actual.getOrDefault(e.getKey(), List.of());
        String key = e.getKey() + ":" + x.ruleId();
        if (!got.contains(x.ruleId())) {
          problems.add("missing   line " + e.getKey() + ": " + x + "   (got " + got + ")");
          continue;
        }
        if (x.severity() != null && !x.severity().equals(severities.get(key))) {
          problems.add(
              "severity  line " + e.getKey() + ": " + x + " reported as " + severities.get(key));
        }
        if (x.message() != null
            && messages.get(key).stream().noneMatch(m -> m.contains(x.message()))) {
          problems.add(
              "message   line "
                  + e.getKey()
                  + ": "
                  + x
                  + " but the message"
                  + (messages.get(key).size() == 1 ? " is" : "s are")
                  + "\n      "
                  + String.join("\n      ", messages.get(key)));
        }
      }
    }
    for (var e : c.todoExpect().entrySet()) {
      for (String id : e.getValue()) {
        for (String m : messages.getOrDefault(e.getKey() + ":" + id, List.of())) {
          problems.add(
              "todo-expect line "
                  + e.getKey()
                  + ": ["
                  + id
                  + "] is reported now ("
                  + m
                  + "): the miss is fixed, turn `todo-expect: "
                  + id
                  + "` into `expect: "
                  + id
                  + "`");
        }
      }
    }
    for (var e : c.todoOk().entrySet()) {
      for (String id : e.getValue()) {
        if (!actual.getOrDefault(e.getKey(), List.of()).contains(id)) {
          problems.add(
              "todo-ok   line "
                  + e.getKey()
                  + ": ["
                  + id
                  + "] is not reported any more: the false"
                  + " positive is now fixed, turn `todo-ok: "
                  + id
                  + "` into `ok: "
                  + id
                  + "`");
        }
      }
    }
    for (Finding f : reported) {
      if (isKnown(c, f)) {
        continue;
      }
      List<String> configs =
          c.expect().getOrDefault(f.location().line(), List.of()).stream()
              .filter(x -> x.ruleId().equals(f.ruleId()))
              .findFirst()
              .map(CaseFile.Expectation::configurations)
              .orElse(List.of());
      if (!f.configurations().equals(configs)) {
        problems.add(
            "config    "
                + f.location()
                + ": ["
                + f.ruleId()
                + "] found in "
                + f.configurations()
                + ", expected "
                + configs);
      }
    }
    for (Finding f : reported) {
      List<CaseFile.Expectation> exp = c.expect().getOrDefault(f.location().line(), List.of());
      boolean expected = exp.stream().anyMatch(x -> x.ruleId().equals(f.ruleId()));
      if (!expected && !isKnown(c, f)) {
        boolean okLine = c.ok().getOrDefault(f.location().line(), List.of()).contains(f.ruleId());
        problems.add(
            (okLine ? "violates ok " : "unexpected ")
                + f.location()
                + ": ["
                + f.ruleId()
                + "] "
                + f.message());
      }
    }
    if (!problems.isEmpty()) {
      fail(file + ":\n  " + String.join("\n  ", problems));
    }
  }

  /**
   * True for a finding the case already accounts for as a known miss: a {@code todo-ok:} false
   * positive, or one on a {@code todo-expect:} line (reported separately, as "now fixed").
   */
  /**
   * Findings on an {@code error-path} line must be tagged error path, all others normal path; an
   * {@code error-path} line without findings is a stale annotation.
   */
  private static List<String> errorPathProblems(CaseFile c, List<Finding> reported) {
    List<String> out = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (Finding f : reported) {
      int line = f.location().line();
      seen.add(line);
      List<String> rules = c.errorPath().get(line);
      boolean annotated = rules != null && (rules.isEmpty() || rules.contains(f.ruleId()));
      if (f.onErrorPath() != annotated) {
        out.add(
            "path      line "
                + line
                + ": ["
                + f.ruleId()
                + "] is reported on the "
                + (f.onErrorPath() ? "error" : "normal")
                + " path but the line "
                + (annotated ? "says `error-path`" : "has no `error-path`"));
      }
    }
    for (int line : c.errorPath().keySet()) {
      if (!seen.contains(line)) {
        out.add("path      line " + line + ": `error-path` but no finding on this line");
      }
    }
    return out;
  }

  private static boolean isKnown(CaseFile c, Finding f) {
    int line = f.location().line();
    return c.todoOk().getOrDefault(line, List.of()).contains(f.ruleId())
        || c.todoExpect().getOrDefault(line, List.of()).contains(f.ruleId());
  }

  /** Clauses on one line that contradict each other for the same rule. */
  private static List<String> conflicts(CaseFile c) {
    List<String> out = new ArrayList<>();
    Set<Integer> lines = new TreeSet<>(c.todoExpect().keySet());
    lines.addAll(c.todoOk().keySet());
    for (int line : lines) {
      Set<String> expected = new HashSet<>();
      c.expect().getOrDefault(line, List.of()).forEach(x -> expected.add(x.ruleId()));
      List<String> ok = c.ok().getOrDefault(line, List.of());
      List<String> todoExpect = c.todoExpect().getOrDefault(line, List.of());
      List<String> todoOk = c.todoOk().getOrDefault(line, List.of());
      for (String id : todoExpect) {
        if (expected.contains(id) || ok.contains(id) || todoOk.contains(id)) {
          out.add(
              "conflict  line "
                  + line
                  + ": todo-expect: "
                  + id
                  + " together with expect:, ok: or todo-ok: "
                  + "of the same rule");
        }
      }
      for (String id : todoOk) {
        if (expected.contains(id) || ok.contains(id)) {
          out.add(
              "conflict  line "
                  + line
                  + ": todo-ok: "
                  + id
                  + " together with expect: or ok: of the same rule");
        }
      }
    }
    return out;
  }

  private static void checkSites(Engine engine, Path file) throws Exception {
    CaseFile c = CaseFile.read(file);
    Engine.FileAnalysis fa = Corpus.analyze(engine, file);
    Map<Integer, String> actual = new TreeMap<>();
    Map<Integer, String> summaries = new TreeMap<>();
    for (SiteContext s : fa.sites()) {
      actual.put(s.site().location().line(), s.site().kind().word());
      summaries.put(s.site().location().line(), s.region().summary());
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < fa.sites().size(); i++) {
      int line = fa.sites().get(i).site().location().line();
      List<String> want = c.configurations().getOrDefault(line, List.of());
      if (!fa.siteConfigurations().get(i).equals(want)) {
        problems.add(
            "site line "
                + line
                + ": found in configurations "
                + fa.siteConfigurations().get(i)
                + ", expected "
                + want);
      }
    }
    if (!c.sites().equals(actual)) {
      problems.add("sites: expected " + c.sites() + " but found " + actual);
    }
    for (var e : c.childSummaries().entrySet()) {
      String got = summaries.get(e.getKey());
      if (!e.getValue().equals(got)) {
        problems.add(
            "child summary line "
                + e.getKey()
                + ": expected '"
                + e.getValue()
                + "' but was '"
                + got
                + "'");
      }
    }
    Set<Integer> childLines = new TreeSet<>();
    Set<Integer> nodeLines = new HashSet<>();
    for (var fn : fa.facts().functions()) {
      for (CfgNode n : fn.cfg().nodes()) {
        nodeLines.add(n.location().line());
      }
    }
    for (SiteContext s : fa.sites()) {
      for (CfgNode n : s.region().nodes()) {
        childLines.add(n.location().line());
      }
    }
    for (int line : c.inChild()) {
      if (!nodeLines.contains(line)) {
        problems.add("in-child line " + line + ": no statement starts on this line");
      } else if (!childLines.contains(line)) {
        problems.add("in-child line " + line + ": the child region does not include it");
      }
    }
    for (int line : c.notChild()) {
      if (!nodeLines.contains(line)) {
        problems.add("not-child line " + line + ": no statement starts on this line");
      } else if (childLines.contains(line)) {
        problems.add("not-child line " + line + ": the child region includes it");
      }
    }
    if (!problems.isEmpty()) {
      fail(file + ":\n  " + String.join("\n  ", problems));
    }
  }

  /**
   * Known misses ({@code todo-expect:}) and known false positives ({@code todo-ok:}) pass the
   * findings check, so they are counted and listed here on every run instead of passing silently;
   * their rule ids must be real (a misspelt {@code todo-expect:} would otherwise never fail).
   */
  @Test
  void knownMissesAreCountedAndListed() throws Exception {
    Set<String> known = new HashSet<>();
    REGISTRY.metadata().forEach(m -> known.add(m.id()));
    List<String> listed = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    int todoExpect = 0;
    int todoOk = 0;
    for (Path p : Corpus.caseFiles()) {
      CaseFile c = CaseFile.read(p);
      Map<Integer, List<String>> byLine = new TreeMap<>();
      for (var e : c.todoExpect().entrySet()) {
        for (String id : e.getValue()) {
          byLine.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add("todo-expect: " + id);
          todoExpect++;
        }
      }
      for (var e : c.todoOk().entrySet()) {
        for (String id : e.getValue()) {
          byLine.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add("todo-ok: " + id);
          todoOk++;
        }
      }
      for (var e : byLine.entrySet()) {
        for (String clause : e.getValue()) {
          listed.add(p + ":" + e.getKey() + ": " + clause);
          String id = clause.substring(clause.indexOf(':') + 1).trim();
          if (!known.contains(id)) {
            unknown.add(p + ":" + e.getKey() + ": " + clause + " names an unknown rule");
          }
        }
      }
    }
    StringBuilder out =
        new StringBuilder(
            "corpus: " + todoExpect + " todo-expect, " + todoOk + " todo-ok (known misses)");
    listed.forEach(l -> out.append("\n  ").append(l));
    System.out.println(out);
    assertEquals(List.of(), unknown);
  }

  @Test
  void everyRuleHasBadAndGoodCases() throws Exception {
    Map<String, Integer> bad = new TreeMap<>();
    Map<String, Integer> good = new TreeMap<>();
    for (Path p : Corpus.caseFiles()) {
      CaseFile c = CaseFile.read(p);
      c.expect().values().forEach(l -> l.forEach(x -> bad.merge(x.ruleId(), 1, Integer::sum)));
      c.ok().values().forEach(l -> l.forEach(id -> good.merge(id, 1, Integer::sum)));
    }
    List<String> missing = new ArrayList<>();
    for (var m : REGISTRY.metadata()) {
      int b = bad.getOrDefault(m.id(), 0);
      int g = good.getOrDefault(m.id(), 0);
      if (b < 6 || g < 4) {
        missing.add(m.id() + " has " + b + " bad and " + g + " good cases (need 6 and 4)");
      }
    }
    Set<String> known = new HashSet<>();
    REGISTRY.metadata().forEach(m -> known.add(m.id()));
    for (String id : bad.keySet()) {
      assertTrue(known.contains(id), "corpus expects unknown rule " + id);
    }
    for (String id : good.keySet()) {
      assertTrue(known.contains(id), "corpus names unknown rule " + id + " in ok:");
    }
    assertEquals(List.of(), missing);
    assertFalse(bad.isEmpty());
  }
}
