package dev.vforkcheck.cfg;

import dev.vforkcheck.model.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A compact, parser-independent C expression. The front end lowers the parser's expression trees
 * into these records so that nothing of the parser survives the parse step. Only the shapes the
 * analyses need are distinguished; everything else is {@link Opaque}.
 */
public sealed interface Expr {

  /** Source text of the expression, for messages (may be abbreviated). */
  String text();

  /** An identifier: a variable, a function name, an enumerator. */
  record Name(String id, String text) implements Expr {}

  /** {@code base.field} or {@code base->field}. */
  record Member(Expr base, String field, boolean arrow, String text) implements Expr {}

  /** {@code base[index]}. */
  record Index(Expr base, Expr index, String text) implements Expr {}

  /** An integer constant, already evaluated (suffixes and bases handled). */
  record IntLit(long value, String text) implements Expr {}

  /** Any other literal: strings, characters, floating point. */
  record Literal(String text) implements Expr {}

  /**
   * A unary operation; {@code location} only for one that stores (++, --, {@code &}), else null.
   */
  record Unary(UnaryOp op, Expr operand, Location location, String text) implements Expr {}

  /**
   * A binary operation, including assignments and the comma operator; {@code location} only for an
   * assignment, else null.
   */
  record Binary(BinaryOp op, Expr left, Expr right, Location location, String text)
      implements Expr {}

  /** {@code cond ? then : otherwise}. */
  record Conditional(Expr cond, Expr then, Expr otherwise, String text) implements Expr {}

  /** A cast; the type is kept as text. */
  record Cast(String type, Expr operand, String text) implements Expr {}

  /**
   * A function call. {@code location} covers the whole call; {@code nameLocation} covers the callee
   * expression.
   */
  record Call(Expr callee, List<Expr> args, Location location, Location nameLocation, String text)
      implements Expr {
    public Call {
      args = List.copyOf(args);
    }

    /**
     * The called function's name when the callee is a plain identifier, else null (a call through a
     * pointer).
     */
    public String calleeName() {
      return callee instanceof Name n ? n.id() : null;
    }
  }

  /**
   * A GNU statement expression {@code ({ ...; value; })}: its statements are CFG nodes of their
   * own, evaluated before the enclosing expression; {@code value} is its last expression statement.
   */
  record StatementExpr(Expr value, String text) implements Expr {}

  /**
   * Something the analyses do not model (initializer lists, type ids, statement expressions'
   * values).
   */
  record Opaque(String text, List<Expr> children) implements Expr {
    public Opaque {
      children = List.copyOf(children);
    }
  }

  /** Unary operators. */
  enum UnaryOp {
    MINUS,
    PLUS,
    NOT,
    BIT_NOT,
    DEREF,
    ADDRESS_OF,
    PRE_INC,
    PRE_DEC,
    POST_INC,
    POST_DEC,
    SIZEOF,
    ALIGNOF,
    OTHER;

    /** True for ++ and -- in either position: they write their operand. */
    public boolean writes() {
      return this == PRE_INC || this == PRE_DEC || this == POST_INC || this == POST_DEC;
    }
  }

  /** Binary operators. */
  enum BinaryOp {
    MUL,
    DIV,
    MOD,
    ADD,
    SUB,
    SHL,
    SHR,
    LT,
    GT,
    LE,
    GE,
    EQ,
    NE,
    BIT_AND,
    BIT_XOR,
    BIT_OR,
    LOGICAL_AND,
    LOGICAL_OR,
    ASSIGN,
    COMPOUND_ASSIGN,
    COMMA,
    OTHER;

    /** True for = and the compound assignments. */
    public boolean isAssignment() {
      return this == ASSIGN || this == COMPOUND_ASSIGN;
    }

    /** True for the six relational and equality operators. */
    public boolean isComparison() {
      return this == LT || this == GT || this == LE || this == GE || this == EQ || this == NE;
    }
  }

  /** Removes casts and statement-expression wrappers (parentheses are never represented). */
  static Expr stripCasts(Expr e) {
    Expr cur = e;
    while (cur instanceof Cast || cur instanceof StatementExpr) {
      cur = cur instanceof Cast c ? c.operand() : ((StatementExpr) cur).value();
    }
    return cur;
  }

  /** The direct sub-expressions of {@code e}, in evaluation-ish (left to right) order. */
  static List<Expr> children(Expr e) {
    Objects.requireNonNull(e);
    if (e instanceof Member m) {
      return List.of(m.base());
    } else if (e instanceof Index i) {
      return List.of(i.base(), i.index());
    } else if (e instanceof Unary u) {
      return List.of(u.operand());
    } else if (e instanceof Binary b) {
      return List.of(b.left(), b.right());
    } else if (e instanceof Conditional c) {
      return List.of(c.cond(), c.then(), c.otherwise());
    } else if (e instanceof Cast c) {
      return List.of(c.operand());
    } else if (e instanceof Call c) {
      List<Expr> out = new ArrayList<>(c.args().size() + 1);
      out.add(c.callee());
      out.addAll(c.args());
      return out;
    } else if (e instanceof Opaque o) {
      return o.children();
    } else if (e instanceof StatementExpr se) {
      return List.of(se.value());
    }
    return List.of();
  }

  /** Visits {@code e} and every sub-expression, parents before children. */
  static void walk(Expr e, Consumer<Expr> visitor) {
    if (e == null) {
      return;
    }
    visitor.accept(e);
    for (Expr child : children(e)) {
      walk(child, visitor);
    }
  }

  /** Every call inside {@code e} (including {@code e} itself), outermost first. */
  static List<Call> calls(Expr e) {
    List<Call> out = new ArrayList<>();
    walk(
        e,
        x -> {
          if (x instanceof Call c) {
            out.add(c);
          }
        });
    return out;
  }

  /**
   * A stable key for an lvalue made of names, fields, constant indexes and dereferences ({@code
   * pid}, {@code child->pid}, {@code jobs[0].pid}, {@code *pp}); null when the expression is not
   * such an lvalue.
   */
  static String lvalueKey(Expr e) {
    Expr x = stripCasts(e);
    if (x instanceof Name n) {
      return n.id();
    } else if (x instanceof Member m) {
      String base = lvalueKey(m.base());
      return base == null ? null : base + (m.arrow() ? "->" : ".") + m.field();
    } else if (x instanceof Index i) {
      String base = lvalueKey(i.base());
      Expr idx = stripCasts(i.index());
      if (base == null) {
        return null;
      }
      if (idx instanceof IntLit lit) {
        return base + "[" + lit.value() + "]";
      }
      String idxKey = lvalueKey(idx);
      return idxKey == null ? null : base + "[" + idxKey + "]";
    } else if (x instanceof Unary u && u.op() == UnaryOp.DEREF) {
      String base = lvalueKey(u.operand());
      return base == null ? null : "*" + base;
    }
    return null;
  }

  /** The variable at the root of an lvalue ({@code child} for {@code child->pid}); null if none. */
  static String rootName(Expr e) {
    Expr x = stripCasts(e);
    while (true) {
      if (x instanceof Name n) {
        return n.id();
      } else if (x instanceof Member m) {
        x = stripCasts(m.base());
      } else if (x instanceof Index i) {
        x = stripCasts(i.base());
      } else if (x instanceof Unary u && u.op() == UnaryOp.DEREF) {
        x = pointerBase(stripCasts(u.operand()));
      } else {
        return null;
      }
    }
  }

  /**
   * The pointer a dereferenced address is computed from: {@code p} in {@code *--p}, {@code *(p +
   * 1)}.
   */
  private static Expr pointerBase(Expr address) {
    Expr x = address;
    while (true) {
      if (x instanceof Unary u && u.op().writes()) {
        x = stripCasts(u.operand());
      } else if (x instanceof Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUB)) {
        x = stripCasts(b.left());
      } else {
        return x;
      }
    }
  }

  /**
   * The value of an integer constant expression made of literals, casts and unary minus/plus/not/~;
   * else null.
   */
  static Long constantValue(Expr e) {
    Expr x = stripCasts(e);
    if (x instanceof IntLit lit) {
      return lit.value();
    }
    if (x instanceof Unary u) {
      Long v = constantValue(u.operand());
      if (v == null) {
        return null;
      }
      return switch (u.op()) {
        case MINUS -> -v;
        case PLUS -> v;
        case NOT -> v == 0 ? 1L : 0L;
        case BIT_NOT -> ~v;
        default -> null;
      };
    }
    return null;
  }
}
