package dev.vforkcheck.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vforkcheck.engine.Rule;
import dev.vforkcheck.engine.RuleInfo;
import dev.vforkcheck.engine.RuleMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RuleRegistryTest {
  private final RuleRegistry registry = RuleRegistry.builtin();

  /**
   * Every class in this module's source folder annotated as a rule, found by reading the sources.
   */
  private static List<String> ruleClassesInSources() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("src/main/java/dev/vforkcheck/rules"))) {
      for (Path p : s.sorted().toList()) {
        String text = Files.readString(p);
        if (text.contains("@RuleInfo(")) {
          out.add(p.getFileName().toString().replace(".java", ""));
        }
      }
    }
    return out;
  }

  @Test
  void everyRuleClassIsRegistered() throws IOException {
    List<String> registered =
        registry.all().stream().map(r -> r.getClass().getSimpleName()).sorted().toList();
    assertEquals(ruleClassesInSources(), registered);
  }

  @Test
  void idsAreUniqueSortedAndWellFormed() {
    List<String> ids = registry.metadata().stream().map(RuleMetadata::id).toList();
    assertEquals(new HashSet<>(ids).size(), ids.size(), "duplicate ids: " + ids);
    assertEquals(ids.stream().sorted().toList(), ids);
    for (String id : ids) {
      assertTrue(id.matches("[a-z]+(-[a-z]+)+"), id);
    }
  }

  @Test
  void metadataIsComplete() {
    Set<String> precisions = Set.of("very-high", "high", "medium", "low");
    for (Rule r : registry.all()) {
      RuleInfo info = r.getClass().getAnnotation(RuleInfo.class);
      assertTrue(info != null, r.getClass() + " lacks @RuleInfo");
      RuleMetadata m = r.metadata();
      assertFalse(m.summary().isBlank(), m.id());
      assertFalse(m.summary().endsWith("."), m.id() + ": summary must not end with a period");
      assertFalse(m.tags().isEmpty(), m.id() + " has no tags");
      assertTrue(precisions.contains(m.precision()), m.id() + " precision " + m.precision());
    }
  }

  @Test
  void everyRuleHasADocPageWithTheRequiredSections() {
    for (RuleMetadata m : registry.metadata()) {
      String page = RuleRegistry.docPage(m.id()).orElse(null);
      assertTrue(page != null, "missing rules/docs/" + m.id() + ".md");
      assertTrue(page.startsWith("# " + m.id()), m.id() + " page must start with its id");
      assertTrue(
          page.contains("## Why it breaks") || page.contains("## Why it matters"),
          m.id() + " page lacks its why");
      for (String section : List.of("## Bad", "## Good", "## How to fix", "## How to suppress")) {
        assertTrue(page.contains(section), m.id() + " page lacks " + section);
      }
    }
  }

  @Test
  void lookupByIdAndIndex() {
    assertTrue(registry.byId("vfork-exit").isPresent());
    assertTrue(registry.byId("nope").isEmpty());
    assertEquals("vfork-exit", registry.all().get(registry.indexOf("vfork-exit")).metadata().id());
    assertEquals(-1, registry.indexOf("nope"));
  }
}
