package dev.vforkcheck.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vforkcheck.engine.RuleMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The metadata line of every page in {@code rules/docs} agrees with the rule's {@code @RuleInfo}:
 * the page starts with {@code # <id>} and has a line {@code **Level:** <severity> (default) ·
 * **Tags:** a, b, c} with the rule's default severity and exactly its tags, in order; and every
 * page belongs to a registered rule. (That each rule has a page with the required sections is
 * {@link RuleRegistryTest}'s job.)
 */
class DocPageMetadataTest {
  /** The pages' source folder: Maven runs this module's tests in the module's folder. */
  private static final Path DOCS = Path.of("docs");

  private static final Pattern META =
      Pattern.compile("\\*\\*Level:\\*\\* (\\S+) \\(default\\) · \\*\\*Tags:\\*\\* (.+)");

  @Test
  void pageLevelAndTagsMatchRuleInfo() throws IOException {
    List<String> problems = new ArrayList<>();
    for (RuleMetadata m : RuleRegistry.builtin().metadata()) {
      Path page = DOCS.resolve(m.id() + ".md");
      if (!Files.isRegularFile(page)) {
        problems.add(page + ": missing");
        continue;
      }
      List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).strip().equals("# " + m.id())) {
        problems.add(
            page
                + ":1: first line must be '# "
                + m.id()
                + "', is '"
                + (lines.isEmpty() ? "" : lines.get(0))
                + "'");
      }
      List<Integer> metaLines = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("**Level:**")) {
          metaLines.add(i);
        }
      }
      if (metaLines.size() != 1) {
        problems.add(
            page
                + ": expected one '**Level:** "
                + m.severity().word()
                + " (default) · **Tags:** "
                + String.join(", ", m.tags())
                + "' line, found "
                + metaLines.size());
        continue;
      }
      int at = metaLines.get(0);
      Matcher x = META.matcher(lines.get(at).strip());
      String where = page + ":" + (at + 1) + ": ";
      if (!x.matches()) {
        problems.add(
            where
                + "malformed, expected '**Level:** "
                + m.severity().word()
                + " (default) · **Tags:** "
                + String.join(", ", m.tags())
                + "', is '"
                + lines.get(at)
                + "'");
        continue;
      }
      if (!x.group(1).equals(m.severity().word())) {
        problems.add(
            where + "level " + x.group(1) + ", but @RuleInfo severity is " + m.severity().word());
      }
      List<String> tags = Arrays.stream(x.group(2).split(",")).map(String::strip).toList();
      if (!tags.equals(m.tags())) {
        problems.add(where + "tags " + tags + ", but @RuleInfo tags are " + m.tags());
      }
    }
    if (!problems.isEmpty()) {
      fail("rule pages differ from @RuleInfo:\n  " + String.join("\n  ", problems));
    }
  }

  @Test
  void everyPageBelongsToARegisteredRule() throws IOException {
    Set<String> ids =
        RuleRegistry.builtin().metadata().stream()
            .map(RuleMetadata::id)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> pages;
    try (Stream<Path> s = Files.list(DOCS)) {
      pages =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".md"))
              .map(n -> n.substring(0, n.length() - 3))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(ids, pages, "rules/docs pages vs registered rule ids");
  }
}
