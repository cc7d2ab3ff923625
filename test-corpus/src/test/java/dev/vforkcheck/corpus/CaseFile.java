package dev.vforkcheck.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The annotations of one corpus case. A line comment may hold several clauses separated by {@code
 * ;} (a {@code ;} or {@code ,} inside a {@code "quoted"} message pin does not separate):
 *
 * <ul>
 *   <li>{@code expect: RULE-ID, RULE-ID[note], RULE-ID{default|NAME}, RULE-ID "text"} — a finding
 *       of each rule is reported on this line (optionally at the given severity, and found in
 *       exactly the given configurations; without braces, in the default configuration only). A
 *       quoted string pins the message: a finding of that rule on this line must have a message
 *       containing it ({@code \"} and {@code \\} escape inside the quotes). The parts combine in
 *       this order: {@code expect: vfork-exit[error]{default|NAME} "_exit()"};
 *   <li>{@code ok: RULE-ID, ...} — no finding of these rules on this line;
 *   <li>{@code todo-expect: RULE-ID, ...} — a known miss: a finding of these rules belongs on this
 *       line but is not reported today. The line must have no finding of the rule; once one is
 *       reported the case fails and asks for {@code expect:} instead;
 *   <li>{@code todo-ok: RULE-ID, ...} — a known false positive: a finding of these rules is
 *       reported on this line today but should not be. It is not counted as unexpected, but it must
 *       still be reported; once it is gone the case fails and asks for {@code ok:} instead. Both
 *       todo clauses are counted and listed on standard output by the corpus test;
 *   <li>{@code site: fork|vfork} — a fork/vfork call site is on this line;
 *   <li>{@code child: SUMMARY} — with {@code site:}, how that site's child paths end, exactly as
 *       {@code vforkcheck sites} prints it;
 *   <li>{@code in-child} / {@code not-child} — the child of a site in this function can / cannot
 *       execute the statement on this line;
 *   <li>{@code error-path} — the findings on this line happen only on an error path of the child
 *       (tagged {@code [error path]}); {@code error-path: RULE-ID, ...} says it of those rules'
 *       findings only. Every other finding is on the normal path;
 *   <li>{@code in-config: NAME, NAME} — the site on this line is found in exactly these
 *       configurations ({@code default} for the scan's own); a site without it is expected in the
 *       default configuration only.
 * </ul>
 */
record CaseFile(
    Path path,
    Map<Integer, List<Expectation>> expect,
    Map<Integer, List<String>> ok,
    Map<Integer, List<String>> todoExpect,
    Map<Integer, List<String>> todoOk,
    Map<Integer, String> sites,
    Map<Integer, String> childSummaries,
    List<Integer> inChild,
    List<Integer> notChild,
    Map<Integer, List<String>> errorPath,
    Map<Integer, List<String>> configurations) {

  /**
   * An expected finding: rule id and, optionally, severity word, configurations and a substring its
   * message must contain ({@code null}: any message).
   */
  record Expectation(String ruleId, String severity, List<String> configurations, String message) {
    @Override
    public String toString() {
      return (severity == null ? ruleId : ruleId + "[" + severity + "]")
          + (configurations.isEmpty() ? "" : "{" + String.join("|", configurations) + "}")
          + (message == null ? "" : " \"" + message + "\"");
    }

    static Expectation parse(String text) {
      String id = text.trim();
      String message = null;
      int quote = id.indexOf('"');
      if (quote >= 0) {
        message = unquote(id.substring(quote), text);
        id = id.substring(0, quote).trim();
      }
      List<String> configs = List.of();
      int brace = id.indexOf('{');
      if (brace >= 0) {
        configs = List.of(id.substring(brace + 1, id.length() - 1).split("\\|"));
        id = id.substring(0, brace);
      }
      int b = id.indexOf('[');
      return b < 0
          ? new Expectation(id, null, configs, message)
          : new Expectation(
              id.substring(0, b), id.substring(b + 1, id.length() - 1), configs, message);
    }

    /** The text of a quoted string that ends {@code s}, which starts with its opening quote. */
    private static String unquote(String s, String clause) {
      StringBuilder out = new StringBuilder();
      for (int i = 1; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (ch == '\\' && i + 1 < s.length()) {
          out.append(s.charAt(++i));
        } else if (ch == '"') {
          if (!s.substring(i + 1).isBlank()) {
            throw new IllegalArgumentException("text after the message pin in '" + clause + "'");
          }
          if (out.length() == 0) {
            throw new IllegalArgumentException("empty message pin in '" + clause + "'");
          }
          return out.toString();
        } else {
          out.append(ch);
        }
      }
      throw new IllegalArgumentException("unterminated message pin in '" + clause + "'");
    }
  }

  static CaseFile read(Path path) throws IOException {
    List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    Map<Integer, List<Expectation>> expect = new TreeMap<>();
    Map<Integer, List<String>> ok = new TreeMap<>();
    Map<Integer, List<String>> todoExpect = new TreeMap<>();
    Map<Integer, List<String>> todoOk = new TreeMap<>();
    Map<Integer, String> sites = new TreeMap<>();
    Map<Integer, String> child = new TreeMap<>();
    List<Integer> in = new ArrayList<>();
    List<Integer> not = new ArrayList<>();
    Map<Integer, List<String>> errorPath = new TreeMap<>();
    Map<Integer, List<String>> configs = new TreeMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      String line = lines.get(i);
      int c = line.indexOf("//");
      if (c < 0) {
        continue;
      }
      for (String clause : split(line.substring(c + 2), ';')) {
        String t = clause.trim();
        try {
          if (t.startsWith("expect:")) {
            for (String id : ids(t.substring(7))) {
              expect.computeIfAbsent(lineNo, k -> new ArrayList<>()).add(Expectation.parse(id));
            }
          } else if (t.startsWith("ok:")) {
            ok.computeIfAbsent(lineNo, k -> new ArrayList<>()).addAll(ids(t.substring(3)));
          } else if (t.startsWith("todo-expect:")) {
            todoExpect.computeIfAbsent(lineNo, k -> new ArrayList<>()).addAll(ids(t.substring(12)));
          } else if (t.startsWith("todo-ok:")) {
            todoOk.computeIfAbsent(lineNo, k -> new ArrayList<>()).addAll(ids(t.substring(8)));
          } else if (t.startsWith("site:")) {
            sites.put(lineNo, t.substring(5).trim().toLowerCase(Locale.ROOT));
          } else if (t.startsWith("child:")) {
            child.put(lineNo, t.substring(6).trim());
          } else if (t.equals("in-child")) {
            in.add(lineNo);
          } else if (t.equals("not-child")) {
            not.add(lineNo);
          } else if (t.equals("error-path")) {
            errorPath.put(lineNo, List.of()); // every finding on the line
          } else if (t.startsWith("error-path:")) {
            errorPath.put(lineNo, ids(t.substring(11)));
          } else if (t.startsWith("in-config:")) {
            configs.put(lineNo, ids(t.substring(10)));
          }
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(path + ":" + lineNo + ": " + e.getMessage(), e);
        }
      }
    }
    return new CaseFile(
        path, expect, ok, todoExpect, todoOk, sites, child, in, not, errorPath, configs);
  }

  /** {@code s} split at {@code sep}, except where {@code sep} is inside a double-quoted string. */
  static List<String> split(String s, char sep) {
    List<String> out = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (quoted && ch == '\\' && i + 1 < s.length()) {
        part.append(ch).append(s.charAt(++i));
        continue;
      }
      if (ch == '"') {
        quoted = !quoted;
      }
      if (ch == sep && !quoted) {
        out.add(part.toString());
        part.setLength(0);
      } else {
        part.append(ch);
      }
    }
    out.add(part.toString());
    return out;
  }

  private static List<String> ids(String s) {
    List<String> out = new ArrayList<>();
    for (String p : split(s, ',')) {
      String id = p.trim();
      if (!id.isEmpty()) {
        out.add(id);
      }
    }
    return out;
  }

  boolean hasAnnotations() {
    return !expect.isEmpty()
        || !ok.isEmpty()
        || !todoExpect.isEmpty()
        || !todoOk.isEmpty()
        || !sites.isEmpty()
        || !inChild.isEmpty()
        || !notChild.isEmpty();
  }
}
