package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.CfgNode;
import dev.vforkcheck.cfg.Expr;
import dev.vforkcheck.cfg.NodeKind;
import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.knowledge.KnowledgeBase;
import java.util.function.BiFunction;

/**
 * What the functions called from one file do, for the child-region analysis: the knowledge base for
 * C library functions, the project summaries for the tree's own functions.
 *
 * @param knowledge the C library table
 * @param lookup the summary of a callee from a file, including functions only declared noreturn
 * @param path the file being analyzed (static functions resolve in it first)
 * @param atCall the summary of a call's callee from a file, specialized to the call's constant
 *     arguments
 */
record Callees(
    KnowledgeBase knowledge,
    BiFunction<String, String, Summary> lookup,
    String path,
    BiFunction<String, Expr.Call, Summary> atCall) {

  Summary summary(String name) {
    return name == null ? null : lookup.apply(path, name);
  }

  /** The summary of the function {@code call} calls, specialized to its constant arguments. */
  Summary summary(Expr.Call call) {
    return call.calleeName() == null ? null : atCall.apply(path, call);
  }

  /**
   * The summary of a project helper whose call ends the statement and never comes back, else null.
   */
  Summary neverReturningHelper(CfgNode node) {
    if (node.kind() != NodeKind.EXPR) {
      return null;
    }
    Expr.Call call = SummaryFactory.endingCall(node);
    Summary s = call == null ? null : summary(call);
    return s != null && s.neverReturns() && knowledge.classify(call.calleeName()).isEmpty()
        ? s
        : null;
  }

  /** True for fork, vfork and the project's fork wrappers. */
  boolean isForkLike(String name) {
    if (name == null) {
      return false;
    }
    if (knowledge.classify(name).map(FunctionClass::startsProcess).orElse(false)) {
      return true;
    }
    Summary s = summary(name);
    return s != null && s.forkWrapper() != null;
  }

  /**
   * True when the expression calls exec, or a helper that tries exec (and returns when it fails).
   */
  boolean containsExec(Expr e) {
    for (Expr.Call c : Expr.calls(e)) {
      String n = c.calleeName();
      if (n == null) {
        continue;
      }
      if (knowledge.is(n, FunctionClass.EXEC)) {
        return true;
      }
      Summary s = summary(c);
      if (s != null && s.mayExec()) {
        return true;
      }
    }
    return false;
  }

  /** Pass-through calls as this file's summaries describe them. */
  PassThrough passThrough() {
    return PassThrough.of(lookup, path);
  }

  /** True when {@code e} is itself a call of an exec function. */
  boolean isExecCall(Expr e) {
    Expr x = Expr.stripCasts(e);
    return x instanceof Expr.Call c
        && c.calleeName() != null
        && knowledge.is(c.calleeName(), FunctionClass.EXEC);
  }
}
