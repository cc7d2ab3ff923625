package dev.vforkcheck.frontend;

import static dev.vforkcheck.frontend.FunctionLowering.TEXT_MAX;

import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.model.Location;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IASTArraySubscriptExpression;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTCastExpression;
import org.eclipse.cdt.core.dom.ast.IASTConditionalExpression;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTExpressionList;
import org.eclipse.cdt.core.dom.ast.IASTExpressionStatement;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTLiteralExpression;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.IEnumerator;
import org.eclipse.cdt.core.dom.ast.gnu.IGNUASTCompoundStatementExpression;

/**
 * Turns CDT expressions into our {@link Expr} records. Builds no graph: the only thing it remembers
 * is which labels had their address taken ({@code &&label}), the targets of computed gotos.
 */
final class ExpressionLowering {
  /** Compiler builtins whose value is their first argument. */
  private static final Set<String> TRANSPARENT_BUILTINS =
      Set.of("__builtin_expect", "__builtin_expect_with_probability");

  private final Locator locator;
  private final Location fnLocation;
  private final Set<String> addressTakenLabels = new HashSet<>();

  ExpressionLowering(Locator locator, Location fnLocation) {
    this.locator = locator;
    this.fnLocation = fnLocation;
  }

  /** Labels seen as {@code &&label} so far. */
  Set<String> addressTakenLabels() {
    return addressTakenLabels;
  }

  /** An initializer clause: an expression, or opaque text ({@code {1, 2}}). */
  Expr clause(IASTInitializerClause c) {
    if (c instanceof IASTExpression e) {
      return expr(e);
    }
    return new Expr.Opaque(locator.textOf(c, TEXT_MAX), List.of());
  }

  /**
   * The value of an enumeration constant ({@code DAEMON_CHDIR_ROOT = 1}), so that tests against it
   * are tests against a constant; null for other names. Only names spelled like constants (upper
   * case) are resolved, which keeps binding resolution off the common path.
   */
  private static Long enumeratorValue(IASTIdExpression id, String name) {
    if (name.length() < 2 || !name.equals(name.toUpperCase(Locale.ROOT))) {
      return null;
    }
    try {
      if (id.getName().resolveBinding() instanceof IEnumerator en
          && en.getValue() != null
          && en.getValue().numberValue() != null) {
        return en.getValue().numberValue().longValue();
      }
    } catch (RuntimeException e) {
      return null; // a name CDT cannot resolve stays a name
    }
    return null;
  }

  Expr expr(IASTExpression e) {
    if (e == null) {
      return new Expr.Opaque("", List.of());
    }
    if (e instanceof IASTIdExpression id) {
      String n = locator.name(id.getName());
      Long v = enumeratorValue(id, n);
      return v != null ? locator.intLit(v, n) : locator.nameExpr(n);
    }
    if (e instanceof IASTLiteralExpression lit) {
      return literal(lit);
    }
    if (e instanceof IASTUnaryExpression u) {
      return unary(u);
    }
    if (e instanceof IASTBinaryExpression bin) {
      return binary(bin);
    }
    if (e instanceof IASTExpressionList list) {
      return commaList(list);
    }
    if (e instanceof IASTConditionalExpression ce) {
      return conditional(ce);
    }
    if (e instanceof IASTCastExpression cast) {
      return new Expr.Cast(
          locator.textOf(cast.getTypeId(), 40),
          expr(cast.getOperand()),
          locator.textOf(cast, TEXT_MAX));
    }
    if (e instanceof IASTFunctionCallExpression call) {
      return call(call);
    }
    if (e instanceof IASTFieldReference fr) {
      return new Expr.Member(
          expr(fr.getFieldOwner()),
          locator.name(fr.getFieldName()),
          fr.isPointerDereference(),
          locator.textOf(fr, TEXT_MAX));
    }
    if (e instanceof IASTArraySubscriptExpression as) {
      return new Expr.Index(
          expr(as.getArrayExpression()), clause(as.getArgument()), locator.textOf(as, TEXT_MAX));
    }
    if (e instanceof IGNUASTCompoundStatementExpression gse) {
      return statementExpression(gse);
    }
    return opaque(e);
  }

  private Expr literal(IASTLiteralExpression lit) {
    String text = new String(lit.getValue());
    if (lit.getKind() == IASTLiteralExpression.lk_integer_constant) {
      Long v = parseInteger(text);
      if (v != null) {
        return locator.intLit(v, text);
      }
    }
    return new Expr.Literal(Locator.snippet(text, TEXT_MAX));
  }

  private Expr unary(IASTUnaryExpression u) {
    int op = u.getOperator();
    if (op == IASTUnaryExpression.op_bracketedPrimary) {
      return u.getOperand() == null ? new Expr.Opaque("()", List.of()) : expr(u.getOperand());
    }
    if (op == IASTUnaryExpression.op_labelReference) {
      String text = locator.textOf(u, TEXT_MAX);
      addressTakenLabels.add(text.replace("&&", "").trim());
      return new Expr.Opaque(text, List.of());
    }
    Expr operand = u.getOperand() == null ? new Expr.Opaque("", List.of()) : expr(u.getOperand());
    Expr.UnaryOp uop = unaryOp(op);
    String text = locator.textOf(u, TEXT_MAX);
    if (uop == Expr.UnaryOp.MINUS && operand instanceof Expr.IntLit lit) {
      return locator.intLit(-lit.value(), text);
    }
    return new Expr.Unary(
        uop, operand, storeLocation(uop.writes() || uop == Expr.UnaryOp.ADDRESS_OF, u), text);
  }

  private Expr binary(IASTBinaryExpression bin) {
    Expr typedefCast = typedefCast(bin);
    if (typedefCast != null) {
      return typedefCast;
    }
    Expr l = expr(bin.getOperand1());
    Expr r = bin.getOperand2() == null ? clause(bin.getInitOperand2()) : expr(bin.getOperand2());
    Expr.BinaryOp op = binaryOp(bin.getOperator());
    return new Expr.Binary(
        op, l, r, storeLocation(op.isAssignment(), bin), locator.textOf(bin, TEXT_MAX));
  }

  /**
   * Where an operation that stores is, for the store; null for other operations: nothing points at
   * them, and every function's expressions are held until the summaries are built.
   */
  private Location storeLocation(boolean stores, IASTNode node) {
    return stores ? locator.of(node, fnLocation) : null;
  }

  /** {@code a, b, c} as nested COMMA operators, left to right. */
  private Expr commaList(IASTExpressionList list) {
    IASTExpression[] parts = list.getExpressions();
    Expr acc = expr(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      acc =
          new Expr.Binary(
              Expr.BinaryOp.COMMA, acc, expr(parts[i]), null, locator.textOf(list, TEXT_MAX));
    }
    return acc;
  }

  private Expr conditional(IASTConditionalExpression ce) {
    Expr c = expr(ce.getLogicalConditionExpression());
    if (ConditionLowering.selectsOneArm(ce, c)) {
      // a configuration constant (BB_MMU ? xfork() : xvfork()): only one arm exists in this build
      return expr(ConditionLowering.selectedArm(ce, c));
    }
    Expr t = ce.getPositiveResultExpression() == null ? c : expr(ce.getPositiveResultExpression());
    return new Expr.Conditional(
        c, t, expr(ce.getNegativeResultExpression()), locator.textOf(ce, TEXT_MAX));
  }

  private Expr call(IASTFunctionCallExpression call) {
    IASTInitializerClause[] cargs = call.getArguments();
    if (call.getFunctionNameExpression() instanceof IASTIdExpression fid
        && cargs.length >= 1
        && cargs[0] instanceof IASTExpression first
        && TRANSPARENT_BUILTINS.contains(fid.getName().toString())) {
      return expr(first); // __builtin_expect(x, v) is x for control flow
    }
    Expr callee = expr(call.getFunctionNameExpression());
    List<Expr> args = new ArrayList<>();
    for (IASTInitializerClause a : call.getArguments()) {
      args.add(clause(a));
    }
    return new Expr.Call(
        callee,
        args,
        locator.of(call, fnLocation),
        locator.of(call.getFunctionNameExpression(), fnLocation),
        locator.textOf(call, TEXT_MAX));
  }

  /**
   * A GNU statement expression: its statements are CFG nodes of their own (see {@link
   * StatementLowering#statementExpressions}); its value is that of its last expression statement.
   */
  private Expr statementExpression(IGNUASTCompoundStatementExpression gse) {
    IASTStatement[] body =
        gse.getCompoundStatement() == null
            ? new IASTStatement[0]
            : gse.getCompoundStatement().getStatements();
    if (body.length > 0
        && body[body.length - 1] instanceof IASTExpressionStatement last
        && last.getExpression() != null) {
      Expr value = expr(last.getExpression());
      return new Expr.StatementExpr(valueOnly(value), locator.textOf(gse, TEXT_MAX));
    }
    return new Expr.Opaque(locator.textOf(gse, TEXT_MAX), List.of());
  }

  /** Compound literals, type ids, problems: kept as text, with the calls inside still visible. */
  private Expr opaque(IASTExpression e) {
    List<Expr> children = new ArrayList<>();
    for (IASTNode child : e.getChildren()) {
      if (child instanceof IASTExpression ce) {
        children.add(expr(ce));
      }
    }
    return new Expr.Opaque(locator.textOf(e, TEXT_MAX), children);
  }

  /**
   * Without headers, {@code (pid_t)-1} parses as {@code (pid_t) - 1}: a parenthesized name that
   * looks like a typedef ({@code *_t}) minus a literal is read as the cast it almost certainly is.
   */
  private Expr typedefCast(IASTBinaryExpression bin) {
    int op = bin.getOperator();
    if ((op != IASTBinaryExpression.op_minus && op != IASTBinaryExpression.op_plus)
        || !(bin.getOperand1() instanceof IASTUnaryExpression paren)
        || paren.getOperator() != IASTUnaryExpression.op_bracketedPrimary
        || !(paren.getOperand() instanceof IASTIdExpression id)
        || !(bin.getOperand2() instanceof IASTLiteralExpression lit)
        || lit.getKind() != IASTLiteralExpression.lk_integer_constant) {
      return null;
    }
    String type = id.getName().toString();
    Long v = parseInteger(new String(lit.getValue()));
    if (!type.endsWith("_t") || v == null) {
      return null;
    }
    String text = locator.textOf(bin, TEXT_MAX);
    long value = op == IASTBinaryExpression.op_minus ? -v : v;
    return new Expr.Cast(type, locator.intLit(value, text), text);
  }

  private static Expr.UnaryOp unaryOp(int op) {
    return switch (op) {
      case IASTUnaryExpression.op_minus -> Expr.UnaryOp.MINUS;
      case IASTUnaryExpression.op_plus -> Expr.UnaryOp.PLUS;
      case IASTUnaryExpression.op_not -> Expr.UnaryOp.NOT;
      case IASTUnaryExpression.op_tilde -> Expr.UnaryOp.BIT_NOT;
      case IASTUnaryExpression.op_star -> Expr.UnaryOp.DEREF;
      case IASTUnaryExpression.op_amper -> Expr.UnaryOp.ADDRESS_OF;
      case IASTUnaryExpression.op_prefixIncr -> Expr.UnaryOp.PRE_INC;
      case IASTUnaryExpression.op_prefixDecr -> Expr.UnaryOp.PRE_DEC;
      case IASTUnaryExpression.op_postFixIncr -> Expr.UnaryOp.POST_INC;
      case IASTUnaryExpression.op_postFixDecr -> Expr.UnaryOp.POST_DEC;
      case IASTUnaryExpression.op_sizeof -> Expr.UnaryOp.SIZEOF;
      case IASTUnaryExpression.op_alignOf -> Expr.UnaryOp.ALIGNOF;
      default -> Expr.UnaryOp.OTHER;
    };
  }

  private static Expr.BinaryOp binaryOp(int op) {
    return switch (op) {
      case IASTBinaryExpression.op_multiply -> Expr.BinaryOp.MUL;
      case IASTBinaryExpression.op_divide -> Expr.BinaryOp.DIV;
      case IASTBinaryExpression.op_modulo -> Expr.BinaryOp.MOD;
      case IASTBinaryExpression.op_plus -> Expr.BinaryOp.ADD;
      case IASTBinaryExpression.op_minus -> Expr.BinaryOp.SUB;
      case IASTBinaryExpression.op_shiftLeft -> Expr.BinaryOp.SHL;
      case IASTBinaryExpression.op_shiftRight -> Expr.BinaryOp.SHR;
      case IASTBinaryExpression.op_lessThan -> Expr.BinaryOp.LT;
      case IASTBinaryExpression.op_greaterThan -> Expr.BinaryOp.GT;
      case IASTBinaryExpression.op_lessEqual -> Expr.BinaryOp.LE;
      case IASTBinaryExpression.op_greaterEqual -> Expr.BinaryOp.GE;
      case IASTBinaryExpression.op_equals -> Expr.BinaryOp.EQ;
      case IASTBinaryExpression.op_notequals -> Expr.BinaryOp.NE;
      case IASTBinaryExpression.op_binaryAnd -> Expr.BinaryOp.BIT_AND;
      case IASTBinaryExpression.op_binaryXor -> Expr.BinaryOp.BIT_XOR;
      case IASTBinaryExpression.op_binaryOr -> Expr.BinaryOp.BIT_OR;
      case IASTBinaryExpression.op_logicalAnd -> Expr.BinaryOp.LOGICAL_AND;
      case IASTBinaryExpression.op_logicalOr -> Expr.BinaryOp.LOGICAL_OR;
      case IASTBinaryExpression.op_assign -> Expr.BinaryOp.ASSIGN;
      case IASTBinaryExpression.op_multiplyAssign,
          IASTBinaryExpression.op_divideAssign,
          IASTBinaryExpression.op_moduloAssign,
          IASTBinaryExpression.op_plusAssign,
          IASTBinaryExpression.op_minusAssign,
          IASTBinaryExpression.op_shiftLeftAssign,
          IASTBinaryExpression.op_shiftRightAssign,
          IASTBinaryExpression.op_binaryAndAssign,
          IASTBinaryExpression.op_binaryXorAssign,
          IASTBinaryExpression.op_binaryOrAssign ->
          Expr.BinaryOp.COMPOUND_ASSIGN;
      default -> Expr.BinaryOp.OTHER;
    };
  }

  /**
   * Parses a C integer literal (decimal, octal, hex, binary; u/l suffixes); null if it does not
   * fit.
   */
  static Long parseInteger(String literal) {
    String s = literal.replace("'", "");
    int end = s.length();
    while (end > 0 && "uUlLzZ".indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    s = s.substring(0, end);
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return Long.parseUnsignedLong(s.substring(2), 16);
      }
      if (s.startsWith("0b") || s.startsWith("0B")) {
        return Long.parseUnsignedLong(s.substring(2), 2);
      }
      if (s.length() > 1 && s.startsWith("0")) {
        return Long.parseUnsignedLong(s.substring(1), 8);
      }
      return Long.parseUnsignedLong(s);
    } catch (NumberFormatException ex) {
      return null;
    }
  }

  /** The value of a statement expression without its calls (they already ran in their own node). */
  private static Expr valueOnly(Expr value) {
    return Expr.calls(value).isEmpty() ? value : new Expr.Opaque(value.text(), List.of());
  }
}
