package dev.vforkcheck.rules;

import dev.vforkcheck.analysis.ChildCall;
import dev.vforkcheck.analysis.Effect;
import dev.vforkcheck.engine.ChildRule;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.model.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * The base of the "vfork child calls a function of class X" rules (exit, heap, stdio, unsafe calls,
 * signal handlers): it walks the calls the child makes, once, and asks the rule about each. A call
 * of a project helper is reported when the helper's most serious effect is the rule's {@link
 * #helperEffect()}; a direct call when {@link #direct} says so.
 */
abstract class ChildCallRule implements ChildRule {

  /** The helper effect this rule reports, or null when it reports direct calls only. */
  abstract Effect.Kind helperEffect();

  /**
   * Why a call of a helper with the effect breaks vfork: the message's tail after {@code calls
   * die(), which calls exit() (die() -> exit() at util.c:42)}.
   */
  abstract String helperTail();

  /**
   * The problem with a direct call (a C library function, a pointer, an unknown function), or null.
   */
  abstract Problem direct(RuleContext context, SiteContext site, ChildCall call);

  @Override
  public final List<Finding> checkChild(RuleContext context, SiteContext s) {
    List<Finding> out = new ArrayList<>();
    String who = "the " + s.site().callee() + "() child";
    for (ChildCall c : s.calls()) {
      Effect viaHelper = helperEffect() == null ? null : c.reportable(helperEffect());
      if (viaHelper != null) {
        String headline = "calls " + c.viaHelper(viaHelper) + c.alsoDoes(helperEffect());
        out.add(
            new Problem(headline, helperTail())
                .finding(
                    metadata(),
                    who,
                    c.call().location(),
                    c.steps(s.region(), viaHelper),
                    c.onErrorPath(s.region(), viaHelper)));
        continue;
      }
      if (c.helper() != null) {
        continue;
      }
      Problem p = direct(context, s, c);
      if (p != null) {
        out.add(
            p.finding(
                metadata(),
                who,
                c.call().location(),
                s.region().pathTo(c.node().id()),
                s.region().onErrorPath(c.node().id())));
      }
    }
    return out;
  }
}
