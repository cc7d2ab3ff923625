package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.Cfg;
import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Edge;
import dev.vforkcheck.cfg.EdgeKind;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.NodeKind;
import dev.vforkcheck.cfg.Store;
import dev.vforkcheck.knowledge.FailureReturn;
import dev.vforkcheck.knowledge.KnowledgeBase;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The error paths of one function: the branch edges taken only when a C library call failed ({@code
 * if (dup2(fd, 1) < 0)}, {@code if ((fp = fopen(p, "r")) == NULL)}, {@code if (chdir(dir))}, {@code
 * if (write(fd, buf, n) != n)}, or a test of a local that only ever holds such a result), and the
 * code reached only through them or after an exec that returned. Everything else is the normal
 * path. How each function reports failure comes from the knowledge base ({@link FailureReturn}).
 */
final class ErrorPaths {
  private final Cfg cfg;
  private final KnowledgeBase knowledge;
  private final Map<String, FailureReturn> holders;

  private ErrorPaths(Cfg cfg, KnowledgeBase knowledge) {
    this.cfg = cfg;
    this.knowledge = knowledge;
    this.holders = holders(cfg, knowledge);
  }

  static ErrorPaths of(Cfg cfg, KnowledgeBase knowledge) {
    return new ErrorPaths(cfg, knowledge);
  }

  /**
   * The nodes reached from {@code start}'s successors along edges {@code follow} accepts, without
   * taking a failure edge and without passing a node that tries exec ({@code tries}): the code that
   * runs when every call works.
   */
  BitSet normalReach(int start, Predicate<Edge> follow, Predicate<CfgNode> tries) {
    BitSet seen = new BitSet(cfg.size());
    Deque<Integer> work = new ArrayDeque<>();
    work.add(start);
    while (!work.isEmpty()) {
      int u = work.poll();
      CfgNode node = cfg.node(u);
      if (u != start && node.expr() != null && tries.test(node)) {
        continue; // what follows runs only when the exec failed
      }
      for (Edge e : cfg.successors(u)) {
        if (!seen.get(e.to()) && follow.test(e) && !isFailure(e)) {
          seen.set(e.to());
          work.add(e.to());
        }
      }
    }
    return seen;
  }

  /** True when taking {@code e} means that a call tested by its branch failed. */
  private boolean isFailure(Edge e) {
    if (e.kind() != EdgeKind.TRUE && e.kind() != EdgeKind.FALSE) {
      return false;
    }
    CfgNode branch = cfg.node(e.from());
    if (branch.kind() != NodeKind.BRANCH || branch.expr() == null) {
      return false;
    }
    Boolean failsWhen = failsWhen(branch.expr());
    return failsWhen != null && failsWhen == (e.kind() == EdgeKind.TRUE);
  }

  /**
   * Whether the condition holds exactly when a tested call failed (TRUE), exactly when it worked
   * (FALSE), or it tests no failure (null).
   */
  private Boolean failsWhen(Expr cond) {
    Expr x = Expr.stripCasts(cond);
    // write(fd, buf, n) != n, dup2(a, b) != b: a call that returns its own argument on success
    if (x instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.NE || b.op() == Expr.BinaryOp.EQ)) {
      if (returnsArgument(b.left(), b.right()) || returnsArgument(b.right(), b.left())) {
        return b.op() == Expr.BinaryOp.NE;
      }
    }
    ValueTest t = namedTest(x);
    if (t == null) {
      t = ValueTest.of(cond);
    }
    if (t == null) {
      return null;
    }
    FailureReturn r = convention(t.subject());
    if (r == null) {
      return null;
    }
    Boolean onFail = t.over(r.failLo(), r.failHi());
    Boolean onOk = t.over(r.okLo(), r.okHi());
    if (onFail == null || onOk == null || onFail.equals(onOk)) {
      return null;
    }
    return onFail;
  }

  /**
   * A comparison with a failure macro the headers did not define ({@code signal(...) == SIG_ERR}
   * read without {@code <signal.h>}), or null.
   */
  private ValueTest namedTest(Expr x) {
    if (!(x instanceof Expr.Binary b) || !b.op().isComparison()) {
      return null;
    }
    Long right = named(b.right());
    if (right != null) {
      return new ValueTest(b.left(), b.op(), right, false);
    }
    Long left = named(b.left());
    return left == null || (b.op() != Expr.BinaryOp.EQ && b.op() != Expr.BinaryOp.NE)
        ? null
        : new ValueTest(b.right(), b.op(), left, false);
  }

  private Long named(Expr e) {
    return Expr.stripCasts(e) instanceof Expr.Name n
        ? knowledge.failureConstant(n.id()).orElse(null)
        : null;
  }

  /** True when {@code value} is a MINUS_ONE call one of whose arguments reads as {@code other}. */
  private boolean returnsArgument(Expr value, Expr other) {
    Expr v = unwrapAssignment(value);
    if (!(v instanceof Expr.Call c) || convention(c) != FailureReturn.MINUS_ONE) {
      return false;
    }
    String want = Expr.stripCasts(other).text();
    return c.args().stream().anyMatch(a -> Expr.stripCasts(a).text().equals(want));
  }

  /**
   * How the tested value reports failure: a call's convention, or the convention of the calls a
   * local only ever holds; null when it is not known.
   */
  private FailureReturn convention(Expr subject) {
    Expr x = unwrapAssignment(subject);
    if (x instanceof Expr.Call c) {
      return knowledge.failureReturn(c.calleeName()).orElse(null);
    }
    if (x instanceof Expr.Name n) {
      return holders.get(n.id());
    }
    return null;
  }

  /** {@code (fd = open(...))} is the call; anything else is itself (casts stripped). */
  private static Expr unwrapAssignment(Expr e) {
    Expr x = Expr.stripCasts(e);
    while (x instanceof Expr.Binary b && b.op() == Expr.BinaryOp.ASSIGN) {
      x = Expr.stripCasts(b.right());
    }
    return x;
  }

  /**
   * The locals every store of which is the result of a call with a known failure convention ({@code
   * fd = open(...)}, {@code int rc = chdir(dir)}), with the convention they share.
   */
  private static Map<String, FailureReturn> holders(Cfg cfg, KnowledgeBase knowledge) {
    Map<String, FailureReturn> out = new HashMap<>();
    Set<String> spoiled = new HashSet<>();
    for (CfgNode node : cfg.nodes()) {
      for (Store s : Store.of(node)) {
        if (!(Expr.stripCasts(s.target()) instanceof Expr.Name n)) {
          continue;
        }
        Expr v = s.value() == null ? null : unwrapAssignment(s.value());
        FailureReturn r =
            v instanceof Expr.Call c ? knowledge.failureReturn(c.calleeName()).orElse(null) : null;
        if (r == null || spoiled.contains(n.id())) {
          spoiled.add(n.id());
          out.remove(n.id());
          continue;
        }
        FailureReturn joined = out.containsKey(n.id()) ? FailureReturn.join(out.get(n.id()), r) : r;
        if (joined == null) {
          spoiled.add(n.id());
          out.remove(n.id());
        } else {
          out.put(n.id(), joined);
        }
      }
    }
    return out;
  }
}
