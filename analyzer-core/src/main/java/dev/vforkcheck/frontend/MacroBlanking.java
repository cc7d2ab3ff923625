package dev.vforkcheck.frontend;

import dev.vforkcheck.knowledge.KnowledgeBase;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTNode;

/**
 * Recovers a parse that failed on a macro with no definition: finds the unknown macros in the code
 * that did not parse ({@code int FAST_FUNC f(void)}, {@code IF_DESKTOP(long long) int f(void)},
 * {@code int x attribute_hidden = 0;}) and blanks them out there, and only there; and names the
 * macro most likely to blame for code that still does not parse. Thread-safe: it keeps no state
 * between calls.
 */
final class MacroBlanking {

  /** Capitalized identifiers that are types or constants, never attribute-like macros. */
  private static final Set<String> NOT_MACROS =
      Set.of(
          "FILE",
          "DIR",
          "NULL",
          "EOF",
          "TRUE",
          "FALSE",
          "BOOL",
          "SIZE_MAX",
          "INT_MAX",
          "PATH_MAX",
          "BUFSIZ",
          "WORD",
          "DWORD",
          "BYTE",
          "UINT",
          "HANDLE");

  /** C keywords and GNU spellings that look like calls but are never macros. */
  static final Set<String> KEYWORDS =
      Set.of(
          "if",
          "while",
          "for",
          "switch",
          "return",
          "sizeof",
          "__attribute__",
          "__typeof__",
          "typeof",
          "do",
          "else");

  private static final Pattern PP_CONDITION = Pattern.compile("(?m)^\\s*#\\s*(?:el)?if.*$");
  private static final Pattern CAPS_WORD = Pattern.compile("\\b[A-Z_][A-Z0-9_]{2,}\\b");

  /**
   * Words followed by an opening parenthesis or sitting where an attribute would: macro suspects.
   */
  private static final Pattern MACRO_CALL =
      Pattern.compile("\\b([A-Z_][A-Z0-9_]{2,}[A-Za-z0-9_]*)\\s*\\(");

  /** An identifier call at the start of a declaration. */
  private static final Pattern LEADING_CALL =
      Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");

  /**
   * A word with an underscore after a declarator and before its end: {@code int x attribute_hidden
   * = 0;}.
   */
  private static final Pattern TRAILING_WORD =
      Pattern.compile(
          "(?<=[A-Za-z0-9_\\])\\]])\\s+([A-Za-z_][A-Za-z0-9]*_[A-Za-z0-9_]*)(?=\\s*[;=,{])");

  private final KnowledgeBase knowledge;

  /**
   * @param knowledge the known functions and macros: a name it classifies is never blanked out
   */
  MacroBlanking(KnowledgeBase knowledge) {
    this.knowledge = knowledge;
  }

  /**
   * The text with unknown macros blanked out inside failing code only, or null when there is
   * nothing to blank: attribute-like words ({@code int FAST_FUNC f(void)}) and calls of
   * function-like macros with their arguments ({@code IF_DESKTOP(long long) int f(void)}, {@code
   * TRACE(("x"))} with no semicolon). Offsets do not move (each character becomes a space, newlines
   * stay). What was blanked is added to {@code repairs}.
   *
   * @param holders the nodes of the failed parse of {@code chars} that hold a problem
   * @param macros the macros in force at the end of that parse
   */
  char[] blankUnknownMacros(
      List<IASTNode> holders,
      MacroLookup macros,
      char[] chars,
      String fileName,
      List<int[]> repairs) {
    String all = new String(chars);
    Set<String> tested = testedWords(all);
    Predicate<String> unknown = w -> unknownMacro(w, macros, tested);
    Blanking edit = new Blanking(chars, repairs);
    for (IASTNode holder : holders) {
      IASTFileLocation fl = holder.getFileLocation();
      int from = all.lastIndexOf('\n', Math.max(0, fl.getNodeOffset() - 1)) + 1;
      int end = Math.min(all.length(), fl.getNodeOffset() + fl.getNodeLength());
      int eol = all.indexOf('\n', end);
      int to = eol < 0 ? all.length() : eol; // the rest of the line where the failing code ends
      blankMacroCalls(all, from, to, unknown, edit);
      blankLeadingCall(all, from, to, unknown, edit);
      blankTrailingWords(all, from, to, unknown, edit);
      blankAttributeWords(all, from, to, unknown, edit);
    }
    return edit.result();
  }

  /**
   * The text being repaired: copied on its first change; each change is also added to the repairs.
   */
  private static final class Blanking {
    private final char[] chars;
    private final List<int[]> repairs;
    private char[] out;

    Blanking(char[] chars, List<int[]> repairs) {
      this.chars = chars;
      this.repairs = repairs;
    }

    /** Blanks characters {@code from} to {@code to} (exclusive) and records the repair. */
    void erase(int from, int to) {
      out = out == null ? chars.clone() : out;
      blank(out, from, to);
      repairs.add(new int[] {from, to});
    }

    /** True when the character at {@code i} is a space in the repaired text (there is one). */
    boolean erased(int i) {
      return out != null && out[i] == ' ';
    }

    /** The repaired text, or null when nothing was blanked. */
    char[] result() {
      return out;
    }
  }

  /**
   * Calls of unknown function-like macros, with their arguments: {@code IF_DESKTOP(long long) int
   * f(void)}.
   */
  private static void blankMacroCalls(
      String all, int from, int to, Predicate<String> unknown, Blanking edit) {
    Matcher call = MACRO_CALL.matcher(all);
    call.region(from, to);
    while (call.find()) {
      String w = call.group(1);
      int open = call.end() - 1;
      int close = matchingParen(all, open);
      if (close < 0 || !unknown.test(w)) {
        continue;
      }
      edit.erase(call.start(), close + 1);
      if (close + 1 > to) {
        break;
      }
      call.region(close + 1, to);
    }
  }

  /**
   * A macro call standing alone on its line with no semicolon: libc_hidden_def(brk),
   * strong_alias(a, b).
   */
  private static void blankLeadingCall(
      String all, int from, int to, Predicate<String> unknown, Blanking edit) {
    Matcher head = LEADING_CALL.matcher(all);
    head.region(from, Math.max(to, Math.min(all.length(), from + 200)));
    if (head.lookingAt() && unknown.test(head.group(1)) && !KEYWORDS.contains(head.group(1))) {
      int close = matchingParen(all, head.end() - 1);
      int after = close < 0 ? -1 : skipSpace(all, close + 1);
      if (close >= 0 && (after >= all.length() || ";{,".indexOf(all.charAt(after)) < 0)) {
        edit.erase(head.start(1), close + 1);
      }
    }
  }

  /** Unknown words with an underscore after a declarator: {@code int x attribute_hidden = 0;}. */
  private static void blankTrailingWords(
      String all, int from, int to, Predicate<String> unknown, Blanking edit) {
    Matcher lower = TRAILING_WORD.matcher(all);
    lower.region(from, to);
    while (lower.find()) {
      String w = lower.group(1);
      if (unknown.test(w) && !KEYWORDS.contains(w) && !edit.erased(lower.start(1))) {
        edit.erase(lower.start(1), lower.end(1));
      }
    }
  }

  /** Unknown capitalized words where an attribute would sit: {@code int FAST_FUNC f(void)}. */
  private static void blankAttributeWords(
      String all, int from, int to, Predicate<String> unknown, Blanking edit) {
    Matcher m = CAPS_WORD.matcher(all);
    m.region(from, to);
    while (m.find()) {
      String w = m.group();
      if (edit.erased(m.start())) {
        continue; // already blanked as part of a macro call
      }
      if (attributePosition(all, m.start(), m.end()) && unknown.test(w)) {
        edit.erase(m.start(), m.end());
      }
    }
  }

  private boolean unknownMacro(String w, MacroLookup macros, Set<String> tested) {
    return macros.get(w) == null
        && !tested.contains(w)
        && !NOT_MACROS.contains(w)
        && knowledge.classify(w).isEmpty();
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static void blank(char[] text, int from, int to) {
    for (int i = from; i < to && i < text.length; i++) {
      if (text[i] != '\n' && text[i] != '\r') {
        text[i] = ' ';
      }
    }
  }

  /**
   * The offset of the parenthesis closing the one at {@code open}, or -1 (within 4,000 characters).
   */
  private static int matchingParen(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length() && i < open + 4_000; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        for (i++; i < s.length() && s.charAt(i) != c; i++) {
          if (s.charAt(i) == '\\') {
            i++;
          }
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Words tested by #if/#elif: configuration switches, never attribute macros. */
  private static Set<String> testedWords(String all) {
    Set<String> out = new HashSet<>();
    Matcher cond = PP_CONDITION.matcher(all);
    while (cond.find()) {
      Matcher w = CAPS_WORD.matcher(cond.group());
      while (w.find()) {
        out.add(w.group());
      }
    }
    return out;
  }

  /** The macro with no definition most likely to blame for code that did not parse, or null. */
  static String blame(String code, MacroLookup macros) {
    Matcher call = MACRO_CALL.matcher(code);
    while (call.find()) {
      if (macros.get(call.group(1)) == null && !NOT_MACROS.contains(call.group(1))) {
        return call.group(1);
      }
    }
    Matcher w = CAPS_WORD.matcher(code);
    while (w.find()) {
      if (attributePosition(code, w.start(), w.end())
          && macros.get(w.group()) == null
          && !NOT_MACROS.contains(w.group())) {
        return w.group();
      }
    }
    return null;
  }

  /**
   * True when a word sits where an attribute-like macro would: after a name, {@code )} or {@code ]}
   * and before a name, {@code ;}, {@code ,}, {@code =}, {@code (}-less end or a brace. Words used
   * as values ({@code f(L_LOG | L_ERR)}, {@code "x" FMT}) are left alone.
   */
  private static boolean attributePosition(String text, int start, int end) {
    int b = start - 1;
    while (b >= 0 && Character.isWhitespace(text.charAt(b))) {
      b--;
    }
    int a = end;
    while (a < text.length() && Character.isWhitespace(text.charAt(a))) {
      a++;
    }
    if (b < 0) {
      return false;
    }
    char before = text.charAt(b);
    boolean okBefore =
        Character.isJavaIdentifierPart(before) || before == ')' || before == ']' || before == '*';
    if (!okBefore) {
      return false;
    }
    if (a >= text.length()) {
      return true;
    }
    char after = text.charAt(a);
    return Character.isJavaIdentifierStart(after)
        || after == ';'
        || after == ','
        || after == '='
        || after == '{'
        || after == ')'
        || after == '*';
  }
}
