package dev.vforkcheck.frontend;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IMacroBinding;
import org.eclipse.cdt.core.dom.parser.c.GCCScannerExtensionConfiguration;
import org.eclipse.cdt.core.index.IIndexMacro;
import org.eclipse.cdt.core.parser.DefaultLogService;
import org.eclipse.cdt.core.parser.EndOfFileException;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.IToken;
import org.eclipse.cdt.core.parser.ParserLanguage;
import org.eclipse.cdt.core.parser.ScannerInfo;
import org.eclipse.cdt.internal.core.parser.scanner.CPreprocessor;
import org.eclipse.cdt.internal.core.parser.scanner.CharArray;

/**
 * Headers read once per distinct macro context and reused by every later translation unit.
 *
 * <p>What a header does to the unit that includes it depends only on the macros its conditional
 * directives test (its own and those of the headers it may include): the <em>significant</em>
 * macros, found once per header by reading its directives. The first time a header is included with
 * a given set of values for them, it is preprocessed alone in exactly that context and what it
 * leaves behind is recorded: the macros it defines and undefines, the typedef names it declares and
 * the functions it declares noreturn. Later inclusions with the same values get that record as a
 * short synthetic file instead of the header: the same macros and type names at a fraction of the
 * cost. Entries depend only on the header's text and its key, never on which unit came first, so a
 * parallel scan gives the same result in every run. Thread-safe.
 */
public final class HeaderCache {
  private static final Pattern DIRECTIVE =
      Pattern.compile(
          "(?m)^[ \\t]*#[ \\t]*(if|ifdef|ifndef|elif|else|endif|include|include_next|import|pragma)\\b(.*)$");
  private static final Pattern IDENT = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]*\\b");
  private static final Pattern INCLUDE_NAME = Pattern.compile("^\\s*([<\"])([^>\"]+)[>\"]");
  private static final Set<String> NOT_MACROS =
      Set.of(
          "defined",
          "__has_include",
          "__has_include_next",
          "__has_attribute",
          "__has_builtin",
          "__has_feature",
          "__has_extension",
          "__has_cpp_attribute");
  private static final Set<String> NORETURN_WORDS = Set.of("noreturn", "__noreturn__", "_Noreturn");

  /** Headers nested deeper than this (an include cycle without guards) are read as empty. */
  private static final int MAX_DEPTH = 60;

  private final IncludeResolver resolver;
  private final Map<Path, Header> headers = new ConcurrentHashMap<>();
  private final Map<Path, List<Path>> resolved = new ConcurrentHashMap<>();

  /**
   * Softly held: when the heap runs short the collector may drop entries, and an inclusion that
   * finds its entry gone preprocesses the header again, with the same result (an entry depends only
   * on the header and its key), so memory stays bounded whatever the tree.
   */
  private final Map<String, SoftReference<Entry>> entries = new ConcurrentHashMap<>();

  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  /**
   * A header's text and what its directives say, read once.
   *
   * @param guard the include-guard macro when the whole header sits under {@code #ifndef G /
   *     #define G}, else null
   */
  @SuppressWarnings("ArrayRecordComponent") // CDT reads char[]; the arrays are never changed
  record Header(
      Path path,
      char[] text,
      Set<String> tested,
      List<Include> includes,
      boolean pragmaOnce,
      String guard) {}

  record Include(String name, boolean angle) {}

  /**
   * What one header leaves behind in one context.
   *
   * @param text a synthetic file with the same effect on macros and type names
   * @param noReturn functions the header (or a header it includes) declares noreturn
   */
  @SuppressWarnings("ArrayRecordComponent") // CDT reads char[]; the arrays are never changed
  public record Entry(
      char[] text,
      Set<String> noReturn,
      CharArray chars,
      List<IIndexMacro> macros,
      char[] typedefs) {
    static final Entry EMPTY = new Entry(new char[0], Set.of());

    Entry(char[] text, Set<String> noReturn) {
      this(text, noReturn, new CharArray(text), List.of(), new char[0]);
    }
  }

  public HeaderCache(IncludeResolver resolver) {
    this.resolver = resolver;
  }

  public IncludeResolver resolver() {
    return resolver;
  }

  /** The header's text and directives, or null when it cannot be read. */
  Header header(Path path) {
    Header h = headers.get(path);
    if (h != null) {
      return h;
    }
    try {
      byte[] bytes = Files.readAllBytes(path);
      if (SourceText.looksBinary(bytes)) {
        return null;
      }
      h = describe(path, SourceText.decode(bytes).chars());
    } catch (IOException | RuntimeException e) {
      return null;
    }
    Header before = headers.putIfAbsent(path, h);
    return before != null ? before : h;
  }

  /** What {@code chars}, the text of the header at {@code path}, says in its directives. */
  static Header describe(Path path, char[] chars) {
    String text = joinContinuations(new String(chars));
    Set<String> tested = new TreeSet<>();
    List<Include> includes = new ArrayList<>();
    boolean once = false;
    GuardFinder guard = new GuardFinder();
    Matcher m = DIRECTIVE.matcher(text);
    while (m.find()) {
      String kind = m.group(1);
      String rest = stripComments(m.group(2));
      guard.accept(kind, rest);
      switch (kind) {
        case "pragma" -> once |= rest.trim().equals("once");
        case "include", "include_next", "import" -> {
          Matcher n = INCLUDE_NAME.matcher(rest);
          if (n.find()) {
            includes.add(new Include(n.group(2), n.group(1).equals("<")));
          } else {
            addIdentifiers(rest, tested); // #include MACRO
          }
        }
        case "else", "endif" -> {}
        default -> addIdentifiers(rest, tested);
      }
    }
    addUndefined(text, tested);
    addDefinedFrom(text, tested);
    dropDefineOnce(text, tested);
    return new Header(path, chars, tested, includes, once, guard.guard(text));
  }

  /**
   * Follows a header's directives, one at a time, for an include guard: the first directive is
   * {@code #ifndef G} (or {@code #if !defined G}), the next {@code #define G}, and the group it
   * opens closes at the last directive of the file.
   */
  private static final class GuardFinder {
    private String candidate;
    private int depth;
    private int directives;
    private boolean openAtEnd;
    private boolean closedEarly;

    /** The next directive: its kind ({@code ifndef}, {@code endif}...) and the rest of its line. */
    void accept(String kind, String rest) {
      directives++;
      if (directives == 1) {
        Matcher g = GUARD_TEST.matcher(kind + " " + rest.trim());
        if (g.matches()) {
          candidate = g.group(1) != null ? g.group(1) : g.group(2);
        }
      }
      if (kind.startsWith("if")) {
        depth++;
      }
      openAtEnd = depth >= 1;
      if (kind.equals("endif")) {
        depth--;
        if (depth == 0 && candidate != null) {
          closedEarly = true; // the guard group closed; only fine if nothing follows
          openAtEnd = false;
        }
      } else if (closedEarly) {
        candidate = null; // a directive after the guard's #endif
      }
    }

    /** The include guard once every directive of {@code text} was seen, or null. */
    String guard(String text) {
      boolean defined = false;
      Matcher d = GUARD_DEFINE.matcher(text);
      if (candidate != null && d.find()) {
        defined = d.group(1).equals(candidate);
      }
      return candidate != null
              && defined
              && closedEarly
              && !openAtEnd
              && !hasCodeAfterLastEndif(text)
          ? candidate
          : null;
    }
  }

  /**
   * A header that #undefs a macro changes the includer's state only if the macro was defined: its
   * value is part of the key.
   */
  private static void addUndefined(String text, Set<String> tested) {
    Matcher u = UNDEF.matcher(text);
    while (u.find()) {
      tested.add(u.group(1));
    }
  }

  /**
   * A tested macro the header defines from others ({@code #define USE_IMPL CONFIG_VFORK}, then
   * {@code #if USE_IMPL}) makes those others count too, transitively.
   */
  private static void addDefinedFrom(String text, Set<String> tested) {
    List<String[]> defines = new ArrayList<>();
    Matcher dm = DEFINE_LINE.matcher(text);
    while (dm.find()) {
      defines.add(new String[] {dm.group(1), stripComments(dm.group(2))});
    }
    for (boolean grew = true; grew; ) {
      grew = false;
      for (String[] d2 : defines) {
        if (tested.contains(d2[0])) {
          int before = tested.size();
          addIdentifiers(d2[1], tested);
          grew |= tested.size() > before;
        }
      }
    }
  }

  /**
   * Define-once blocks ({@code #ifndef __pid_t_defined / #define __pid_t_defined / typedef ...}):
   * whichever header runs them first leaves the same macros and type names behind, so the macro
   * they test does not need to be part of the key (it would multiply the versions of glibc-style
   * headers) unless a directive tests it otherwise.
   */
  private static void dropDefineOnce(String text, Set<String> tested) {
    Matcher once = DEFINE_ONCE.matcher(text);
    Set<String> onceOnly = new HashSet<>();
    while (once.find()) {
      onceOnly.add(once.group(1));
    }
    for (String name : onceOnly) {
      if (!testedOtherwise(text, name)) {
        tested.remove(name);
      }
    }
  }

  private static final Pattern GUARD_TEST =
      Pattern.compile(
          "(?:ifndef\\s+([A-Za-z_][A-Za-z0-9_]*)|if\\s+!\\s*defined\\s*\\(?\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)?)\\s*");

  /** The second directive of the file, when it is a #define. */
  private static final Pattern GUARD_DEFINE =
      Pattern.compile(
          "\\A(?:[^#]|#(?!\\s*(?:define|if|ifdef|ifndef|elif|else|endif|include)))*#\\s*(?:ifndef|if)[^\\n]*\\n"
              + "(?:\\s|/\\*(?:[^*]|\\*(?!/))*\\*/|//[^\\n]*\\n)*#\\s*define\\s+([A-Za-z_][A-Za-z0-9_]*)");

  private static final Pattern UNDEF =
      Pattern.compile("(?m)^[ \\t]*#[ \\t]*undef[ \\t]+([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern DEFINE_LINE =
      Pattern.compile(
          "(?m)^[ \\t]*#[ \\t]*define[ \\t]+([A-Za-z_][A-Za-z0-9_]*)(?:\\([^)]*\\))?(.*)$");
  private static final Pattern DEFINE_ONCE =
      Pattern.compile(
          "(?m)^[ \\t]*#[ \\t]*ifndef[ \\t]+([A-Za-z_][A-Za-z0-9_]*)[ \\t]*(?:/\\*[^\\n]*\\*/[ \\t]*)?\\n"
              + "(?:[ \\t]*(?://[^\\n]*)?\\n)*[ \\t]*#[ \\t]*define[ \\t]+\\1\\b");

  /**
   * True when a directive tests {@code name} other than as {@code #ifndef name} followed by its
   * #define.
   */
  private static boolean testedOtherwise(String text, String name) {
    Matcher m = DIRECTIVE.matcher(text);
    Pattern word = Pattern.compile("\\b" + Pattern.quote(name) + "\\b");
    while (m.find()) {
      String kind = m.group(1);
      if (kind.equals("ifndef") && m.group(2).trim().startsWith(name)) {
        continue;
      }
      if ((kind.startsWith("if") || kind.equals("elif")) && word.matcher(m.group(2)).find()) {
        return true;
      }
    }
    return false;
  }

  /** True when code (not comments) follows the file's last #endif. */
  private static boolean hasCodeAfterLastEndif(String text) {
    Matcher m = Pattern.compile("(?m)^[ \\t]*#[ \\t]*endif\\b.*$").matcher(text);
    int end = -1;
    while (m.find()) {
      end = m.end();
    }
    if (end < 0) {
      return true;
    }
    String rest = text.substring(end).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    return !rest.isBlank();
  }

  private static void addIdentifiers(String expr, Set<String> out) {
    Matcher w = IDENT.matcher(expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])*'", " "));
    while (w.find()) {
      if (!NOT_MACROS.contains(w.group())) {
        out.add(w.group());
      }
    }
  }

  private static String joinContinuations(String s) {
    return s.indexOf('\\') < 0 ? s : s.replaceAll("\\\\\\r?\\n", " ");
  }

  private static String stripComments(String s) {
    return s.replaceAll("/\\*.*?\\*/", " ").replaceAll("//.*$", "");
  }

  /**
   * The macros that decide what {@code path} does when included in {@code context}: those its
   * directives test, and those of every header it may include (on any branch), except that a header
   * whose include guard is already defined contributes only its guard.
   */
  Set<String> significant(Path path, MacroLookup context) {
    Set<String> out = new HashSet<>();
    Set<Path> seen = new HashSet<>();
    Deque<Path> work = new ArrayDeque<>();
    work.add(path);
    seen.add(path);
    while (!work.isEmpty()) {
      Path p = work.poll();
      Header h = header(p);
      if (h == null) {
        continue;
      }
      if (h.guard() != null) {
        out.add(h.guard());
        if (context.get(h.guard()) != null) {
          continue;
        }
      }
      out.addAll(h.tested());
      for (Path q : includes(h)) {
        if (seen.add(q)) {
          work.add(q);
        }
      }
    }
    return out;
  }

  /** The files a header's #include lines name (on every branch), resolved once. */
  private List<Path> includes(Header h) {
    List<Path> known = resolved.get(h.path());
    if (known != null) {
      return known;
    }
    List<Path> out = new ArrayList<>();
    for (Include inc : h.includes()) {
      Path q = resolver.resolveQuietly(inc.name(), h.path(), inc.angle());
      if (q != null && !out.contains(q)) {
        out.add(q);
      }
    }
    List<Path> result = List.copyOf(out);
    List<Path> before = resolved.putIfAbsent(h.path(), result);
    return before != null ? before : result;
  }

  /**
   * The record of {@code path} included where the macros are {@code context}; {@code forced} is
   * text appended after every header of this configuration (part of the key).
   */
  public Entry entry(Path path, MacroLookup context, String forced, ParseOptions options) {
    Header h = header(path);
    if (h == null) {
      return Entry.EMPTY;
    }
    Map<String, IMacroBinding> found = new HashMap<>();
    Deque<String> work = new ArrayDeque<>(significant(path, context));
    while (!work.isEmpty() && found.size() < 4_000) {
      String id = work.poll();
      if (found.containsKey(id)) {
        continue;
      }
      IMacroBinding b = context.get(id);
      found.put(id, b == null || b.isDynamic() ? null : b);
      if (b != null && b.getExpansionImage() != null) {
        // a tested macro defined in terms of others: their values count too
        identifiers(
            b.getExpansionImage(),
            w -> {
              if (!found.containsKey(w) && context.get(w) != null) {
                work.add(w);
              }
            });
      }
    }
    String k = key(path, forced, found);
    SoftReference<Entry> held = entries.get(k);
    Entry e = held == null ? null : held.get();
    if (e != null) {
      hits.incrementAndGet();
      return e;
    }
    misses.incrementAndGet();
    int[] d = depth.get();
    if (d[0] >= MAX_DEPTH) {
      return Entry.EMPTY;
    }
    Map<String, String> values = new TreeMap<>();
    found.forEach((id, b) -> values.put(id, b == null ? null : definition(b)));
    d[0]++;
    try {
      e = compute(h, values, forced, options);
    } finally {
      d[0]--;
    }
    entries.put(k, new SoftReference<>(e)); // a racing thread's entry is equal to this one
    return e;
  }

  /**
   * The cache key: the header, the forced text and a 128-bit hash of the significant macros' names
   * and definitions, computed without building their text. Each macro is hashed on its own and the
   * hashes are combined in an order-independent way, so nothing needs sorting per inclusion.
   */
  private static String key(Path path, String forced, Map<String, IMacroBinding> values) {
    long sum = 0;
    long xor = 0;
    for (var e : values.entrySet()) {
      long h = 0xcbf29ce484222325L;
      String name = e.getKey();
      for (int i = 0; i < name.length(); i++) {
        h = (h ^ name.charAt(i)) * 0x100000001b3L;
      }
      IMacroBinding b = e.getValue();
      h = (h ^ (b == null ? 1 : b.isFunctionStyle() ? 2 : 3)) * 0x100000001b3L;
      if (b != null) {
        char[][] params = b.isFunctionStyle() ? b.getParameterList() : null;
        for (int p = 0; params != null && p < params.length; p++) {
          for (char c : params[p]) {
            h = (h ^ c) * 0x100000001b3L;
          }
          h = (h ^ ',') * 0x100000001b3L;
        }
        char[] image = b.getExpansionImage();
        for (int i = 0; image != null && i < image.length; i++) {
          h = (h ^ image[i]) * 0x100000001b3L;
        }
      }
      sum += mix(h);
      xor ^= mix(h ^ 0x9e3779b97f4a7c15L);
    }
    return path
        + "\u0000"
        + forced
        + "\u0000"
        + values.size()
        + ":"
        + Long.toHexString(sum)
        + Long.toHexString(xor);
  }

  /** A 64-bit finalizer (the one of splitmix64): spreads every input bit over the result. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Calls {@code out} with every identifier in {@code text}. */
  private static void identifiers(char[] text, Consumer<String> out) {
    int i = 0;
    while (i < text.length) {
      char c = text[i];
      if (Character.isJavaIdentifierStart(c) && c != '$') {
        int start = i;
        while (i < text.length && Character.isJavaIdentifierPart(text[i]) && text[i] != '$') {
          i++;
        }
        out.accept(new String(text, start, i - start));
      } else if (c >= '0' && c <= '9') {
        while (i < text.length && Character.isJavaIdentifierPart(text[i])) {
          i++; // a number with a suffix, not a name
        }
      } else {
        i++;
      }
    }
  }

  /** {@code NAME(params) body} or {@code NAME body}, as a {@code #define} line would say it. */
  static String definition(IMacroBinding b) {
    StringBuilder sb = new StringBuilder(b.getName());
    if (b.isFunctionStyle()) {
      sb.append('(');
      char[][] params = b.getParameterList();
      for (int i = 0; params != null && i < params.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(params[i]);
      }
      sb.append(')');
    }
    char[] image = b.getExpansionImage();
    sb.append(' ')
        .append(
            image == null
                ? ""
                : new String(image)
                    .replaceAll("\\\\\r?\n", " ")
                    .replace('\n', ' ')
                    .replace('\r', ' '));
    return sb.toString();
  }

  /** Preprocesses the header alone in the recorded context and keeps what it leaves behind. */
  private Entry compute(Header h, Map<String, String> values, String forced, ParseOptions options) {
    IncludeProvider sub = new IncludeProvider(this, options, forced, h.path());
    CPreprocessor pp = preprocessorFor(h, values, sub);
    DeclarationScanner decls = new DeclarationScanner();
    try {
      while (true) {
        decls.accept(pp.nextToken());
      }
    } catch (EndOfFileException end) {
      // the whole header was read
    } catch (RuntimeException bad) {
      // keep what was read up to the failure
    }
    StringBuilder text = new StringBuilder();
    List<IIndexMacro> macros = new ArrayList<>();
    macroChanges(sub.targetContext(), pp.getMacroDefinitions(), text, macros);
    StringBuilder typedefs = new StringBuilder();
    for (String t : decls.typedefs()) {
      typedefs.append("typedef int ").append(t).append(";\n");
    }
    text.append(typedefs);
    Set<String> noReturn = new TreeSet<>(decls.noReturn());
    noReturn.addAll(sub.noReturn());
    char[] all = text.toString().toCharArray();
    return new Entry(
        all,
        Set.copyOf(noReturn),
        new CharArray(all),
        List.copyOf(macros),
        typedefs.toString().toCharArray());
  }

  /**
   * A preprocessor for a synthetic file that sets the macros to {@code values} (null: undefined)
   * and includes the header, reading includes through {@code sub}.
   */
  private static CPreprocessor preprocessorFor(
      Header h, Map<String, String> values, IncludeProvider sub) {
    StringBuilder root = new StringBuilder();
    values.forEach(
        (name, def) -> {
          root.append("#undef ").append(name).append('\n');
          if (def != null) {
            root.append("#define ").append(def).append('\n');
          }
        });
    root.append("#include \"").append(h.path().toString().replace("\\", "/")).append("\"\n");
    CPreprocessor pp =
        new CPreprocessor(
            FileContent.create(
                IncludeProvider.VIRTUAL_DIR + "context.c", root.toString().toCharArray()),
            new ScannerInfo(Map.of(), new String[0]),
            ParserLanguage.C,
            new DefaultLogService(),
            GCCScannerExtensionConfiguration.getInstance(),
            sub);
    pp.setComputeImageLocations(false);
    sub.attach(pp);
    return pp;
  }

  /**
   * Adds to {@code text} (as #define and #undef lines) and to {@code macros} (as index macros) how
   * the macros {@code after} the header differ from those {@code before} it (null: none known).
   */
  private static void macroChanges(
      Map<String, IMacroBinding> before,
      Map<String, IMacroBinding> after,
      StringBuilder text,
      List<IIndexMacro> macros) {
    for (var e : new TreeMap<>(after).entrySet()) {
      IMacroBinding now = e.getValue();
      if (now.isDynamic()) {
        continue;
      }
      IMacroBinding was = before == null ? null : before.get(e.getKey());
      String def = definition(now);
      if (was == null || !definition(was).equals(def)) {
        text.append("#define ").append(def).append('\n');
        char[] image = now.getExpansionImage();
        macros.add(
            IndexedMacros.macro(
                e.getKey(),
                now.isFunctionStyle() ? now.getParameterList() : null,
                image == null ? new char[0] : image));
      }
    }
    if (before != null) {
      for (String name : new TreeSet<>(before.keySet())) {
        if (!after.containsKey(name)) {
          text.append("#undef ").append(name).append('\n');
          macros.add(IndexedMacros.macro(name, null, null));
        }
      }
    }
  }

  /** Cache statistics: [hits, misses]. */
  public long[] stats() {
    return new long[] {hits.get(), misses.get()};
  }

  /**
   * Reads a header's preprocessed tokens at file scope for the names a later unit needs: typedef
   * names (so that {@code name_t *p;} parses as a declaration) and functions declared noreturn.
   */
  static final class DeclarationScanner {
    private final Set<String> typedefs = new TreeSet<>();
    private final Set<String> noReturn = new TreeSet<>();
    private int braces;
    private int parens;
    private boolean inTypedef;
    private boolean sawNoReturn;
    private String firstCalled;
    private String lastIdent;
    private String pointerName;
    private IToken prev;
    private IToken prev2;

    void accept(IToken t) {
      int type = t.getType();
      switch (type) {
        case IToken.tLBRACE -> braces++;
        case IToken.tRBRACE -> {
          braces = Math.max(0, braces - 1);
          if (braces == 0 && !inTypedef) { // end of a function body or a struct definition
            firstCalled = null;
            sawNoReturn = false;
            lastIdent = null;
          }
        }
        case IToken.tLPAREN -> {
          if (braces == 0
              && parens == 0
              && lastIdent != null
              && prev != null
              && prev.getType() == IToken.tIDENTIFIER
              && firstCalled == null) {
            firstCalled = lastIdent;
          }
          parens++;
        }
        case IToken.tRPAREN -> parens = Math.max(0, parens - 1);
        case IToken.t_typedef -> {
          if (braces == 0) {
            inTypedef = true;
          }
        }
        case IToken.tIDENTIFIER -> {
          String s = t.getImage();
          if (NORETURN_WORDS.contains(s)) {
            sawNoReturn = true;
          } else if (braces == 0 && parens == 0) {
            lastIdent = s;
          } else if (braces == 0
              && parens == 1
              && prev != null
              && prev.getType() == IToken.tSTAR
              && prev2 != null
              && prev2.getType() == IToken.tLPAREN) {
            pointerName = s; // typedef int (*name)(...)
          }
        }
        case IToken.tSEMI, IToken.tCOMMA -> {
          if (braces == 0 && parens == 0) {
            endDeclarator(type == IToken.tSEMI);
          }
        }
        default -> {}
      }
      prev2 = prev;
      prev = t;
    }

    private void endDeclarator(boolean endOfDeclaration) {
      if (inTypedef) {
        String name = pointerName != null ? pointerName : lastIdent;
        if (name != null && !name.startsWith("__attribute")) {
          typedefs.add(name);
        }
      } else if (sawNoReturn && firstCalled != null) {
        noReturn.add(firstCalled);
      }
      pointerName = null;
      lastIdent = null;
      firstCalled = null;
      if (endOfDeclaration) {
        inTypedef = false;
        sawNoReturn = false;
      }
    }

    Set<String> typedefs() {
      return typedefs;
    }

    Set<String> noReturn() {
      return noReturn;
    }
  }
}
