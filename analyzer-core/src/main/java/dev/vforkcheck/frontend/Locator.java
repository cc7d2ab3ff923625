package dev.vforkcheck.frontend;

import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.model.Location;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNode;

/**
 * Turns parser offsets into our {@link Location}s and snippets, for one file: the path to report,
 * the name the parser saw and its text. Hands out one instance of each equal string, location, name
 * and integer literal of the file, since every file's facts are held until the summaries are built.
 */
final class Locator {
  private final String path;
  private final String fileName;
  private final SourceText text;

  /**
   * One instance per distinct string of this file's facts: a name or an expression's text repeats
   * many times in a file, and the facts of every file are held until the summaries are built.
   */
  private final Map<String, String> strings = new HashMap<>();

  /** Likewise for locations: a statement and its expression often have the same one. */
  private final Map<Location, Location> locations = new HashMap<>();

  /** And for the leaves of expressions, names and integer literals. */
  private final Map<Expr, Expr> exprs = new HashMap<>();

  Locator(String path, String fileName, SourceText text) {
    this.path = path;
    this.fileName = fileName;
    this.text = text;
  }

  String path() {
    return path;
  }

  String fileName() {
    return fileName;
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
    int from = Math.max(0, Math.min(start, text.length()));
    int to = Math.max(0, Math.min(end, text.length()));
    int line = text.line(from);
    int endLine = text.line(to);
    Location at =
        new Location(
            path, line, from - text.lineStart(line) + 1, endLine, to - text.lineStart(endLine) + 1);
    return shared(locations, at);
  }

  /** Source text of a node, whitespace folded, at most {@code max} characters. */
  String textOf(IASTNode node, int max) {
    IASTFileLocation fl = node.getFileLocation();
    if (fl != null && fileName.equals(fl.getFileName())) {
      return intern(text.snippet(fl.getNodeOffset(), Math.min(fl.getNodeLength(), max * 4), max));
    }
    return intern(snippet(node.getRawSignature(), max));
  }

  /** The file's one instance of {@code s} (not thread-safe: a locator serves one parse). */
  String intern(String s) {
    return shared(strings, s);
  }

  /** The instance of {@code value} that {@code seen} holds, after adding it if there was none. */
  private static <T> T shared(Map<T, T> seen, T value) {
    T before = seen.putIfAbsent(value, value);
    return before != null ? before : value;
  }

  /** The file's one {@code Name} expression for {@code id} (expressions are immutable values). */
  Expr.Name nameExpr(String id) {
    String one = intern(id);
    return (Expr.Name) shared(exprs, new Expr.Name(one, one));
  }

  /** The file's one integer literal of this value and text. */
  Expr.IntLit intLit(long value, String text) {
    return (Expr.IntLit) shared(exprs, new Expr.IntLit(value, intern(text)));
  }

  /** A name in the file, as {@link #intern}ed text. */
  String name(IASTName name) {
    return intern(name.toString());
  }

  /** True when the node comes from the file the parser saw as {@code fileName}. */
  static boolean inFile(IASTNode node, String fileName) {
    IASTFileLocation fl = node.getFileLocation();
    return fl != null && fileName.equals(fl.getFileName());
  }

  /**
   * The text with each run of whitespace made one space, trimmed, cut to {@code max} with "...".
   */
  static String snippet(String raw, int max) {
    return SourceText.fold(raw.toCharArray(), 0, raw.length(), max);
  }

  static IASTDeclarator innermost(IASTDeclarator d) {
    IASTDeclarator cur = d;
    while (cur.getNestedDeclarator() != null) {
      cur = cur.getNestedDeclarator();
    }
    return cur;
  }
}
