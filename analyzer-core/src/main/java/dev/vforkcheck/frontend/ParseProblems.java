package dev.vforkcheck.frontend;

import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIncludeStatement;
import org.eclipse.cdt.core.dom.ast.IASTProblem;
import org.eclipse.cdt.core.dom.ast.IASTProblemDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTProblemHolder;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.parser.IProblem;

/**
 * What went wrong in one parse of one file, as the scan reports it: the unknown macros blanked out
 * to recover it, preprocessor problems, syntax errors and code left out because of a macro with no
 * definition (naming the functions and fork calls lost with it); quoted includes that were not
 * found are recorded with the scan's include resolver. Also scores a parse, so that the parse
 * driver can keep the better of two. Thread-safe: it keeps no state between calls (the resolver is
 * thread-safe).
 */
final class ParseProblems {

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

  /** CDT's message for {@code #include NAME} where NAME is not a defined macro. */
  private static final Pattern INCLUDE_BY_MACRO =
      Pattern.compile("#\\s*include\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*$");

  private static final Pattern FORK_CALL = Pattern.compile("\\b(vfork|fork)\\s*\\(");
  private static final Pattern FUNCTION_HEAD =
      Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)\\s*\\([^;{}()]*\\)\\s*\\{");

  private final ParseOptions options;
  private final HeaderCache headers;

  /**
   * @param headers the scan's header cache, whose resolver records the includes not found
   */
  ParseProblems(ParseOptions options, HeaderCache headers) {
    this.options = options;
    this.headers = headers;
  }

  /**
   * One file's problems.
   *
   * @param diagnostics in {@link Diagnostic#ORDER}
   * @param unparsed the macros blanked out, then the code that still did not parse because of one
   */
  record Found(List<Diagnostic> diagnostics, List<FileFacts.Unparsed> unparsed) {}

  /**
   * The problems of one parse of the file {@code locator} describes.
   *
   * @param holders the parse's {@link #problemHolders}
   * @param macros the macros in force at the end of the parse
   * @param all the file's text
   * @param repairs the unknown macros blanked out before this parse, as offsets [from, to)
   * @param translationUnit false for a header or a file another file includes: its syntax problems
   *     and preprocessor problems are not reported, only code it loses that matters
   */
  Found of(
      IASTTranslationUnit tu,
      List<IASTNode> holders,
      MacroLookup macros,
      Locator locator,
      String all,
      List<int[]> repairs,
      boolean translationUnit) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<FileFacts.Unparsed> unparsed = repairedMacros(locator.path(), locator.text(), repairs);
    preprocessorProblems(tu, locator, translationUnit, diagnostics);
    missingIncludes(tu, locator.path(), locator.fileName());
    syntaxProblems(holders, macros, all, locator, translationUnit, diagnostics, unparsed);
    diagnostics.sort(Diagnostic.ORDER);
    return new Found(diagnostics, unparsed);
  }

  /**
   * Every node of this file that holds a parse problem (declarations, statements, expressions, type
   * ids).
   */
  static List<IASTNode> problemHolders(IASTTranslationUnit tu, String fileName) {
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
  /** True when no part of the file failed to parse: there is nothing for a repair to recover. */
  /**
   * How badly a parse failed (lower is better): the length of the code in problem nodes, much more
   * per preprocessor problem, far less per function definition parsed.
   *
   * @param holders the parse's {@link #problemHolders}
   */
  static long score(IASTTranslationUnit tu, List<IASTNode> holders, String fileName) {
    long covered = 0;
    for (IASTNode holder : holders) {
      IASTFileLocation fl = holder.getFileLocation();
      covered += fl == null ? 1 : Math.max(1, fl.getNodeLength());
    }
    long functions = 0;
    for (IASTDeclaration d : tu.getDeclarations()) {
      if (d instanceof IASTFunctionDefinition && Locator.inFile(d, fileName)) {
        functions++;
      }
    }
    long ppProblems = 0;
    for (IASTProblem p : tu.getPreprocessorProblems()) {
      ppProblems += Locator.inFile(p, fileName) ? 1 : 0;
    }
    return covered + ppProblems * 10_000L - functions * 1_000_000_000L;
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
      Locator locator,
      boolean translationUnit,
      List<Diagnostic> diagnostics) {
    for (IASTProblem p : tu.getPreprocessorProblems()) {
      if (p.getID() == IProblem.PREPROCESSOR_INCLUSION_NOT_FOUND
          || !Locator.inFile(p, locator.fileName())) {
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
                    byMacro.group(1),
                    IncludeResolver.Reason.MACRO_UNDEFINED,
                    "",
                    1,
                    locator.path()));
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
          && Locator.inFile(inc, fileName)
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
      List<IASTNode> holders,
      MacroLookup macros,
      String all,
      Locator locator,
      boolean translationUnit,
      List<Diagnostic> diagnostics,
      List<FileFacts.Unparsed> unparsed) {
    boolean header = !translationUnit;
    for (IASTNode where : holders) {
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
      String macro = MacroBlanking.blame(around, macros);
      if (header && what.isEmpty()) {
        // a header is not a translation unit: read alone it lacks what its includers define first,
        // and
        // its declarations reach the analysis through the files that include it
        continue;
      }
      if (macro == null) {
        diagnostics.add(syntaxError(loc, code, what));
        continue;
      }
      unparsed.add(new FileFacts.Unparsed(loc, macro, what, false));
      if (!what.isEmpty()) {
        diagnostics.add(notAnalyzed(loc, what, macro));
      }
    }
  }

  /** Code that did not parse with no macro to blame, and {@code what} it takes with it. */
  private static Diagnostic syntaxError(Location loc, String code, String what) {
    String msg =
        "syntax error: could not parse `"
            + Locator.snippet(code, 40)
            + "`; this part of the file is skipped"
            + (what.isEmpty() ? "" : ", and with it the " + what)
            + " (if a macro causes this, pass -I DIR for the header that defines it, or -D NAME=)";
    return new Diagnostic(Diagnostic.Kind.SYNTAX, loc, msg);
  }

  /** What code that did not parse because {@code macro} has no definition takes with it. */
  private static Diagnostic notAnalyzed(Location loc, String what, String macro) {
    return new Diagnostic(
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
            + "(...)=')");
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
      if (head.find() && !MacroBlanking.KEYWORDS.contains(head.group(1))) {
        lost.add(0, "function " + head.group(1) + "()");
      }
    }
    return lost;
  }
}
