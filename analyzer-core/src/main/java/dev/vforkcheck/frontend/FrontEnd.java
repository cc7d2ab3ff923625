package dev.vforkcheck.frontend;

import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorElifStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorElseStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIfdefStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIfndefStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIncludeStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorStatement;
import org.eclipse.cdt.core.dom.ast.IASTProblem;
import org.eclipse.cdt.core.dom.ast.IASTProblemDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTProblemHolder;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.IMacroBinding;
import org.eclipse.cdt.core.dom.parser.c.GCCParserExtensionConfiguration;
import org.eclipse.cdt.core.dom.parser.c.GCCScannerExtensionConfiguration;
import org.eclipse.cdt.core.parser.DefaultLogService;
import org.eclipse.cdt.core.parser.ExtendedScannerInfo;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.IProblem;
import org.eclipse.cdt.core.parser.ParserLanguage;
import org.eclipse.cdt.core.parser.ParserMode;
import org.eclipse.cdt.internal.core.dom.parser.c.GNUCSourceParser;
import org.eclipse.cdt.internal.core.parser.scanner.CPreprocessor;

/**
 * The only place that talks to the Eclipse CDT parser. Parses one C file with CDT's GNU C language,
 * lowers every function to a {@link dev.vforkcheck.cfg.Cfg} and returns {@link FileFacts}; the AST
 * is dropped before this method returns. Thread-safe: each call uses its own parser.
 */
public final class FrontEnd {

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

  /**
   * Standard C and POSIX headers: not found in the tree is expected, even when included with
   * quotes.
   */
  private static final Set<String> SYSTEM_HEADERS =
      Set.of(
          "assert.h",
          "ctype.h",
          "errno.h",
          "fcntl.h",
          "float.h",
          "limits.h",
          "locale.h",
          "math.h",
          "setjmp.h",
          "signal.h",
          "stdarg.h",
          "stddef.h",
          "stdint.h",
          "stdio.h",
          "stdlib.h",
          "string.h",
          "strings.h",
          "time.h",
          "unistd.h",
          "inttypes.h",
          "stdbool.h",
          "termios.h",
          "pwd.h",
          "grp.h",
          "dirent.h",
          "sys/types.h",
          "sys/stat.h",
          "sys/wait.h",
          "sys/time.h",
          "sys/socket.h",
          "sys/ioctl.h",
          "sys/param.h",
          "netdb.h",
          "poll.h",
          "pthread.h",
          "syslog.h",
          "utmp.h",
          "utmpx.h");

  private static final Set<String> KEYWORDS =
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
  private static final Pattern NORETURN_WORD =
      Pattern.compile(
          "\\b(_Noreturn|noreturn|__noreturn__|__noreturn|NORETURN|ATTRIBUTE_NORETURN|NORETURN_ATTR|__dead2|__dead|G_GNUC_NORETURN)\\b");

  /**
   * C11 keywords the CDT GNU C parser does not know, mapped to GNU spellings it does. User defines
   * win over these.
   */
  static final Map<String, String> BUILTIN_DEFINES =
      Map.of(
          "_Noreturn", "__attribute__((__noreturn__))",
          "_Thread_local", "__thread",
          "_Alignas(x)", "",
          "_Atomic", "volatile",
          "_Static_assert(c, m)", "");

  /**
   * What GCC predefines for an x86-64 Linux target, so that code testing the compiler (`#if
   * __GNUC__ >= 3`, `#ifdef __x86_64__`, `__BYTE_ORDER__`) takes the branch a real build takes; a
   * project's `ATTRIBUTE_NORETURN` is often empty without `__GNUC__`. -U and -D override them.
   */
  static final Map<String, String> COMPILER_DEFINES = compilerDefines();

  private static Map<String, String> compilerDefines() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("__GNUC__", "12");
    m.put("__GNUC_MINOR__", "2");
    m.put("__GNUC_PATCHLEVEL__", "0");
    m.put("__STDC_HOSTED__", "1");
    m.put("__ELF__", "1");
    m.put("__unix", "1");
    m.put("__x86_64__", "1");
    m.put("__x86_64", "1");
    m.put("__amd64__", "1");
    m.put("__LP64__", "1");
    m.put("_LP64", "1");
    m.put("__CHAR_BIT__", "8");
    m.put("__SIZEOF_SHORT__", "2");
    m.put("__SIZEOF_INT__", "4");
    m.put("__SIZEOF_LONG__", "8");
    m.put("__SIZEOF_LONG_LONG__", "8");
    m.put("__SIZEOF_POINTER__", "8");
    m.put("__SIZEOF_SIZE_T__", "8");
    m.put("__SCHAR_MAX__", "0x7f");
    m.put("__SHRT_MAX__", "0x7fff");
    m.put("__INT_MAX__", "0x7fffffff");
    m.put("__LONG_MAX__", "0x7fffffffffffffffL");
    m.put("__LONG_LONG_MAX__", "0x7fffffffffffffffLL");
    m.put("__ORDER_LITTLE_ENDIAN__", "1234");
    m.put("__ORDER_BIG_ENDIAN__", "4321");
    m.put("__ORDER_PDP_ENDIAN__", "3412");
    m.put("__BYTE_ORDER__", "__ORDER_LITTLE_ENDIAN__");
    return Collections.unmodifiableMap(m);
  }

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

  private static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]*\\b");

  /** CDT's message for {@code #include NAME} where NAME is not a defined macro. */
  private static final Pattern INCLUDE_BY_MACRO =
      Pattern.compile("#\\s*include\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*$");

  private static final Pattern FORK_CALL = Pattern.compile("\\b(vfork|fork)\\s*\\(");
  private static final Pattern FUNCTION_HEAD =
      Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)\\s*\\([^;{}()]*\\)\\s*\\{");

  private final KnowledgeBase knowledge;
  private final ParseOptions options;
  private final HeaderCache headers;
  private final String prelude;
  private final ConfigurationFinder.Mode variants;
  private final Pattern spawn;
  private final Set<String> spawnNames;

  /** A front end that follows includes only beside the includer and in the -I directories. */
  public FrontEnd(KnowledgeBase knowledge, ParseOptions options) {
    this(knowledge, options, new HeaderCache(new IncludeResolver(List.of(), options, p -> false)));
  }

  /** A front end sharing a scan's header cache (and so its include resolution). */
  public FrontEnd(KnowledgeBase knowledge, ParseOptions options, HeaderCache headers) {
    this(knowledge, options, headers, ConfigurationFinder.Mode.NONE, Set.of());
  }

  /**
   * A front end that also looks for configurations worth analyzing.
   *
   * @param variants which inactive branches to look at
   * @param spawnNames project names that spawn (wrapper macros and functions), besides
   *     fork/vfork/exec
   */
  public FrontEnd(
      KnowledgeBase knowledge,
      ParseOptions options,
      HeaderCache headers,
      ConfigurationFinder.Mode variants,
      Set<String> spawnNames) {
    this.knowledge = knowledge;
    this.options = options;
    this.headers = headers;
    this.prelude = prelude(options);
    this.variants = variants;
    this.spawnNames = Set.copyOf(spawnNames);
    StringBuilder names =
        new StringBuilder("\\w*fork\\w*|exec(?:l|lp|le|v|vp|ve|vpe)|fexecve|posix_spawnp?");
    new TreeSet<>(spawnNames).forEach(n -> names.append('|').append(Pattern.quote(n)));
    this.spawn = Pattern.compile("\\b(?:" + names + ")\\s*\\(");
  }

  /** The command line as preprocessor text: C11 spellings, -D, then -U. */
  private static String prelude(ParseOptions options) {
    StringBuilder sb = new StringBuilder();
    Map<String, String> all = new LinkedHashMap<>(COMPILER_DEFINES);
    all.putAll(BUILTIN_DEFINES);
    all.putAll(options.defines());
    all.forEach(
        (k, v) ->
            sb.append("#define ").append(k).append(' ').append(v.replace('\n', ' ')).append('\n'));
    options.undefines().forEach(u -> sb.append("#undef ").append(u).append('\n'));
    return sb.toString();
  }

  /**
   * One parse of one file: the AST, the include provider it used, the macros in force at its end.
   */
  private record Parse(IASTTranslationUnit tu, IncludeProvider provider, MacroLookup macros) {}

  /** Parses one file in the scan's default configuration. */
  public FileFacts parse(String path, String fileName, SourceText text) {
    return parse(path, fileName, text, Variant.DEFAULT);
  }

  /**
   * Parses one file.
   *
   * @param path the path to report (relative to the scan's base directory)
   * @param fileName the absolute name the parser sees (relative includes resolve beside it)
   * @param text the decoded source
   * @param variant the configuration: macros forced on top of the scan's defines
   */
  public FileFacts parse(String path, String fileName, SourceText text, Variant variant) {
    return parse(path, fileName, text, variant, !fileName.endsWith(".h"));
  }

  /**
   * Parses one file.
   *
   * @param translationUnit false for a header, or a source file that another file {@code #include}s
   *     (a unity build's part): read alone it lacks what its includer defines first, so its syntax
   *     problems and #errors are not reported (code it loses that matters, a function or a fork
   *     call, still is)
   */
  public FileFacts parse(
      String path, String fileName, SourceText text, Variant variant, boolean translationUnit) {
    Parse p = parseTu(fileName, text.chars(), variant);
    long score = score(p.tu(), fileName);
    char[] current = text.chars();
    List<int[]> repairs = new ArrayList<>();
    // an unknown attribute-like macro (int FAST_FUNC f(void)) is blanked out where the parse
    // failed,
    // and only there: valid code elsewhere in the file is never touched; a few rounds, since fixing
    // one
    // can expose the next one
    for (int round = 0; round < 4 && options.recoverUnknownMacros(); round++) {
      List<int[]> tried = new ArrayList<>();
      char[] repaired = blankUnknownMacros(p, current, fileName, tried);
      if (repaired == null) {
        break;
      }
      Parse retry = parseTu(fileName, repaired, variant);
      long retryScore = score(retry.tu(), fileName);
      if (retryScore >= score) {
        break;
      }
      p = retry;
      score = retryScore;
      current = repaired;
      repairs.addAll(tried);
    }
    return extract(path, fileName, text, p, variant, repairs, translationUnit);
  }

  private Parse parseTu(String fileName, char[] chars, Variant variant) {
    IncludeProvider provider =
        new IncludeProvider(headers, options, variant.forcingText(), null, prelude);
    FileContent content = FileContent.create(fileName, chars);
    ExtendedScannerInfo info =
        new ExtendedScannerInfo(
            Map.of(),
            new String[0],
            null,
            IncludeProvider.preIncluded(options).toArray(String[]::new));
    DefaultLogService log = new DefaultLogService();
    CPreprocessor pp =
        new CPreprocessor(
            content,
            info,
            ParserLanguage.C,
            log,
            GCCScannerExtensionConfiguration.getInstance(info),
            provider);
    pp.setComputeImageLocations(false);
    provider.attach(pp);
    GNUCSourceParser parser =
        new GNUCSourceParser(
            pp,
            ParserMode.COMPLETE_PARSE,
            log,
            GCCParserExtensionConfiguration.getInstance(),
            null);
    IASTTranslationUnit tu = parser.parse();
    return new Parse(tu, provider, MacroLookup.of(pp));
  }

  /**
   * Every node of this file that holds a parse problem (declarations, statements, expressions, type
   * ids).
   */
  private static List<IASTNode> problemHolders(IASTTranslationUnit tu, String fileName) {
    List<IASTNode> out = new ArrayList<>();
    tu.accept(
        new ASTVisitor(true) {
          {
            shouldVisitProblems = true;
          }

          @Override
          public int visit(IASTProblem problem) {
            IASTNode holder = problem.getParent();
            IASTNode where = holder instanceof IASTProblemHolder ? holder : problem;
            IASTFileLocation fl = where.getFileLocation();
            if (fl != null && fileName.equals(fl.getFileName())) {
              out.add(where);
            }
            return PROCESS_CONTINUE;
          }
        });
    return out;
  }

  /**
   * How badly a parse went: fewer function definitions recovered is worse than anything, then the
   * characters covered by problem nodes. Lower is better.
   */
  private static long score(IASTTranslationUnit tu, String fileName) {
    long covered = 0;
    for (IASTNode holder : problemHolders(tu, fileName)) {
      IASTFileLocation fl = holder.getFileLocation();
      covered += fl == null ? 1 : Math.max(1, fl.getNodeLength());
    }
    long functions = 0;
    for (IASTDeclaration d : tu.getDeclarations()) {
      if (d instanceof IASTFunctionDefinition && inFile(d, fileName)) {
        functions++;
      }
    }
    long ppProblems = 0;
    for (IASTProblem p : tu.getPreprocessorProblems()) {
      ppProblems += inFile(p, fileName) ? 1 : 0;
    }
    return covered + ppProblems * 10_000L - functions * 1_000_000_000L;
  }

  private static boolean inFile(IASTNode node, String fileName) {
    IASTFileLocation fl = node.getFileLocation();
    return fl != null && fileName.equals(fl.getFileName());
  }

  /**
   * The text with unknown macros blanked out inside failing code only, or null when there is
   * nothing to blank: attribute-like words ({@code int FAST_FUNC f(void)}) and calls of
   * function-like macros with their arguments ({@code IF_DESKTOP(long long) int f(void)}, {@code
   * TRACE(("x"))} with no semicolon). Offsets do not move (each character becomes a space, newlines
   * stay). What was blanked is added to {@code repairs}.
   */
  private char[] blankUnknownMacros(Parse p, char[] chars, String fileName, List<int[]> repairs) {
    String all = new String(chars);
    Set<String> tested = testedWords(all);
    Predicate<String> unknown = w -> unknownMacro(w, p, tested);
    Blanking edit = new Blanking(chars, repairs);
    for (IASTNode holder : problemHolders(p.tu(), fileName)) {
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

  private boolean unknownMacro(String w, Parse p, Set<String> tested) {
    return p.macros().get(w) == null
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
  private static String blame(String code, MacroLookup macros) {
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

  private FileFacts extract(
      String path,
      String fileName,
      SourceText text,
      Parse parse,
      Variant variant,
      List<int[]> repairs,
      boolean translationUnit) {
    IASTTranslationUnit tu = parse.tu();
    Locator locator = new Locator(path, fileName, text);
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<FileFacts.Unparsed> unparsed = repairedMacros(path, text, repairs);
    preprocessorProblems(tu, path, fileName, locator, translationUnit, diagnostics);
    missingIncludes(tu, path, fileName);
    String all = new String(text.chars());
    syntaxProblems(parse, fileName, all, locator, translationUnit, diagnostics, unparsed);
    diagnostics.sort(Diagnostic.ORDER);

    Set<String> noReturn = new LinkedHashSet<>(parse.provider().noReturn());
    Set<String> globals = new LinkedHashSet<>();
    declarations(parse, fileName, text, noReturn, globals);
    List<FunctionFacts> functions = new ArrayList<>();
    for (IASTDeclaration d : tu.getDeclarations()) {
      if (d instanceof IASTFunctionDefinition fd && inFile(d, fileName)) {
        functions.add(new FunctionLowering(knowledge, noReturn, locator, fd).lower());
      }
    }
    List<ConfigurationFinder.Candidate> candidates = candidates(tu, fileName, text, all, variant);
    return new FileFacts(
        path,
        text.lineCount(),
        functions,
        globals,
        noReturn,
        diagnostics,
        unparsed,
        variant,
        candidates);
  }

  /** The unknown macros blanked out to recover the parse, one entry per place. */
  private static List<FileFacts.Unparsed> repairedMacros(
      String path, SourceText text, List<int[]> repairs) {
    List<FileFacts.Unparsed> unparsed = new ArrayList<>();
    Set<Integer> seenRepairs = new HashSet<>();
    for (int[] r : repairs) {
      if (!seenRepairs.add(r[0])) {
        continue;
      }
      String name = text.slice(r[0], r[1] - r[0]).replaceAll("(?s)\\s*\\(.*", "").trim();
      Location at =
          new Location(
              path, text.line(r[0]), text.column(r[0]), text.line(r[1]), text.column(r[1]));
      unparsed.add(new FileFacts.Unparsed(at, name, "", true));
    }
    return unparsed;
  }

  /**
   * The preprocessor problems of this file (of a translation unit only) as diagnostics, except
   * missing headers; {@code #include NAME} with NAME undefined is recorded as a missing include
   * instead.
   */
  private void preprocessorProblems(
      IASTTranslationUnit tu,
      String path,
      String fileName,
      Locator locator,
      boolean translationUnit,
      List<Diagnostic> diagnostics) {
    for (IASTProblem p : tu.getPreprocessorProblems()) {
      if (p.getID() == IProblem.PREPROCESSOR_INCLUSION_NOT_FOUND || !inFile(p, fileName)) {
        continue; // missing headers are reported once per name for the whole scan
      }
      if (!translationUnit) {
        continue; // a header read on its own lacks its includer's configuration (#error, assembler
        // macros)
      }
      Matcher byMacro = INCLUDE_BY_MACRO.matcher(p.getMessage());
      if (p.getID() == IProblem.PREPROCESSOR_INVALID_DIRECTIVE && byMacro.find()) {
        headers
            .resolver()
            .record(
                new IncludeResolver.Missing(
                    byMacro.group(1), IncludeResolver.Reason.MACRO_UNDEFINED, "", 1, path));
        continue;
      }
      diagnostics.add(
          new Diagnostic(Diagnostic.Kind.PREPROCESSOR, locator.of(p, null), p.getMessage()));
    }
  }

  /** Records this file's quoted includes that were not found: outside the tree, or missing. */
  private void missingIncludes(IASTTranslationUnit tu, String path, String fileName) {
    for (IASTPreprocessorIncludeStatement inc : tu.getIncludeDirectives()) {
      if (!inc.isResolved()
          && !inc.isSystemInclude()
          && inc.isActive()
          && inFile(inc, fileName)
          && options.followIncludes()
          && !SYSTEM_HEADERS.contains(inc.getName().toString())) {
        String name = inc.getName().toString();
        Path parent = Path.of(fileName).getParent();
        Path outside = parent == null ? null : parent.resolve(name).normalize();
        if (outside != null
            && !headers.resolver().allowed(outside)
            && Files.isRegularFile(outside)) {
          headers
              .resolver()
              .record(
                  new IncludeResolver.Missing(
                      name, IncludeResolver.Reason.OUTSIDE_TREE, outside.toString(), 1, path));
        } else {
          headers.resolver().recordMissing(name, path);
        }
      }
    }
  }

  /**
   * Each piece of this file that did not parse: blamed on a macro with no definition when one is
   * likely (an {@link FileFacts.Unparsed}), else a syntax error; either way naming the function
   * definitions and fork calls lost with it. In a header, only code that loses something is
   * reported.
   */
  private static void syntaxProblems(
      Parse parse,
      String fileName,
      String all,
      Locator locator,
      boolean translationUnit,
      List<Diagnostic> diagnostics,
      List<FileFacts.Unparsed> unparsed) {
    boolean header = !translationUnit;
    for (IASTNode where : problemHolders(parse.tu(), fileName)) {
      IASTFileLocation fl = where.getFileLocation();
      String code =
          all.substring(
              fl.getNodeOffset(), Math.min(all.length(), fl.getNodeOffset() + fl.getNodeLength()));
      String around =
          all.substring(
              all.lastIndexOf('\n', Math.max(0, fl.getNodeOffset() - 1)) + 1,
              Math.min(all.length(), fl.getNodeOffset() + fl.getNodeLength()));
      Location loc = locator.of(where, null);
      String what = String.join(" and ", lostCode(where, code));
      String macro = blame(around, parse.macros());
      if (header && what.isEmpty()) {
        // a header is not a translation unit: read alone it lacks what its includers define first,
        // and
        // its declarations reach the analysis through the files that include it
        continue;
      }
      if (macro != null) {
        unparsed.add(new FileFacts.Unparsed(loc, macro, what, false));
      } else {
        String msg =
            "syntax error: could not parse `"
                + Locator.snippet(code, 40)
                + "`; this part of the file is skipped"
                + (what.isEmpty() ? "" : ", and with it the " + what)
                + " (if a macro causes this, pass -I DIR for the header that defines it, or -D NAME=)";
        diagnostics.add(new Diagnostic(Diagnostic.Kind.SYNTAX, loc, msg));
      }
      if (macro != null && !what.isEmpty()) {
        diagnostics.add(
            new Diagnostic(
                Diagnostic.Kind.SYNTAX,
                loc,
                "the "
                    + what
                    + " here is not analyzed:"
                    + " this code does not parse because `"
                    + macro
                    + "` has no definition (add -I for the header"
                    + " that defines it, or -D '"
                    + macro
                    + "(...)=')"));
      }
    }
  }

  /** What code that did not parse takes with it: a function definition, fork calls. */
  private static List<String> lostCode(IASTNode where, String code) {
    List<String> lost = new ArrayList<>();
    Matcher fork = FORK_CALL.matcher(code);
    while (fork.find()) {
      lost.add(fork.group(1) + "() call");
    }
    if (where instanceof IASTProblemDeclaration) {
      Matcher head = FUNCTION_HEAD.matcher(code);
      if (head.find() && !KEYWORDS.contains(head.group(1))) {
        lost.add(0, "function " + head.group(1) + "()");
      }
    }
    return lost;
  }

  /**
   * Adds the functions this file declares noreturn to {@code noReturn}, its global variables to
   * {@code globals}.
   */
  private static void declarations(
      Parse parse, String fileName, SourceText text, Set<String> noReturn, Set<String> globals) {
    Predicate<String> saysNoReturn = noReturnTest(parse.macros());
    for (IASTDeclaration d : parse.tu().getDeclarations()) {
      if (!inFile(d, fileName)) {
        continue;
      }
      if (d instanceof IASTSimpleDeclaration sd) {
        String head = originalHead(sd, text);
        for (IASTDeclarator decl : sd.getDeclarators()) {
          IASTDeclarator inner = Locator.innermost(decl);
          String name = inner.getName().toString();
          if (name.isEmpty()) {
            continue;
          }
          if (isFunctionDeclarator(decl)) {
            if (saysNoReturn.test(head)) {
              noReturn.add(name);
            }
          } else if (sd.getDeclSpecifier().getStorageClass() != IASTDeclSpecifier.sc_typedef) {
            globals.add(name);
          }
        }
      } else if (d instanceof IASTFunctionDefinition fd) {
        String head = originalHead(fd, text);
        if (saysNoReturn.test(head)) {
          noReturn.add(Locator.innermost(fd.getDeclarator()).getName().toString());
        }
      }
    }
  }

  /**
   * Whether a declaration's head says noreturn itself, or through a macro that expands to it
   * (#define __noreturn __attribute__((noreturn))), looked up in the macros in force at the end.
   */
  private static Predicate<String> noReturnTest(MacroLookup macros) {
    Map<String, Boolean> noReturnMacro = new HashMap<>();
    return head -> {
      if (NORETURN_WORD.matcher(head).find()) {
        return true;
      }
      Matcher w = IDENTIFIER.matcher(head);
      while (w.find()) {
        boolean yes =
            noReturnMacro.computeIfAbsent(
                w.group(),
                name -> {
                  IMacroBinding b = macros.get(name);
                  char[] image = b == null ? null : b.getExpansionImage();
                  return image != null && NORETURN_WORD.matcher(new String(image)).find();
                });
        if (yes) {
          return true;
        }
      }
      return false;
    };
  }

  /**
   * Configurations worth analyzing besides this one: only from the default one, and only when
   * asked.
   */
  private List<ConfigurationFinder.Candidate> candidates(
      IASTTranslationUnit tu, String fileName, SourceText text, String all, Variant variant) {
    if (!variant.isDefault()
        || variants == ConfigurationFinder.Mode.NONE
        || (variants != ConfigurationFinder.Mode.ALL && !mentionsSpawn(all))) {
      return List.of();
    }
    Set<Integer> taken = new HashSet<>();
    for (IASTPreprocessorStatement st : tu.getAllPreprocessorStatements()) {
      if (inFile(st, fileName) && isTakenConditional(st)) {
        taken.add(text.line(st.getFileLocation().getNodeOffset()));
      }
    }
    return ConfigurationFinder.find(text, taken::contains, spawn, variants, MAX_CONFIGURATIONS);
  }

  /** A quick look before solving any condition: does the file mention a spawn name at all? */
  private boolean mentionsSpawn(String text) {
    if (text.contains("fork") || text.contains("exec") || text.contains("spawn")) {
      return true;
    }
    for (String name : spawnNames) {
      if (text.contains(name)) {
        return true;
      }
    }
    return false;
  }

  /** At most this many extra configurations per file. */
  private static final int MAX_CONFIGURATIONS = 8;

  private static boolean isTakenConditional(IASTPreprocessorStatement st) {
    if (st instanceof IASTPreprocessorIfStatement s) {
      return s.taken();
    }
    if (st instanceof IASTPreprocessorIfdefStatement s) {
      return s.taken();
    }
    if (st instanceof IASTPreprocessorIfndefStatement s) {
      return s.taken();
    }
    if (st instanceof IASTPreprocessorElifStatement s) {
      return s.taken();
    }
    if (st instanceof IASTPreprocessorElseStatement s) {
      return s.taken();
    }
    return false;
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

  /** A declaration's text up to its body, as written (before any unknown macro was blanked out). */
  private static String originalHead(IASTNode node, SourceText text) {
    IASTFileLocation fl = node.getFileLocation();
    String raw =
        text.slice(
            fl.getNodeOffset(), Math.min(fl.getNodeLength(), text.length() - fl.getNodeOffset()));
    int i = raw.indexOf('{');
    return i >= 0 ? raw.substring(0, i) : raw;
  }

  private static boolean isFunctionDeclarator(IASTDeclarator decl) {
    IASTDeclarator d = decl;
    while (d != null) {
      if (d instanceof IASTFunctionDeclarator && d.getNestedDeclarator() == null) {
        return true;
      }
      if (d.getPointerOperators().length > 0 && d.getNestedDeclarator() != null) {
        return false; // pointer to function: a variable
      }
      d = d.getNestedDeclarator();
    }
    return false;
  }

  /** Turns parser offsets into our {@link Location}s and snippets. */
  static final class Locator {
    private final String path;
    private final String fileName;
    private final SourceText text;

    Locator(String path, String fileName, SourceText text) {
      this.path = path;
      this.fileName = fileName;
      this.text = text;
    }

    String path() {
      return path;
    }

    SourceText text() {
      return text;
    }

    /** The node's location in this file; {@code fallback} (or line 1) when it has none here. */
    Location of(IASTNode node, Location fallback) {
      IASTFileLocation fl = node == null ? null : node.getFileLocation();
      if (fl == null || !fileName.equals(fl.getFileName())) {
        return fallback != null ? fallback : Location.point(path, 1, 1);
      }
      int start = fl.getNodeOffset();
      int end = start + Math.max(0, fl.getNodeLength());
      return new Location(
          path, text.line(start), text.column(start), text.line(end), text.column(end));
    }

    /** Source text of a node, whitespace folded, at most {@code max} characters. */
    String textOf(IASTNode node, int max) {
      IASTFileLocation fl = node.getFileLocation();
      String raw =
          fl != null && fileName.equals(fl.getFileName())
              ? text.slice(fl.getNodeOffset(), Math.min(fl.getNodeLength(), max * 4))
              : node.getRawSignature();
      return snippet(raw, max);
    }

    static String snippet(String raw, int max) {
      String s = raw.replaceAll("\\s+", " ").trim();
      return s.length() > max ? s.substring(0, max - 3) + "..." : s;
    }

    static IASTDeclarator innermost(IASTDeclarator d) {
      IASTDeclarator cur = d;
      while (cur.getNestedDeclarator() != null) {
        cur = cur.getNestedDeclarator();
      }
      return cur;
    }
  }
}
