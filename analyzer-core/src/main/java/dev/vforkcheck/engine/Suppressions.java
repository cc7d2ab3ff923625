package dev.vforkcheck.engine;

import dev.vforkcheck.frontend.SourceText;
import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Location;
import dev.vforkcheck.model.Suppression;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * In-source suppressions: {@code // vforkcheck: ignore[rule-id, ...] reason} on the finding's line
 * or the line before, and {@code vforkcheck: ignore-begin[...] reason} ... {@code vforkcheck:
 * ignore-end} around a block ({@code *} names every rule). Suppressed findings are kept, marked, so
 * reports can list them (SARIF {@code suppressions}); a suppression without a reason is reported as
 * a note.
 */
public final class Suppressions {
  private static final Pattern MARK =
      Pattern.compile(
          "vforkcheck:\\s*(ignore-begin|ignore-end|ignore)\\s*(?:\\[([^\\]]*)\\])?\\s*(.*?)\\s*(?:\\*/.*)?$");

  private Suppressions() {}

  /** What a suppression comment does. */
  private enum Kind {
    /** {@code ignore}: this line or the next. */
    LINE,
    /** {@code ignore-begin}: every line up to the next {@code ignore-end}. */
    BEGIN,
    /** {@code ignore-end}: closes the open block. */
    END;

    static Kind of(String word) {
      return switch (word) {
        case "ignore-begin" -> BEGIN;
        case "ignore-end" -> END;
        default -> LINE;
      };
    }
  }

  /** One parsed comment. */
  private record Mark(Kind kind, Set<String> rules, String reason, int line, int column) {
    boolean covers(String ruleId) {
      return rules.contains("*") || rules.contains(ruleId);
    }
  }

  /** Marks the findings that a comment silences and lists the comments that give no reason. */
  public static List<Finding> apply(
      String path, SourceText text, List<Finding> findings, List<Diagnostic> notes) {
    List<Mark> marks = new ArrayList<>();
    for (int line = 1; line <= text.lineCount(); line++) {
      String s = text.lineText(line);
      int at = s.indexOf("vforkcheck:");
      if (at < 0) {
        continue;
      }
      Matcher m = MARK.matcher(s.substring(at));
      if (!m.find()) {
        continue;
      }
      Set<String> rules = new TreeSet<>();
      if (m.group(2) != null) {
        for (String r : m.group(2).split(",")) {
          if (!r.isBlank()) {
            rules.add(r.trim());
          }
        }
      }
      String reason = m.group(3) == null ? "" : m.group(3).trim();
      Mark mark = new Mark(Kind.of(m.group(1)), rules, reason, line, at + 1);
      marks.add(mark);
      if (mark.kind() != Kind.END && reason.isEmpty()) {
        notes.add(
            new Diagnostic(
                Diagnostic.Kind.SUPPRESSION,
                Location.point(path, line, at + 1),
                "this vforkcheck suppression gives no reason; write why the finding is safe after the"
                    + " rule list, e.g. `// vforkcheck: ignore[vfork-stdio] stderr is unbuffered here`"));
      }
      if (mark.kind() != Kind.END && rules.isEmpty()) {
        notes.add(
            new Diagnostic(
                Diagnostic.Kind.SUPPRESSION,
                Location.point(path, line, at + 1),
                "this vforkcheck suppression names no rule; write ignore[rule-id] (or ignore[*] for all)"));
      }
    }
    if (marks.isEmpty()) {
      return findings;
    }
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      Mark m = find(marks, f);
      out.add(
          m == null
              ? f
              : f.withSuppression(
                  new Suppression(
                      Suppression.Kind.IN_SOURCE,
                      m.reason(),
                      Location.point(path, m.line(), m.column()))));
    }
    return out;
  }

  private static Mark find(List<Mark> marks, Finding f) {
    int line = f.location().line();
    Mark open = null;
    for (Mark m : marks) {
      if (m.line() > line) {
        break;
      }
      switch (m.kind()) {
        case LINE -> {
          if ((m.line() == line || m.line() == line - 1) && m.covers(f.ruleId())) {
            return m;
          }
        }
        case BEGIN -> {
          if (m.covers(f.ruleId())) {
            open = m;
          }
        }
        case END -> open = null;
      }
    }
    return open;
  }
}
