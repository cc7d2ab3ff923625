package dev.vforkcheck.frontend;

import dev.vforkcheck.cfg.CfgBuilder;
import dev.vforkcheck.cfg.LocalVar;
import dev.vforkcheck.frontend.FlowGraph.Pending;
import dev.vforkcheck.knowledge.KnowledgeBase;
import dev.vforkcheck.model.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IASTArrayDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTParameterDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStandardFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.gnu.c.ICASTKnRFunctionDeclarator;

/**
 * Lowers one CDT function definition to a {@link dev.vforkcheck.cfg.Cfg} whose nodes carry {@link
 * dev.vforkcheck.cfg.Expr}s. The work is split in three parts:
 *
 * <ul>
 *   <li>{@link StatementLowering}: the graph, one method per kind of statement;
 *   <li>{@link ConditionLowering}: branch conditions ({@code &&}, {@code ||}, {@code !}, {@code
 *       ?:}, comma) as separate branch nodes, and conditions that are configuration constants;
 *   <li>{@link ExpressionLowering}: CDT expressions to {@code Expr} records.
 * </ul>
 *
 * {@link FlowGraph} holds the graph under construction and the edges waiting for their target.
 */
final class FunctionLowering {
  /** The longest source text kept for a node or an expression. */
  static final int TEXT_MAX = 80;

  private final KnowledgeBase knowledge;
  private final Set<String> fileNoReturn;
  private final Locator locator;
  private final IASTFunctionDefinition definition;
  private final String name;
  private final Location fnLocation;

  private final Map<String, LocalVar> locals = new LinkedHashMap<>();
  private final List<String> params = new ArrayList<>();

  /**
   * @param fileNoReturn functions this file declares noreturn: a call to one ends its path
   */
  FunctionLowering(
      KnowledgeBase knowledge,
      Set<String> fileNoReturn,
      Locator locator,
      IASTFunctionDefinition definition) {
    this.knowledge = knowledge;
    this.fileNoReturn = fileNoReturn;
    this.locator = locator;
    this.definition = definition;
    IASTDeclarator inner = Locator.innermost(definition.getDeclarator());
    this.name = inner.getName().toString();
    this.fnLocation = locator.of(inner.getName(), locator.of(definition, null));
  }

  FunctionFacts lower() {
    Location end = locator.of(definition, fnLocation);
    Location endPoint = Location.point(end.path(), end.endLine(), Math.max(1, end.endColumn() - 1));
    CfgBuilder b = new CfgBuilder(name, fnLocation, endPoint);
    FlowGraph graph = new FlowGraph(b, locator, fnLocation);
    ExpressionLowering expressions = new ExpressionLowering(locator, fnLocation);
    StatementLowering statements =
        new StatementLowering(graph, expressions, knowledge, fileNoReturn, locals);
    collectParams();
    List<Pending> out = statements.stmt(definition.getBody(), FlowGraph.one(b.entry()));
    graph.connect(out, b.exit());
    statements.connectComputedGotos();
    boolean isStatic =
        definition.getDeclSpecifier().getStorageClass() == IASTDeclSpecifier.sc_static;
    return new FunctionFacts(name, isStatic, fnLocation, params, locals, b.build());
  }

  private void collectParams() {
    IASTDeclarator d = definition.getDeclarator();
    while (d != null && !(d instanceof IASTFunctionDeclarator)) {
      d = d.getNestedDeclarator();
    }
    if (d instanceof IASTStandardFunctionDeclarator sfd) {
      for (IASTParameterDeclaration p : sfd.getParameters()) {
        String pn = Locator.innermost(p.getDeclarator()).getName().toString();
        if (!pn.isEmpty()) {
          params.add(pn);
          locals.putIfAbsent(
              pn,
              new LocalVar(
                  pn,
                  true,
                  p.getDeclSpecifier().isVolatile(),
                  false,
                  -1,
                  isPointer(p.getDeclarator())));
        }
      }
    } else if (d instanceof ICASTKnRFunctionDeclarator knr) {
      for (var n : knr.getParameterNames()) {
        String pn = n.toString();
        params.add(pn);
        locals.putIfAbsent(pn, new LocalVar(pn, true, false, false, -1, false));
      }
    }
  }

  /**
   * A declarator that makes a pointer ({@code char *p}, {@code char **argv}, {@code char *argv[]}
   * as a parameter).
   */
  static boolean isPointer(IASTDeclarator d) {
    if (d instanceof IASTArrayDeclarator) {
      // `char *argv[4]` is an array (of pointers); as a parameter it decays to a pointer
      return d.getParent() instanceof IASTParameterDeclaration
          || (d.getNestedDeclarator() != null
              && d.getNestedDeclarator().getPointerOperators().length > 0);
    }
    IASTDeclarator inner = Locator.innermost(d);
    return d.getPointerOperators().length > 0
        || (inner != d && inner.getPointerOperators().length > 0);
  }
}
