package dev.vforkcheck.frontend;

import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Location;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroDefinition;
import org.eclipse.cdt.core.dom.ast.IASTProblem;
import org.eclipse.cdt.core.dom.ast.IASTProblemDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTProblemHolder;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.gnu.c.GCCLanguage;
import org.eclipse.cdt.core.model.ILanguage;
import org.eclipse.cdt.core.parser.DefaultLogService;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.IProblem;
import org.eclipse.cdt.core.parser.IncludeFileContentProvider;
import org.eclipse.cdt.core.parser.ScannerInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The only place that talks to the Eclipse CDT parser. Parses one C file with CDT's GNU C
 * language, lowers every function to a {@link dev.vforkcheck.cfg.Cfg} and returns {@link FileFacts};
 * the AST is dropped before this method returns. Thread-safe: each call uses its own parser.
 */
public final class FrontEnd {

    /** Capitalized identifiers that are types or constants, never attribute-like macros. */
    private static final Set<String> NOT_MACROS = Set.of("FILE", "DIR", "NULL", "EOF", "TRUE", "FALSE", "BOOL",
            "SIZE_MAX", "INT_MAX", "PATH_MAX", "BUFSIZ", "WORD", "DWORD", "BYTE", "UINT", "HANDLE");
    private static final Pattern PP_CONDITION = Pattern.compile("(?m)^\\s*#\\s*(?:el)?if.*$");
    private static final Pattern CAPS_WORD = Pattern.compile("\\b[A-Z_][A-Z0-9_]{2,}\\b");
    private static final Pattern NORETURN_WORD = Pattern.compile(
            "\\b(_Noreturn|noreturn|__noreturn__|__noreturn|NORETURN|ATTRIBUTE_NORETURN|NORETURN_ATTR|__dead2|__dead|G_GNUC_NORETURN)\\b");

    /**
     * C11 keywords the CDT GNU C parser does not know, mapped to GNU spellings it does. User
     * defines win over these.
     */
    static final Map<String, String> BUILTIN_DEFINES = Map.of(
            "_Noreturn", "__attribute__((__noreturn__))",
            "_Thread_local", "__thread",
            "_Alignas(x)", "",
            "_Atomic", "volatile",
            "_Static_assert(c, m)", "");

    private final KnowledgeBase knowledge;
    private final ParseOptions options;

    public FrontEnd(KnowledgeBase knowledge, ParseOptions options) {
        this.knowledge = knowledge;
        this.options = options;
    }

    /**
     * Parses one file.
     *
     * @param path     the path to report (relative to the scan's base directory)
     * @param fileName the name the parser sees (used to resolve relative includes when they are followed)
     * @param text     the decoded source
     */
    public FileFacts parse(String path, String fileName, SourceText text) {
        IASTTranslationUnit tu = parseTu(fileName, text, options.defines());
        long problems = countProblemDeclarations(tu);
        Map<String, String> defs = new HashMap<>(options.defines());
        // a few rounds: fixing one unknown macro can expose the next one
        for (int round = 0; round < 3 && !problemHolders(tu).isEmpty() && options.recoverUnknownMacros(); round++) {
            boolean added = false;
            for (String g : guessUnknownMacros(tu, text, fileName)) {
                added |= defs.putIfAbsent(g, "") == null;
            }
            if (!added) {
                break;
            }
            IASTTranslationUnit retry = parseTu(fileName, text, defs);
            long retryProblems = countProblemDeclarations(retry);
            if (retryProblems >= problems) {
                break;
            }
            tu = retry;
            problems = retryProblems;
        }
        return extract(path, fileName, text, tu);
    }

    private IASTTranslationUnit parseTu(String fileName, SourceText text, Map<String, String> defines) {
        FileContent content = FileContent.create(fileName, text.chars());
        String[] includes = options.includeDirs().stream().map(p -> p.toString()).toArray(String[]::new);
        Map<String, String> all = new HashMap<>(BUILTIN_DEFINES);
        all.putAll(defines);
        ScannerInfo info = new ScannerInfo(all, includes);
        IncludeFileContentProvider provider = options.followIncludes()
                ? IncludeFileContentProvider.getSavedFilesProvider()
                : IncludeFileContentProvider.getEmptyFilesProvider();
        try {
            return GCCLanguage.getDefault().getASTTranslationUnit(content, info, provider, null,
                    ILanguage.OPTION_NO_IMAGE_LOCATIONS, new DefaultLogService());
        } catch (org.eclipse.core.runtime.CoreException e) {
            throw new IllegalStateException("the C parser failed: " + e.getMessage(), e);
        }
    }

    /** Every node that holds a parse problem (declarations, statements, expressions, type ids). */
    private static List<IASTNode> problemHolders(IASTTranslationUnit tu) {
        List<IASTNode> out = new ArrayList<>();
        tu.accept(new ASTVisitor(true) {
            {
                shouldVisitProblems = true;
            }

            @Override
            public int visit(IASTProblem problem) {
                IASTNode holder = problem.getParent();
                out.add(holder instanceof IASTProblemHolder ? holder : problem);
                return PROCESS_CONTINUE;
            }
        });
        return out;
    }

    /**
     * How badly a parse went: fewer function definitions recovered is worse than anything, then the
     * characters covered by problem nodes. Lower is better.
     */
    private static long countProblemDeclarations(IASTTranslationUnit tu) {
        long covered = 0;
        for (IASTNode holder : problemHolders(tu)) {
            IASTFileLocation fl = holder.getFileLocation();
            covered += fl == null ? 1 : Math.max(1, fl.getNodeLength());
        }
        long functions = 0;
        for (IASTDeclaration d : tu.getDeclarations()) {
            if (d instanceof IASTFunctionDefinition) {
                functions++;
            }
        }
        return covered + tu.getPreprocessorProblemsCount() * 10_000L - functions * 1_000_000_000L;
    }

    /**
     * Capitalized words around failing code (a little before it, through some way after it, where the
     * parser resumed) that sit where an attribute-like macro would and are not macros already.
     */
    private static Set<String> guessUnknownMacros(IASTTranslationUnit tu, SourceText text, String fileName) {
        Set<String> defined = new HashSet<>();
        for (IASTPreprocessorMacroDefinition m : tu.getMacroDefinitions()) {
            defined.add(m.getName().toString());
        }
        String all = new String(text.chars());
        // words tested by #if/#elif are configuration switches, not attributes: defining them empty breaks the test
        Matcher cond = PP_CONDITION.matcher(all);
        while (cond.find()) {
            Matcher w = CAPS_WORD.matcher(cond.group());
            while (w.find()) {
                defined.add(w.group());
            }
        }
        Set<String> out = new TreeSet<>();
        for (IASTNode holder : problemHolders(tu)) {
            IASTFileLocation fl = holder.getFileLocation();
            if (fl == null || !fileName.equals(fl.getFileName())) {
                continue;
            }
            int from = Math.max(0, fl.getNodeOffset() - 80);
            int to = Math.min(all.length(), fl.getNodeOffset() + Math.min(fl.getNodeLength(), 400) + 120);
            Matcher m = CAPS_WORD.matcher(all);
            m.region(from, to);
            while (m.find()) {
                String w = m.group();
                if (attributePosition(all, m.start(), m.end()) && !defined.contains(w) && !NOT_MACROS.contains(w)) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /**
     * True when a word sits where an attribute-like macro would: after a name, {@code )} or {@code ]}
     * and before a name, {@code ;}, {@code ,}, {@code =}, {@code (}-less end or a brace. Words used as
     * values ({@code f(L_LOG | L_ERR)}, {@code "x" FMT}) are left alone.
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
        boolean okBefore = Character.isJavaIdentifierPart(before) || before == ')' || before == ']' || before == '*';
        if (!okBefore) {
            return false;
        }
        if (a >= text.length()) {
            return true;
        }
        char after = text.charAt(a);
        return Character.isJavaIdentifierStart(after) || after == ';' || after == ',' || after == '=' || after == '{'
                || after == ')' || after == '*';
    }

    private FileFacts extract(String path, String fileName, SourceText text, IASTTranslationUnit tu) {
        Locator locator = new Locator(path, fileName, text);
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (IASTProblem p : tu.getPreprocessorProblems()) {
            if (!options.followIncludes() && p.getID() == IProblem.PREPROCESSOR_INCLUSION_NOT_FOUND) {
                continue;
            }
            diagnostics.add(new Diagnostic(Diagnostic.Kind.PREPROCESSOR, locator.of(p, null), p.getMessage()));
        }
        tu.accept(new ASTVisitor(true) {
            {
                shouldVisitProblems = true;
            }

            @Override
            public int visit(IASTProblem problem) {
                IASTNode holder = problem.getParent();
                IASTNode where = holder instanceof IASTProblemHolder ? holder : problem;
                String snippet = Locator.snippet(where.getRawSignature(), 40);
                String msg = "syntax error: could not parse `" + snippet + "`; this part of the file is skipped"
                        + " (unknown macros are a common cause: pass -D NAME= to define them)";
                diagnostics.add(new Diagnostic(Diagnostic.Kind.SYNTAX, locator.of(where, null), msg));
                return PROCESS_CONTINUE;
            }
        });
        diagnostics.sort(Diagnostic.ORDER);

        // project macros that expand to a noreturn attribute (#define __noreturn __attribute__((noreturn)))
        Set<String> noReturnMacros = new HashSet<>();
        for (IASTPreprocessorMacroDefinition m : tu.getMacroDefinitions()) {
            if (NORETURN_WORD.matcher(m.getExpansion()).find()) {
                noReturnMacros.add(m.getName().toString());
            }
        }
        java.util.function.Predicate<String> saysNoReturn = head -> {
            if (NORETURN_WORD.matcher(head).find()) {
                return true;
            }
            for (String macro : noReturnMacros) {
                if (Pattern.compile("\\b" + Pattern.quote(macro) + "\\b").matcher(head).find()) {
                    return true;
                }
            }
            return false;
        };
        Set<String> noReturn = new LinkedHashSet<>();
        Set<String> globals = new LinkedHashSet<>();
        for (IASTDeclaration d : tu.getDeclarations()) {
            if (d instanceof IASTSimpleDeclaration sd) {
                String head = Locator.textBefore(sd, '{');
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
                    } else if (sd.getDeclSpecifier().getStorageClass() != org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier.sc_typedef) {
                        globals.add(name);
                    }
                }
            } else if (d instanceof IASTFunctionDefinition fd) {
                String head = Locator.textBefore(fd, '{');
                if (saysNoReturn.test(head)) {
                    noReturn.add(Locator.innermost(fd.getDeclarator()).getName().toString());
                }
            }
        }

        List<FunctionFacts> functions = new ArrayList<>();
        for (IASTDeclaration d : tu.getDeclarations()) {
            if (d instanceof IASTFunctionDefinition fd) {
                functions.add(new FunctionLowering(knowledge, noReturn, locator, fd).lower());
            }
        }
        return new FileFacts(path, text.lineCount(), functions, globals, noReturn, diagnostics);
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
            return new Location(path, text.line(start), text.column(start), text.line(end), text.column(end));
        }

        /** Source text of a node, whitespace folded, at most {@code max} characters. */
        String textOf(IASTNode node, int max) {
            IASTFileLocation fl = node.getFileLocation();
            String raw = fl != null && fileName.equals(fl.getFileName())
                    ? text.slice(fl.getNodeOffset(), Math.min(fl.getNodeLength(), max * 4))
                    : node.getRawSignature();
            return snippet(raw, max);
        }

        static String snippet(String raw, int max) {
            String s = raw.replaceAll("\\s+", " ").trim();
            return s.length() > max ? s.substring(0, max - 3) + "..." : s;
        }

        static String textBefore(IASTNode node, char stop) {
            String raw = node.getRawSignature();
            int i = raw.indexOf(stop);
            return i >= 0 ? raw.substring(0, i) : raw;
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
