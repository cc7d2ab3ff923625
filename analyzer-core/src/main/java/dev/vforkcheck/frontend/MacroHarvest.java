package dev.vforkcheck.frontend;

import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.knowledge.KnowledgeBase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the macros in a project's headers that hide process creation or ending ({@code #define
 * xvfork() ({ pid_t p = vfork(); ... p; })}, {@code #define DIE() _exit(1)}), so that every file
 * can be parsed with them even though {@code #include} is not followed. Only macros whose body
 * calls fork, vfork, an exec function or {@code _exit} are taken; the first definition of a name
 * wins; names of C library functions are never redefined.
 */
public final class MacroHarvest {
  private static final Pattern DEFINE =
      Pattern.compile(
          "^[ \\t]*#[ \\t]*define[ \\t]+([A-Za-z_][A-Za-z0-9_]*)(\\([^)]*\\))?[ \\t]*(.*)$");
  private static final Pattern INTERESTING =
      Pattern.compile(
          "\\b(vfork|fork|_Fork|execl|execle|execlp|execv|execve|execvp|execvpe|fexecve|_exit|_Exit)\\s*\\(");

  /** Words an attribute-like macro's body may hold besides {@code __attribute__((...))}. */
  private static final Set<String> ATTRIBUTE_KEYWORDS =
      Set.of("inline", "__inline", "__inline__", "__always_inline", "__extension__");

  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private MacroHarvest() {}

  /**
   * What one header's {@code #define}s say about attribute-like macros ({@code #define FAST_FUNC
   * __attribute__((regparm(3)))}, {@code #define NORETURN_ATTR NORETURN}, {@code #define UNUSED}).
   *
   * @param bodies per macro name (with its parameter list, if any), each definition whose body is
   *     only attributes, inline keywords and plain words (other macros, resolved tree-wide by
   *     {@link #attributeMacros}); an empty body counts
   * @param other names this header also defines as something else (a constant, an expression)
   */
  public record AttributeDefinitions(Map<String, List<String>> bodies, Set<String> other) {
    public AttributeDefinitions {
      bodies = Map.copyOf(bodies);
      other = Set.copyOf(other);
    }
  }

  /**
   * What pass 0 takes from one header's {@code #define}s, read once.
   *
   * @param spawn the macros that hide process creation or ending, as {@code NAME(params) -> body}
   * @param attributes the definitions of attribute-like macro candidates
   */
  public record HeaderMacros(Map<String, String> spawn, AttributeDefinitions attributes) {
    public HeaderMacros {
      spawn = Collections.unmodifiableMap(new LinkedHashMap<>(spawn));
    }
  }

  /** The spawn macros and the attribute-like candidates of one header. */
  public static HeaderMacros read(SourceText text, KnowledgeBase knowledge) {
    List<Define> defines = defines(text);
    return new HeaderMacros(harvest(defines, knowledge), attributeDefinitions(defines, knowledge));
  }

  /** The definitions of attribute-like macro candidates among a header's defines. */
  private static AttributeDefinitions attributeDefinitions(
      List<Define> defines, KnowledgeBase knowledge) {
    Map<String, List<String>> bodies = new LinkedHashMap<>();
    Set<String> other = new TreeSet<>();
    for (Define d : defines) {
      if (knowledge.classify(d.name()).isPresent()) {
        continue;
      }
      String key = d.name() + d.params();
      String value = d.body();
      if (attributeShaped(value)) {
        bodies.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      } else {
        other.add(key);
      }
    }
    return new AttributeDefinitions(bodies, other);
  }

  /**
   * The tree's attribute-like macros, from every header's {@link #attributeDefinitions}: a name
   * qualifies when each of its definitions is attributes, inline keywords and other qualifying
   * macros, and at least one is not empty (a name only ever defined empty is more likely a
   * configuration flag tested by {@code #ifdef}). The value is its first non-empty definition.
   * Parsing a file whose headers are not read with these defined spares the parse that fails on
   * {@code int FAST_FUNC f(void)} and the repair that follows.
   */
  public static Map<String, String> attributeMacros(List<AttributeDefinitions> headers) {
    Map<String, List<String>> all = new LinkedHashMap<>();
    Set<String> other = new TreeSet<>();
    for (AttributeDefinitions h : headers) {
      h.bodies().forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
      other.addAll(h.other());
    }
    Set<String> names = new TreeSet<>();
    all.keySet().forEach(k -> names.add(k.replaceAll("\\(.*$", "")));
    other.forEach(k -> names.remove(k.replaceAll("\\(.*$", "")));
    // a name qualifies while every word of its bodies is an attribute word or a qualifying name
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Map.Entry<String, List<String>> e : all.entrySet()) {
        String name = e.getKey().replaceAll("\\(.*$", "");
        if (names.contains(name) && !e.getValue().stream().allMatch(b -> wordsIn(b, names))) {
          names.remove(name);
          changed = true;
        }
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    all.forEach(
        (k, bodies) -> {
          if (names.contains(k.replaceAll("\\(.*$", ""))) {
            bodies.stream().filter(b -> !b.isEmpty()).findFirst().ifPresent(b -> out.put(k, b));
          }
        });
    return out;
  }

  /** Whether a body is only attribute groups and bare words (checked later against the others). */
  private static boolean attributeShaped(String body) {
    return bareWords(body) != null;
  }

  /**
   * The bare words of a body made only of {@code __attribute__((...))} / {@code __declspec(...)}
   * groups and words; null when it holds anything else (an operator, a literal, an unclosed group).
   */
  private static List<String> bareWords(String body) {
    List<String> words = new ArrayList<>();
    int i = 0;
    int n = body.length();
    while (i < n) {
      if (Character.isWhitespace(body.charAt(i))) {
        i++;
        continue;
      }
      Matcher w = WORD.matcher(body).region(i, n);
      if (!w.lookingAt()) {
        return null;
      }
      String word = w.group();
      i = w.end();
      if (word.startsWith("__attribute") || word.equals("__declspec")) {
        while (i < n && Character.isWhitespace(body.charAt(i))) {
          i++;
        }
        int close = closingParen(body, i);
        if (close < 0) {
          return null;
        }
        i = close + 1;
      } else {
        words.add(word);
      }
    }
    return words;
  }

  /** The index of the parenthesis closing the one at {@code open}, or -1. */
  private static int closingParen(String s, int open) {
    if (open >= s.length() || s.charAt(open) != '(') {
      return -1;
    }
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      } else if (c == '"' || c == '\'') {
        int end = s.indexOf(c, i + 1);
        if (end < 0) {
          return -1;
        }
        i = end;
      }
    }
    return -1;
  }

  /**
   * Whether every bare word of an attribute-shaped body is an attribute word or in {@code names}.
   */
  private static boolean wordsIn(String body, Set<String> names) {
    List<String> words = bareWords(body);
    return words != null
        && words.stream().allMatch(w -> ATTRIBUTE_KEYWORDS.contains(w) || names.contains(w));
  }

  /**
   * One {@code #define} of a header.
   *
   * @param params the parameter list without blanks ({@code (a,b)}), or empty
   * @param body the replacement, continuation lines joined, comments removed, trimmed
   */
  private record Define(String name, String params, String body) {}

  /** Every {@code #define} of a header, in order. */
  private static List<Define> defines(SourceText text) {
    List<Define> out = new ArrayList<>();
    int lines = text.lineCount();
    for (int i = 1; i <= lines; i++) {
      String line = text.lineText(i);
      if (line.indexOf("define") < 0) {
        continue;
      }
      Matcher m = DEFINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      StringBuilder body = new StringBuilder(m.group(3));
      while (endsWithBackslash(body) && i < lines) {
        body.setLength(body.length() - 1);
        body.append(' ').append(text.lineText(++i).trim());
      }
      String params = m.group(2) == null ? "" : m.group(2).replaceAll("\\s+", "");
      out.add(new Define(m.group(1), params, stripComments(body.toString()).trim()));
    }
    return out;
  }

  /** The interesting macros among a header's defines, as {@code NAME(params) -> body}. */
  private static Map<String, String> harvest(List<Define> defines, KnowledgeBase knowledge) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Define d : defines) {
      if (INTERESTING.matcher(d.body()).find() && knowledge.classify(d.name()).isEmpty()) {
        out.putIfAbsent(d.name() + d.params(), d.body());
      }
    }
    return out;
  }

  /**
   * Names of C library functions that the header redefines as macros (OpenSSH's log.h has {@code
   * #define error(...) sshlog(...)}): in this project those names are not the libc functions. Only
   * reporting functions (exit, stdio and unsafe classes) are taken as redefined.
   */
  public static Set<String> libcNamesRedefined(SourceText text, KnowledgeBase knowledge) {
    Set<String> out = new TreeSet<>();
    for (int i = 1; i <= text.lineCount(); i++) {
      Matcher m = DEFINE.matcher(text.lineText(i));
      if (!m.matches() || m.group(2) == null || m.group(3).trim().startsWith(m.group(1))) {
        continue;
      }
      var cls = knowledge.classify(m.group(1)).orElse(null);
      // only reporting functions are commonly shadowed by a project's own logging macros; other
      // names are redefined as porting shims under #if (busybox's `#define fork() BUG_...()`,
      // signal-set helpers for old platforms) and keep their meaning
      if (cls == FunctionClass.EXIT || cls == FunctionClass.STDIO || cls == FunctionClass.UNSAFE) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  private static boolean endsWithBackslash(StringBuilder sb) {
    int i = sb.length() - 1;
    while (i >= 0 && (sb.charAt(i) == ' ' || sb.charAt(i) == '\t' || sb.charAt(i) == '\r')) {
      i--;
    }
    if (i >= 0 && sb.charAt(i) == '\\') {
      sb.setLength(i + 1);
      return true;
    }
    return false;
  }

  private static String stripComments(String s) {
    return s.replaceAll("/\\*.*?\\*/", " ").replaceAll("//.*$", "");
  }
}
