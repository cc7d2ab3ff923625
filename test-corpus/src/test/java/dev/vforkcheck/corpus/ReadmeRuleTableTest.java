package dev.vforkcheck.corpus;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vforkcheck.engine.RuleMetadata;
import dev.vforkcheck.rules.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rule table in the repository's README ({@code | id | level | finds |} under {@code ## Rules})
 * says exactly what the registry says: one row per registered rule, in any order, each with the
 * rule's id, a link to {@code rules/docs/<id>.md}, its default severity word and its summary text
 * verbatim; no other rows. It lives in this module, the last one built, so a README that lags the
 * registry fails the build without stopping the other modules' tests.
 */
class ReadmeRuleTableTest {
  /** The repository root: Maven runs the tests of a module in the module's folder. */
  private static final Path README = Path.of("..", "README.md");

  private static final Pattern HEADER =
      Pattern.compile("\\|\\s*id\\s*\\|\\s*level\\s*\\|\\s*finds\\s*\\|\\s*");
  private static final Pattern ID_CELL =
      Pattern.compile("\\[`([^`]+)`]\\(rules/docs/([^)]+)\\.md\\)");

  /** One row of the table: its line number and its three cells, as written. */
  record Row(int line, String id, String link, String level, String summary) {}

  @Test
  void readmeRuleTableMatchesTheRegistry() throws IOException {
    List<Row> rows = table(Files.readAllLines(README, StandardCharsets.UTF_8));
    assertFalse(
        rows.isEmpty(), "no rule table (| id | level | finds |) under '## Rules' in " + README);
    List<String> problems = new ArrayList<>();
    Map<String, Row> byId = new LinkedHashMap<>();
    for (Row r : rows) {
      if (r.id() == null) {
        problems.add(
            "README.md:" + r.line() + ": id cell is not [`ID`](rules/docs/ID.md): " + r.link());
        continue;
      }
      if (!r.id().equals(r.link())) {
        problems.add(
            "README.md:"
                + r.line()
                + ": row "
                + r.id()
                + " links to rules/docs/"
                + r.link()
                + ".md");
      }
      if (byId.putIfAbsent(r.id(), r) != null) {
        problems.add(
            "README.md:"
                + r.line()
                + ": second row for "
                + r.id()
                + " (first at line "
                + byId.get(r.id()).line()
                + ")");
      }
    }
    for (RuleMetadata m : RuleRegistry.builtin().metadata()) {
      Row r = byId.remove(m.id());
      if (r == null) {
        problems.add(
            "README.md: no row for registered rule "
                + m.id()
                + "\n      + | [`"
                + m.id()
                + "`](rules/docs/"
                + m.id()
                + ".md) | "
                + m.severity().word()
                + " | "
                + m.summary()
                + " |");
        continue;
      }
      if (!r.level().equals(m.severity().word())) {
        problems.add(
            "README.md:"
                + r.line()
                + ": "
                + m.id()
                + " level\n      - "
                + r.level()
                + "   (README)\n      + "
                + m.severity().word()
                + "   (@RuleInfo severity)");
      }
      if (!r.summary().equals(m.summary())) {
        problems.add(
            "README.md:"
                + r.line()
                + ": "
                + m.id()
                + " summary\n      - "
                + r.summary()
                + "   (README)\n      + "
                + m.summary()
                + "   (@RuleInfo summary)");
      }
    }
    for (Row r : byId.values()) {
      problems.add(
          "README.md:" + r.line() + ": row for " + r.id() + ", which is not a registered rule");
    }
    if (!problems.isEmpty()) {
      fail(
          "the README rule table differs from RuleRegistry.builtin().metadata():\n  "
              + String.join("\n  ", problems));
    }
  }

  @Test
  void parsesTheTableShape() {
    List<Row> rows =
        table(
            List.of(
                "## Rules",
                "",
                "| id | level | finds |",
                "|---|---|---|",
                "| [`a-b`](rules/docs/a-b.md) | error | x `y` \\| z |",
                "",
                "| not | the | table |"));
    assertTrue(rows.size() == 1, rows.toString());
    Row r = rows.get(0);
    assertTrue(
        r.line() == 5
            && r.id().equals("a-b")
            && r.level().equals("error")
            && r.summary().equals("x `y` | z"),
        r.toString());
  }

  /**
   * The rows of the first {@code | id | level | finds |} table after the {@code ## Rules} heading.
   */
  static List<Row> table(List<String> lines) {
    int i = 0;
    while (i < lines.size() && !lines.get(i).strip().equals("## Rules")) {
      i++;
    }
    while (i < lines.size() && !HEADER.matcher(lines.get(i).strip()).matches()) {
      i++;
    }
    List<Row> rows = new ArrayList<>();
    for (i += 2; i < lines.size() && lines.get(i).strip().startsWith("|"); i++) {
      List<String> cells = cells(lines.get(i).strip());
      String first = cells.isEmpty() ? "" : cells.get(0);
      Matcher m = ID_CELL.matcher(first);
      String level = cells.size() > 1 ? cells.get(1) : "";
      String summary = cells.size() > 2 ? String.join(" | ", cells.subList(2, cells.size())) : "";
      rows.add(
          m.matches()
              ? new Row(i + 1, m.group(1), m.group(2), level, summary)
              : new Row(i + 1, null, first, level, summary));
    }
    return rows;
  }

  /** The cells of a table row, trimmed; {@code \|} is a literal bar inside a cell. */
  private static List<String> cells(String row) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    for (int k = 1; k < row.length(); k++) {
      char ch = row.charAt(k);
      if (ch == '\\' && k + 1 < row.length() && row.charAt(k + 1) == '|') {
        cell.append('|');
        k++;
      } else if (ch == '|') {
        out.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    if (!cell.toString().isBlank()) {
      out.add(cell.toString().strip());
    }
    return out;
  }
}
