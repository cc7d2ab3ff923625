package dev.vforkcheck.frontend;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the code of a file that the current configuration leaves out ({@code #if}/{@code #ifdef}
 * branches not taken) and, for each such branch that holds spawn code, the macro values that would
 * take it: a configuration in which the file is analyzed again. Conditions are solved for the usual
 * forms ({@code defined}, plain macros, {@code !}, {@code &&}, {@code ||}, comparisons with
 * numbers, {@code #elif} chains and nesting); anything else is reported as unsolved. Pure text work
 * plus the parser's verdict on which directives were taken.
 */
public final class ConfigurationFinder {
  private static final Pattern DIRECTIVE =
      Pattern.compile("^[ \\t]*#[ \\t]*(if|ifdef|ifndef|elif|else|endif)\\b(.*)$");

  /** What to look for in inactive code. */
  public enum Mode {
    /** Analyze only the default configuration. */
    NONE,
    /**
     * Also every configuration that takes an inactive branch holding fork, vfork, exec or a spawn
     * wrapper.
     */
    SPAWN,
    /** Also every configuration that takes any inactive branch holding code. */
    ALL
  }

  /** A configuration to analyze, or a branch with spawn code that no configuration could take. */
  public record Candidate(Variant variant, int line, String condition, boolean solved) {}

  private ConfigurationFinder() {}

  /**
   * The configurations that take the inactive branches holding spawn code.
   *
   * @param text the file
   * @param takenLines 1-based lines of the directives the parser took in the default configuration
   * @param spawn what counts as spawn code
   * @param mode which branches to consider
   * @param max at most this many configurations
   */
  public static List<Candidate> find(
      SourceText text, IntPredicate takenLines, Pattern spawn, Mode mode, int max) {
    if (mode == Mode.NONE) {
      return List.of();
    }
    List<Branch> branches =
        branches(SourceText.of(withoutComments(new String(text.chars()))), takenLines);
    List<Group> groups = new ArrayList<>();
    List<Candidate> unsolved = new ArrayList<>();
    // spawn branches first, then (in ALL mode) the rest
    for (int pass = 0; pass < (mode == Mode.ALL ? 2 : 1); pass++) {
      boolean spawnPass = pass == 0;
      for (Branch b : branches) {
        if (b.taken || !wanted(b, spawn, spawnPass)) {
          continue;
        }
        Map<String, String> assign = requirements(b);
        if (assign == null || assign.isEmpty()) {
          if (spawnPass) {
            unsolved.add(new Candidate(null, b.line, b.display, false));
          }
          continue;
        }
        addToGroup(groups, assign, spawnPass, b, max);
      }
    }
    return candidates(groups, unsolved);
  }

  /**
   * Whether a branch not taken is considered in this pass: in the spawn pass when its code mentions
   * spawn code, in the other pass when it holds other code (comments are already blanked).
   */
  private static boolean wanted(Branch b, Pattern spawn, boolean spawnPass) {
    String own = b.ownText.toString();
    boolean hasSpawn = spawn.matcher(own).find();
    return spawnPass ? hasSpawn : !(hasSpawn || own.isBlank());
  }

  /**
   * The macro values that take {@code b}: its own condition and those of the enclosing branches not
   * taken; null when they cannot be satisfied together.
   */
  private static Map<String, String> requirements(Branch b) {
    Map<String, String> assign = new TreeMap<>();
    boolean ok = true;
    for (Branch cur = b; cur != null && ok; cur = cur.parent) {
      if (cur != b && cur.taken) {
        continue;
      }
      ok = solve(cur.requirement, assign);
    }
    return ok ? assign : null;
  }

  /**
   * Branches whose macro choices agree share one configuration: one more parse instead of several.
   * A choice that agrees with no group of its pass starts a new one while there are fewer than
   * {@code max}.
   */
  private static void addToGroup(
      List<Group> groups, Map<String, String> assign, boolean spawnPass, Branch b, int max) {
    for (Group g : groups) {
      if (g.spawn == spawnPass && g.tryMerge(assign)) {
        return;
      }
    }
    if (groups.size() < max) {
      Group g = new Group(spawnPass, b.line, b.display);
      g.tryMerge(assign);
      groups.add(g);
    }
  }

  /** One solved candidate per distinct configuration of the groups, then the unsolved branches. */
  private static List<Candidate> candidates(List<Group> groups, List<Candidate> unsolved) {
    Map<String, Candidate> out = new LinkedHashMap<>();
    for (Group g : groups) {
      Variant v = g.variant();
      out.putIfAbsent(v.name(), new Candidate(v, g.line, g.display, true));
    }
    List<Candidate> all = new ArrayList<>(out.values());
    all.addAll(unsolved);
    return all;
  }

  /** Macro choices of several branches that agree with each other. */
  private static final class Group {
    final boolean spawn;
    final int line;
    final String display;
    final Map<String, String> assign = new TreeMap<>();

    Group(boolean spawn, int line, String display) {
      this.spawn = spawn;
      this.line = line;
      this.display = display;
    }

    /**
     * Joins {@code more} when it chooses the same macros (with agreeing values): macros of
     * different branches are never forced together, since one could switch off the other's code
     * through a C condition ({@code if (BB_MMU && builtin) fork(); else vfork();} under {@code
     * BB_MMU=0}).
     */
    boolean tryMerge(Map<String, String> more) {
      if (!assign.isEmpty() && !assign.keySet().equals(more.keySet())) {
        return false;
      }
      Map<String, String> trial = new TreeMap<>(assign);
      for (var e : more.entrySet()) {
        if (!Cond.set(trial, e.getKey(), e.getValue())) {
          return false;
        }
      }
      assign.clear();
      assign.putAll(trial);
      return true;
    }

    /** The configuration of the group's choices ("defined with any value" becomes 1). */
    Variant variant() {
      Map<String, String> defines = new TreeMap<>();
      Set<String> undefines = new TreeSet<>();
      assign.forEach(
          (k, v) -> {
            if (v == null) {
              undefines.add(k);
            } else {
              defines.put(k, v.equals("?") ? "1" : v);
            }
          });
      return Variant.of(defines, undefines);
    }
  }

  /**
   * The text with comments and string literals blanked (newlines kept), so that neither a directive
   * inside a comment nor a spawn call mentioned in one counts.
   */
  static String withoutComments(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        blankInto(out, text, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
        int end = text.indexOf('\n', i);
        end = end < 0 ? n : end;
        blankInto(out, text, i, end);
        i = end;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
          j += text.charAt(j) == '\\' ? 2 : 1;
        }
        j = Math.min(j, n);
        out.append(c);
        blankInto(out, text, i + 1, j);
        if (j < n && text.charAt(j) == c) {
          out.append(c);
          j++;
        }
        i = j;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static void blankInto(StringBuilder out, String text, int from, int to) {
    for (int k = from; k < to; k++) {
      out.append(text.charAt(k) == '\n' ? '\n' : ' ');
    }
  }

  /** One branch of a conditional group: the code between its directive and the next one. */
  private static final class Branch {
    final Branch parent;
    final int line;
    final String display;
    final Cond requirement;
    final boolean taken;
    final StringBuilder ownText = new StringBuilder();

    Branch(Branch parent, int line, String display, Cond requirement, boolean taken) {
      this.parent = parent;
      this.line = line;
      this.display = display;
      this.requirement = requirement;
      this.taken = taken;
    }
  }

  private static List<Branch> branches(SourceText text, IntPredicate takenLines) {
    return new BranchReader(takenLines).read(text);
  }

  /**
   * Reads the conditional groups of a file into {@link Branch}es, directive by directive, keeping
   * the groups open around the current line.
   */
  private static final class BranchReader {
    private final IntPredicate takenLines;
    private final List<Branch> out = new ArrayList<>();

    /** The branches of each open group, innermost first. */
    private final Deque<List<Branch>> groups = new ArrayDeque<>();

    /** The conditions of the {@code #if} and {@code #elif}s seen so far in each open group. */
    private final Deque<List<Cond>> previous = new ArrayDeque<>();

    private Branch current;

    BranchReader(IntPredicate takenLines) {
      this.takenLines = takenLines;
    }

    List<Branch> read(SourceText text) {
      int n = text.lineCount();
      for (int i = 1; i <= n; i++) {
        int first = i;
        String line = text.lineText(i);
        while (line.endsWith("\\") && i < n) {
          line = line.substring(0, line.length() - 1) + " " + text.lineText(++i);
        }
        Matcher m = DIRECTIVE.matcher(line);
        if (!m.matches()) {
          if (current != null) {
            current.ownText.append(line).append('\n');
          }
          continue;
        }
        String kind = m.group(1);
        String rest = m.group(2).replaceAll("/\\*.*?\\*/", " ").replaceAll("//.*$", "").trim();
        switch (kind) {
          case "if", "ifdef", "ifndef" -> open(kind, rest, first);
          case "elif", "else" -> alternative(kind, rest, first);
          default -> close(); // endif
        }
      }
      return out;
    }

    /** {@code #if}, {@code #ifdef} or {@code #ifndef} on line {@code first}: a new group. */
    private void open(String kind, String rest, int first) {
      boolean parentActive = current == null || current.taken;
      Cond c =
          switch (kind) {
            case "ifdef" -> Cond.defined(rest.split("\\s+")[0]);
            case "ifndef" -> Cond.not(Cond.defined(rest.split("\\s+")[0]));
            default -> Cond.parse(rest);
          };
      List<Cond> prev = new ArrayList<>();
      prev.add(c);
      previous.push(prev);
      Branch b =
          new Branch(
              current, first, "#" + kind + " " + rest, c, parentActive && takenLines.test(first));
      groups.push(new ArrayList<>(List.of(b)));
      out.add(b);
      current = b;
    }

    /**
     * {@code #elif} or {@code #else} on line {@code first}: a branch taken when no earlier one of
     * its group is (and its own {@code #elif} condition holds).
     */
    private void alternative(String kind, String rest, int first) {
      if (groups.isEmpty()) {
        return;
      }
      List<Cond> prev = previous.peek();
      List<Cond> parts = new ArrayList<>();
      prev.forEach(p -> parts.add(Cond.not(p)));
      Cond c = kind.equals("elif") ? Cond.parse(rest) : null;
      if (c != null) {
        parts.add(c);
        prev.add(c);
      }
      Branch parent = groups.peek().get(0).parent;
      boolean active = parent == null || parent.taken;
      Branch b =
          new Branch(
              parent,
              first,
              "#"
                  + kind
                  + (rest.isEmpty() ? "" : " " + rest)
                  + " (after "
                  + groups.peek().get(0).display
                  + ")",
              Cond.and(parts),
              active && takenLines.test(first));
      groups.peek().add(b);
      out.add(b);
      current = b;
    }

    /** {@code #endif}: back to the branch around the group. */
    private void close() {
      if (!groups.isEmpty()) {
        current = groups.pop().get(0).parent;
        previous.pop();
      }
    }
  }

  /** Adds to {@code assign} macro values that make {@code c} true; false when it cannot. */
  static boolean solve(Cond c, Map<String, String> assign) {
    Map<String, String> trial = new TreeMap<>(assign);
    if (c.make(true, trial)) {
      assign.clear();
      assign.putAll(trial);
      return true;
    }
    return false;
  }

  /**
   * A preprocessor condition in the forms we can solve. A value of {@code null} in an assignment
   * means undefined, {@code "?"} defined with any value.
   */
  abstract static class Cond {
    /** Adds assignments that make this condition evaluate to {@code want}. */
    abstract boolean make(boolean want, Map<String, String> a);

    static Cond defined(String name) {
      return new Cond() {
        @Override
        boolean make(boolean want, Map<String, String> a) {
          return want ? set(a, name, "?") : set(a, name, null);
        }
      };
    }

    static Cond not(Cond c) {
      return new Cond() {
        @Override
        boolean make(boolean want, Map<String, String> a) {
          return c.make(!want, a);
        }
      };
    }

    static Cond and(List<Cond> parts) {
      return new Cond() {
        @Override
        boolean make(boolean want, Map<String, String> a) {
          if (want) {
            for (Cond p : parts) {
              if (!p.make(true, a)) {
                return false;
              }
            }
            return true;
          }
          return any(parts, false, a);
        }
      };
    }

    static Cond or(List<Cond> parts) {
      return new Cond() {
        @Override
        boolean make(boolean want, Map<String, String> a) {
          if (!want) {
            for (Cond p : parts) {
              if (!p.make(false, a)) {
                return false;
              }
            }
            return true;
          }
          return any(parts, true, a);
        }
      };
    }

    private static boolean any(List<Cond> parts, boolean want, Map<String, String> a) {
      for (Cond p : parts) {
        Map<String, String> trial = new TreeMap<>(a);
        if (p.make(want, trial)) {
          a.clear();
          a.putAll(trial);
          return true;
        }
      }
      return false;
    }

    static Cond compare(String name, String op, long n) {
      return new Cond() {
        @Override
        boolean make(boolean want, Map<String, String> a) {
          boolean eq = op.equals("==") == want;
          long v =
              switch (op) {
                case "==", "!=" -> eq ? n : n + 1;
                case ">" -> want ? n + 1 : n;
                case ">=" -> want ? n : n - 1;
                case "<" -> want ? n - 1 : n;
                case "<=" -> want ? n : n + 1;
                default -> n;
              };
          return set(a, name, Long.toString(v));
        }
      };
    }

    static Cond constant(long n) {
      return new Cond() {
        @Override
        boolean make(boolean want, Map<String, String> a) {
          return (n != 0) == want;
        }
      };
    }

    static Cond unsolvable() {
      return new Cond() {
        @Override
        boolean make(boolean want, Map<String, String> a) {
          return false;
        }
      };
    }

    static boolean set(Map<String, String> a, String name, String value) {
      if (!a.containsKey(name)) {
        a.put(name, value);
        return true;
      }
      String old = a.get(name);
      if (Objects.equals(old, value)) {
        return true;
      }
      if (old == null || value == null) {
        return false; // defined and undefined at once
      }
      if (old.equals("?")) {
        a.put(name, value);
        return true;
      }
      return value.equals("?");
    }

    /** Parses a condition; forms we cannot solve become a condition that is never satisfied. */
    static Cond parse(String text) {
      try {
        Parser p = new Parser(text);
        Cond c = p.or();
        return p.atEnd() ? c : unsolvable();
      } catch (IllegalArgumentException e) {
        return unsolvable();
      }
    }
  }

  private static final class Parser {
    private static final Pattern TOKEN =
        Pattern.compile(
            "\\s*(defined|[A-Za-z_][A-Za-z0-9_]*|0[xX][0-9a-fA-F]+|[0-9]+[uUlL]*|&&|\\|\\||==|!=|<=|>=|[!()<>])");
    private final List<String> tokens = new ArrayList<>();
    private int pos;

    Parser(String text) {
      Matcher m = TOKEN.matcher(text);
      int at = 0;
      while (at < text.length()) {
        if (!m.find(at) || m.start() != at) {
          if (text.substring(at).isBlank()) {
            break;
          }
          throw new IllegalArgumentException("unsupported");
        }
        tokens.add(m.group(1));
        at = m.end();
      }
    }

    boolean atEnd() {
      return pos == tokens.size();
    }

    private String peek() {
      return pos < tokens.size() ? tokens.get(pos) : "";
    }

    private String next() {
      if (pos >= tokens.size()) {
        throw new IllegalArgumentException("unexpected end");
      }
      return tokens.get(pos++);
    }

    Cond or() {
      List<Cond> parts = new ArrayList<>(List.of(and()));
      while (peek().equals("||")) {
        next();
        parts.add(and());
      }
      return parts.size() == 1 ? parts.get(0) : Cond.or(parts);
    }

    Cond and() {
      List<Cond> parts = new ArrayList<>(List.of(unary()));
      while (peek().equals("&&")) {
        next();
        parts.add(unary());
      }
      return parts.size() == 1 ? parts.get(0) : Cond.and(parts);
    }

    Cond unary() {
      if (peek().equals("!")) {
        next();
        return Cond.not(unary());
      }
      return primary();
    }

    Cond primary() {
      String t = next();
      if (t.equals("(")) {
        Cond c = or();
        expect(")");
        return c;
      }
      if (t.equals("defined")) {
        boolean paren = peek().equals("(");
        if (paren) {
          next();
        }
        String name = next();
        if (paren) {
          expect(")");
        }
        return Cond.defined(name);
      }
      if (Character.isDigit(t.charAt(0))) {
        return Cond.constant(number(t));
      }
      if (Character.isJavaIdentifierStart(t.charAt(0))) {
        if (peek().equals("(")) {
          throw new IllegalArgumentException("function-like macro");
        }
        String op = peek();
        if (Set.of("==", "!=", "<", ">", "<=", ">=").contains(op)) {
          next();
          String n = next();
          if (!Character.isDigit(n.charAt(0))) {
            throw new IllegalArgumentException("comparison with a non-number");
          }
          return Cond.compare(t, op, number(n));
        }
        return Cond.not(Cond.compare(t, "==", 0));
      }
      throw new IllegalArgumentException("unsupported token " + t);
    }

    private void expect(String s) {
      if (!next().equals(s)) {
        throw new IllegalArgumentException("expected " + s);
      }
    }

    private static long number(String t) {
      String s = t.replaceAll("[uUlL]+$", "");
      return s.startsWith("0x") || s.startsWith("0X")
          ? Long.parseLong(s.substring(2), 16)
          : Long.parseLong(s);
    }
  }
}
