package dev.vforkcheck.frontend;

import dev.vforkcheck.knowledge.KnowledgeBase;
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
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorStatement;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.IMacroBinding;
import org.eclipse.cdt.core.dom.parser.c.GCCScannerExtensionConfiguration;
import org.eclipse.cdt.core.parser.DefaultLogService;
import org.eclipse.cdt.core.parser.ExtendedScannerInfo;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.ParserLanguage;
import org.eclipse.cdt.core.parser.ParserMode;
import org.eclipse.cdt.internal.core.dom.parser.c.GNUCSourceParser;
import org.eclipse.cdt.internal.core.parser.scanner.CPreprocessor;

/**
 * The only place that starts the Eclipse CDT parser. Parses one C file with CDT's GNU C language,
 * retrying with unknown macros blanked out ({@link MacroBlanking}) while that parses better, then
 * extracts the file's facts: its problems ({@link ParseProblems}), the functions it declares
 * noreturn, its globals, every function lowered to a {@link dev.vforkcheck.cfg.Cfg}, and the
 * configurations worth analyzing besides this one. Returns {@link FileFacts}; the AST is dropped
 * before {@code parse} returns. Thread-safe: each call uses its own parser.
 */
public final class FrontEnd {

  /** Words that say a function does not return, as written or as a macro expands. */
  private static final Pattern NORETURN_WORD =
      Pattern.compile(
          "\\b(_Noreturn|noreturn|__noreturn__|__noreturn|NORETURN|ATTRIBUTE_NORETURN|NORETURN_ATTR|__dead2|__dead|G_GNUC_NORETURN)\\b");

  private static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]*\\b");

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

  private final KnowledgeBase knowledge;
  private final ParseOptions options;
  private final HeaderCache headers;
  private final String prelude;
  private final ConfigurationFinder.Mode variants;
  private final Pattern spawn;
  private final Set<String> spawnNames;
  private final MacroBlanking blanking;
  private final ParseProblems problems;
  private final GnuC dialect = new GnuC();

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
    this.blanking = new MacroBlanking(knowledge);
    this.problems = new ParseProblems(options, headers);
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
  private record Parse(
      IASTTranslationUnit tu,
      IncludeProvider provider,
      MacroLookup macros,
      List<IASTNode> problemHolders) {}

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
    long score = ParseProblems.score(p.tu(), p.problemHolders(), fileName);
    char[] current = text.chars();
    List<int[]> repairs = new ArrayList<>();
    // an unknown attribute-like macro (int FAST_FUNC f(void)) is blanked out where the parse
    // failed, and only there: valid code elsewhere in the file is never touched; a few rounds,
    // since fixing one can expose the next one
    boolean whole = p.problemHolders().isEmpty();
    int parses = 1;
    for (int round = 0; round < 4 && options.recoverUnknownMacros() && !whole; round++) {
      List<int[]> tried = new ArrayList<>();
      char[] repaired =
          blanking.blankUnknownMacros(p.problemHolders(), p.macros(), current, fileName, tried);
      if (repaired == null) {
        break;
      }
      Parse retry = parseTu(fileName, repaired, variant);
      parses++;
      long retryScore = ParseProblems.score(retry.tu(), retry.problemHolders(), fileName);
      if (retryScore >= score) {
        break;
      }
      p = retry;
      score = retryScore;
      current = repaired;
      repairs.addAll(tried);
    }
    return extract(path, fileName, text, p, variant, repairs, translationUnit, parses);
  }

  /**
   * Only the CDT parse of a file, in the default configuration, with this front end's options and
   * nothing of the analysis (no repair, no facts): the floor the benchmark compares a scan with.
   *
   * @return the number of top-level declarations, so that the parse cannot be optimized away
   */
  public int parseOnly(String fileName, SourceText text) {
    return parseTu(fileName, text.chars(), Variant.DEFAULT, false).tu().getDeclarations().length;
  }

  /** One parse of {@code chars} as the file {@code fileName} in {@code variant}, for its facts. */
  private Parse parseTu(String fileName, char[] chars, Variant variant) {
    return parseTu(fileName, chars, variant, true);
  }

  /**
   * One parse of {@code chars} as the file {@code fileName} in {@code variant}.
   *
   * @param findProblems whether to collect its problem nodes (none are, for the bare parse)
   */
  private Parse parseTu(String fileName, char[] chars, Variant variant, boolean findProblems) {
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
        new GNUCSourceParser(pp, ParserMode.COMPLETE_PARSE, log, dialect, null);
    IASTTranslationUnit tu = parser.parse();
    return new Parse(
        tu,
        provider,
        MacroLookup.of(pp),
        findProblems ? ParseProblems.problemHolders(tu, fileName) : List.of());
  }

  /**
   * The facts of the parse kept: its problems, noreturn functions, globals, lowered functions and
   * other configurations worth analyzing.
   *
   * @param repairs the unknown macros blanked out to get this parse
   * @param parses the parses it took
   */
  private FileFacts extract(
      String path,
      String fileName,
      SourceText text,
      Parse parse,
      Variant variant,
      List<int[]> repairs,
      boolean translationUnit,
      int parses) {
    IASTTranslationUnit tu = parse.tu();
    Locator locator = new Locator(path, fileName, text);
    String all = new String(text.chars());
    ParseProblems.Found found =
        problems.of(
            tu, parse.problemHolders(), parse.macros(), locator, all, repairs, translationUnit);
    Set<String> noReturn = new LinkedHashSet<>(parse.provider().noReturn());
    Set<String> globals = new LinkedHashSet<>();
    declarations(parse, fileName, text, noReturn, globals);
    List<FunctionFacts> functions = new ArrayList<>();
    for (IASTDeclaration d : tu.getDeclarations()) {
      if (d instanceof IASTFunctionDefinition fd && Locator.inFile(d, fileName)) {
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
        found.diagnostics(),
        found.unparsed(),
        variant,
        candidates,
        PointerStores.of(tu, fileName, functions),
        parses);
  }

  /**
   * Adds the functions this file declares noreturn to {@code noReturn}, its global variables to
   * {@code globals}.
   */
  private static void declarations(
      Parse parse, String fileName, SourceText text, Set<String> noReturn, Set<String> globals) {
    Predicate<String> saysNoReturn = noReturnTest(parse.macros());
    for (IASTDeclaration d : parse.tu().getDeclarations()) {
      if (!Locator.inFile(d, fileName)) {
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
      if (Locator.inFile(st, fileName) && isTakenConditional(st)) {
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
}
