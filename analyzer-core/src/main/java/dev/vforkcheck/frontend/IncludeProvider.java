package dev.vforkcheck.frontend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.cdt.core.dom.ast.IMacroBinding;
import org.eclipse.cdt.core.index.IIndexFileLocation;
import org.eclipse.cdt.internal.core.parser.IMacroDictionary;
import org.eclipse.cdt.internal.core.parser.scanner.CPreprocessor;
import org.eclipse.cdt.internal.core.parser.scanner.CharArray;
import org.eclipse.cdt.internal.core.parser.scanner.InternalFileContent;
import org.eclipse.cdt.internal.core.parser.scanner.InternalFileContentProvider;

/**
 * Gives CDT's preprocessor the files an {@code #include} names, for one translation unit: headers
 * come from the {@link HeaderCache} (read once per macro context), the bundled C library stand-in
 * and the command-line prelude are served from memory, and names CDT does not find beside the
 * includer are looked up by the {@link IncludeResolver} (-I, -isystem, the tree). One instance per
 * parse; the cache it uses is shared.
 */
final class IncludeProvider extends InternalFileContentProvider {
  /** Files that exist only in memory: the C library stand-in and the command-line prelude. */
  static final String VIRTUAL_DIR = "/__vforkcheck__/";

  static final String STANDIN = VIRTUAL_DIR + "libc-standin.h";
  static final String PRELUDE = VIRTUAL_DIR + "command-line.h";

  /** Where a cached header that also declares type names has its macros included from. */
  private static final String MACROS_DIR = VIRTUAL_DIR + "macros/";

  private static final char[] STANDIN_TEXT = loadStandIn();

  private final HeaderCache cache;
  private final ParseOptions options;
  private final String forced;
  private final Path target;
  private final char[] prelude;
  private final Set<String> onceSeen = new HashSet<>();
  private final Map<String, HeaderCache.Entry> indexed = new HashMap<>();
  private final Set<String> noReturn = new TreeSet<>();
  private CPreprocessor preprocessor;
  private Map<String, IMacroBinding> targetContext;
  private MacroLookup lookup;

  /**
   * @param forced text appended after every header (a configuration's forced macros)
   * @param target the header a {@link HeaderCache} run reads in full (null for a real unit)
   */
  IncludeProvider(HeaderCache cache, ParseOptions options, String forced, Path target) {
    this(cache, options, forced, target, "");
  }

  IncludeProvider(
      HeaderCache cache, ParseOptions options, String forced, Path target, String prelude) {
    this.cache = cache;
    this.options = options;
    this.forced = forced;
    this.target = target;
    this.prelude = (prelude + forced).toCharArray();
    IncludeResolver resolver = cache.resolver();
    setIncludeResolutionHeuristics(
        (name, currentFile) -> {
          if (!options.followIncludes()) {
            return null;
          }
          Path from =
              currentFile == null || currentFile.startsWith(VIRTUAL_DIR)
                  ? null
                  : Path.of(currentFile);
          Path found = resolver.searchFrom(name, from);
          return found == null ? null : found.toString();
        });
  }

  void attach(CPreprocessor pp) {
    this.preprocessor = pp;
  }

  @Override
  public boolean getInclusionExists(String path) {
    if (path.startsWith(VIRTUAL_DIR)) {
      return path.equals(STANDIN) || path.equals(PRELUDE) || indexed.containsKey(path);
    }
    if (!options.followIncludes()
        && target == null
        && !options.preIncludes().contains(Path.of(path))) {
      return false;
    }
    Path p = Path.of(path).normalize();
    return cache.resolver().allowed(p) && cache.resolver().isFile(p);
  }

  @Override
  public InternalFileContent getContentForInclusion(String path, IMacroDictionary dictionary) {
    if (path.equals(STANDIN)) {
      return new InternalFileContent(path, new CharArray(STANDIN_TEXT));
    }
    if (path.equals(PRELUDE)) {
      return new InternalFileContent(path, new CharArray(prelude));
    }
    if (path.startsWith(MACROS_DIR)) {
      HeaderCache.Entry e = indexed.get(path);
      return e == null ? null : IndexedMacros.content(path, e.macros());
    }
    if (!getInclusionExists(path)) {
      return null;
    }
    Path p = Path.of(path).normalize();
    HeaderCache.Header h = cache.header(p);
    if (h == null) {
      return null;
    }
    if (h.pragmaOnce() && !onceSeen.add(p.toString())) {
      return text(path, new char[0]);
    }
    if (p.equals(target)) {
      targetContext = preprocessor == null ? Map.of() : preprocessor.getMacroDefinitions();
      return text(path, h.text());
    }
    if (lookup == null) {
      lookup = MacroLookup.of(preprocessor);
    }
    HeaderCache.Entry e = cache.entry(p, lookup, forced, options);
    noReturn.addAll(e.noReturn());
    if (!forced.isEmpty()) {
      return text(path, e.text());
    }
    // the macros go in as CDT's indexer hands over a header it has read: no #define lines to lex
    if (e.typedefs().length == 0) {
      return IndexedMacros.content(path, e.macros());
    }
    String macrosPath = MACROS_DIR + indexed.size();
    indexed.put(macrosPath, e);
    String typedefs = new String(e.typedefs()) + "#include \"" + macrosPath + "\"\n";
    return new InternalFileContent(path, new CharArray(typedefs.toCharArray()));
  }

  private InternalFileContent text(String path, char[] body) {
    if (forced.isEmpty()) {
      return new InternalFileContent(path, new CharArray(body));
    }
    char[] all = new char[body.length + 1 + forced.length()];
    System.arraycopy(body, 0, all, 0, body.length);
    all[body.length] = '\n';
    forced.getChars(0, forced.length(), all, body.length + 1);
    return new InternalFileContent(path, new CharArray(all));
  }

  @Override
  public InternalFileContent getContentForInclusion(IIndexFileLocation ifl, String astPath) {
    return null;
  }

  /** The macros in force when the target header was included (a cache run), or null. */
  Map<String, IMacroBinding> targetContext() {
    return targetContext;
  }

  /** Functions declared noreturn by the headers this unit included. */
  Set<String> noReturn() {
    return noReturn;
  }

  /**
   * The files read before the unit: the stand-in (unless system headers are read), the prelude,
   * -include files.
   */
  static List<String> preIncluded(ParseOptions options) {
    List<String> out = new ArrayList<>();
    if (!options.systemHeaders()) {
      out.add(STANDIN);
    }
    out.add(PRELUDE);
    options.preIncludes().forEach(p -> out.add(p.toAbsolutePath().normalize().toString()));
    return out;
  }

  private static char[] loadStandIn() {
    try (InputStream in = IncludeProvider.class.getResourceAsStream("libc-standin.h")) {
      if (in == null) {
        throw new IllegalStateException("libc-standin.h missing from the analyzer's resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).toCharArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
