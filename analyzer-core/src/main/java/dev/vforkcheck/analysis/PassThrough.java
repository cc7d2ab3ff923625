package dev.vforkcheck.analysis;

import dev.vforkcheck.cfg.Expr;
import java.util.function.BiFunction;

/**
 * Which calls hand back one of their arguments unchanged (a project function whose every return is
 * that parameter, as toybox's {@code xvforkwrap(vfork())}): their value is the argument's, so a
 * fork result passed through them still reaches the variable that receives the call.
 */
@FunctionalInterface
public interface PassThrough {
  /** No call passes anything through. */
  PassThrough NONE = call -> null;

  /** The argument whose value the call yields, or null when it is not a pass-through call. */
  Expr argument(Expr.Call call);

  /** Pass-through calls as the summaries of the file {@code path} describe them. */
  static PassThrough of(BiFunction<String, String, Summary> summaries, String path) {
    return call -> {
      Summary s = call.calleeName() == null ? null : summaries.apply(path, call.calleeName());
      return s == null || s.passThrough() < 0 || s.passThrough() >= call.args().size()
          ? null
          : call.args().get(s.passThrough());
    };
  }
}
