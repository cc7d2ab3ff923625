package dev.vforkcheck.rules;

import dev.vforkcheck.analysis.ChildCall;
import dev.vforkcheck.analysis.Effect;
import dev.vforkcheck.analysis.EndKind;
import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.analysis.Summary;
import dev.vforkcheck.engine.Advisor;
import dev.vforkcheck.engine.ChildRule;
import dev.vforkcheck.engine.PortAdvice;
import dev.vforkcheck.engine.PortAdvice.Verdict;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.knowledge.FunctionClass;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Fix;
import dev.vforkcheck.model.Location;
import dev.vforkcheck.model.TextEdit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fork-to-vfork porting verdict of a site, computed once per site by the engine and read by the
 * {@code fork-to-vfork} and {@code fork-no-exec} rules, the {@code port} command and the reports.
 * It judges a fork child by the findings the vfork rules give on it viewed as a vfork child, so the
 * advice and the vfork checks never disagree.
 */
public final class PortAdvisor implements Advisor {
  private final List<ChildRule> childRules;

  public PortAdvisor(List<ChildRule> childRules) {
    this.childRules = List.copyOf(childRules);
  }

  @Override
  public List<ChildRule> childRules() {
    return childRules;
  }

  @Override
  public PortAdvice advise(RuleContext context, SiteContext s, List<Finding> asVforkChild) {
    ForkSite site = s.site();
    if (site.kind() == ForkSite.Kind.VFORK) {
      return new PortAdvice(
          Verdict.VFORK_ALREADY,
          asVforkChild.isEmpty()
              ? "already vfork(); its child is clean"
              : "already vfork(); its child has "
                  + asVforkChild.size()
                  + " problem(s) reported by the vfork rules",
          false,
          null,
          asVforkChild);
    }
    Summary self = context.summaries().resolve(context.file().path(), site.function());
    if (self != null && self.forkWrapper() != null) {
      return restructure(
          site.function()
              + "() is a fork wrapper (its child returns the result); the sites that call it are"
              + " judged instead",
          List.of());
    }
    if (!childMayExec(s)) {
      return new PortAdvice(
          Verdict.NEEDS_RESTRUCTURING,
          "the child never calls exec: it runs the program's own code, which a vfork child cannot"
              + " do",
          true,
          null,
          List.of());
    }
    if (!context.knowledge().is(site.callee(), FunctionClass.FORK)) {
      return restructure(
          "the fork happens inside "
              + site.callee()
              + "(); call vfork() directly here instead (a vfork wrapper function is undefined"
              + " behavior)",
          List.of());
    }
    return swap(context, s, asVforkChild);
  }

  /** A plain fork() whose child execs: swappable unless the vfork rules object. */
  private static PortAdvice swap(RuleContext context, SiteContext s, List<Finding> asVforkChild) {
    List<TextEdit> edits = new ArrayList<>();
    edits.add(new TextEdit(s.site().call().nameLocation(), "vfork"));
    Set<Location> fixed = new HashSet<>();
    for (ChildCall c : s.calls()) {
      Optional<Fix> exitFix = ExitFix.of(c, context.knowledge());
      if (exitFix.isPresent() && s.region().onErrorPath(c.node().id())) {
        edits.addAll(exitFix.get().edits());
        fixed.add(c.call().location());
      }
    }
    // even a note blocks: a volatile write that is private in a fork child would reach the parent,
    // and a local the parent no longer reads may share its stack slot with one it does
    List<Finding> blockers =
        asVforkChild.stream().filter(f -> !fixed.contains(f.location())).toList();
    ChildCall wait = firstWait(context, s);
    if (wait != null) {
      return restructure(
          "the child waits in "
              + wait.name()
              + "() at line "
              + wait.call().location().line()
              + ": a vfork parent stays suspended until the child execs, so the child must not"
              + " wait for anything the parent does",
          blockers);
    }
    List<Finding> onNormalPath = blockers.stream().filter(f -> !f.onErrorPath()).toList();
    if (!onNormalPath.isEmpty()) {
      return restructure("as a vfork child it would break " + firstOf(onNormalPath), blockers);
    }
    if (!blockers.isEmpty()) {
      // only on error paths: the child's normal path is safe, a few small fixes make the swap safe
      return new PortAdvice(
          Verdict.SWAP_SAFE_AFTER_FIXES,
          "the child's normal path only does vfork-safe work; fix its error paths first: "
              + firstOf(blockers),
          false,
          null,
          blockers);
    }
    boolean fixes = edits.size() > 1;
    Fix fix =
        new Fix(
            fixes
                ? "replace fork() with vfork() and exit() with _exit() on the child's error paths"
                : "replace fork() with vfork()",
            edits);
    return new PortAdvice(
        fixes ? Verdict.SWAP_SAFE_AFTER_FIXES : Verdict.SWAP_SAFE,
        fixes
            ? "the child only does vfork-safe work once exit() on its error paths becomes _exit()"
            : "the child only does vfork-safe work before exec/_exit on every path",
        false,
        fix,
        List.of());
  }

  /** {@code vfork-exit at line 12 and 2 more: calls exit(), ...}: the first problem, counted. */
  private static String firstOf(List<Finding> problems) {
    Finding first = problems.get(0);
    String more = problems.size() > 1 ? " and " + (problems.size() - 1) + " more" : "";
    return first.ruleId()
        + " at line "
        + first.location().line()
        + more
        + ": "
        + (first.headline().isEmpty() ? first.message() : first.headline());
  }

  private static PortAdvice restructure(String reason, List<Finding> blockers) {
    return new PortAdvice(Verdict.NEEDS_RESTRUCTURING, reason, false, null, blockers);
  }

  /** The first call in the child that waits for another process to act, or null. */
  private static ChildCall firstWait(RuleContext context, SiteContext s) {
    for (ChildCall c : s.calls()) {
      if (context.knowledge().waitsForOthers(c.name())) {
        return c;
      }
    }
    return null;
  }

  /**
   * True when some child path calls exec (directly or in a helper that may exec), or calls through
   * a function pointer on its normal path (dropbear's {@code exec_fn(exec_data)}), which might
   * exec. A pointer called only on an error path (busybox's {@code die_func} hook, reached when a
   * dup2 failed) is an error handler, not the child's job. Functions with no body in the tree are
   * library code and taken not to exec.
   */
  static boolean childMayExec(SiteContext s) {
    if (s.region().endKinds().contains(EndKind.EXEC_EXIT)) {
      return true;
    }
    for (ChildCall c : s.calls()) {
      boolean normal = !s.region().onErrorPath(c.node().id());
      if (c.cls() == FunctionClass.EXEC || (c.throughPointer() && normal)) {
        return true;
      }
      Summary h = c.helper();
      if (h == null) {
        continue;
      }
      Effect pointer = h.first(Effect.Kind.POINTER_CALL);
      if (h.mayExec() || (pointer != null && !pointer.errorPath() && normal)) {
        return true;
      }
    }
    return false;
  }
}
