package dev.vforkcheck.frontend;

import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.cdt.core.dom.ast.IASTCastExpression;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTLiteralExpression;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;

/**
 * What a file stores into variables that are not locals of the storing function: {@code void
 * (*on_fatal)(int) = exit;} at file scope, {@code _dropbear_exit = svr_dropbear_exit;} in a
 * function. Each store is the name of what was stored ({@code &f} and casts seen through), or a
 * store of no known function for any other value (a null pointer stores nothing); the tree's stores
 * tell which functions a global function pointer can call.
 */
final class PointerStores {
  private PointerStores() {}

  /** The stores of the file's own declarations and functions, by variable name. */
  static Map<String, List<PointerStore>> of(
      IASTTranslationUnit tu, String fileName, List<FunctionFacts> functions) {
    Map<String, List<PointerStore>> out = new LinkedHashMap<>();
    for (IASTDeclaration d : tu.getDeclarations()) {
      if (!(d instanceof IASTSimpleDeclaration sd)
          || !Locator.inFile(d, fileName)
          || sd.getDeclSpecifier().getStorageClass() == IASTDeclSpecifier.sc_typedef) {
        continue;
      }
      for (IASTDeclarator decl : sd.getDeclarators()) {
        if (decl.getInitializer() instanceof IASTEqualsInitializer init) {
          String name = Locator.innermost(decl).getName().toString();
          add(out, name, initial(init.getInitializerClause()));
        }
      }
    }
    for (FunctionFacts f : functions) {
      for (CfgNode n : f.cfg().nodes()) {
        for (Store s : Store.of(n)) {
          if (s.kind() == Store.Kind.ASSIGN
              && Expr.stripCasts(s.target()) instanceof Expr.Name target
              && !f.locals().containsKey(target.id())) {
            add(out, target.id(), assigned(s.value()));
          }
        }
      }
    }
    return out;
  }

  /** Records a store; a null store (a null pointer stored) records nothing. */
  private static void add(Map<String, List<PointerStore>> out, String name, PointerStore store) {
    if (store != null && !name.isEmpty()) {
      List<PointerStore> values = out.computeIfAbsent(name, k -> new ArrayList<>());
      if (!values.contains(store)) {
        values.add(store);
      }
    }
  }

  /**
   * The store of an initializer ({@code exit}, {@code &handler}, {@code (fn_t) f}); null for a null
   * pointer.
   */
  private static PointerStore initial(IASTInitializerClause c) {
    IASTInitializerClause x = c;
    while (true) {
      if (x instanceof IASTCastExpression cast) {
        x = cast.getOperand();
      } else if (x instanceof IASTUnaryExpression u
          && (u.getOperator() == IASTUnaryExpression.op_amper
              || u.getOperator() == IASTUnaryExpression.op_bracketedPrimary)) {
        x = u.getOperand();
      } else {
        break;
      }
    }
    if (x instanceof IASTLiteralExpression lit && String.valueOf(lit.getValue()).equals("0")) {
      return null; // a null pointer: no target
    }
    return new PointerStore(
        x instanceof IASTIdExpression id ? id.getName().toString() : null, true);
  }

  /** The store of an assigned value ({@code f}, {@code &f}, casts seen through); null for 0. */
  private static PointerStore assigned(Expr value) {
    Expr x = value == null ? null : Expr.stripCasts(value);
    if (x instanceof Expr.Unary u && u.op() == Expr.UnaryOp.ADDRESS_OF) {
      x = Expr.stripCasts(u.operand());
    }
    if (x instanceof Expr.IntLit lit && lit.value() == 0) {
      return null; // a null pointer: no target
    }
    return new PointerStore(x instanceof Expr.Name n ? n.id() : null, false);
  }
}
