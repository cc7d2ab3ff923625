package dev.vforkcheck.frontend;

import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.knowledge.KnowledgeBase;
import java.util.LinkedHashMap;
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

  private MacroHarvest() {}

  /** The interesting macros of one header, as {@code NAME(params) -> body} defines. */
  public static Map<String, String> harvest(SourceText text, KnowledgeBase knowledge) {
    Map<String, String> out = new LinkedHashMap<>();
    int lines = text.lineCount();
    for (int i = 1; i <= lines; i++) {
      String line = text.lineText(i);
      Matcher m = DEFINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      StringBuilder body = new StringBuilder(m.group(3));
      while (endsWithBackslash(body) && i < lines) {
        body.setLength(body.length() - 1);
        body.append(' ').append(text.lineText(++i).trim());
      }
      String name = m.group(1);
      String params = m.group(2) == null ? "" : m.group(2).replaceAll("\\s+", "");
      String value = stripComments(body.toString()).trim();
      if (INTERESTING.matcher(value).find() && knowledge.classify(name).isEmpty()) {
        out.putIfAbsent(name + params, value);
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
