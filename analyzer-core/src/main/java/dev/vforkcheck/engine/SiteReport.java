package dev.vforkcheck.engine;

import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.analysis.PathEnd;
import dev.vforkcheck.cfg.CfgNode;
import java.util.List;

/**
 * A fork/vfork site as every report sees it: the site with its function, child region and porting
 * advice, and the counts the {@code sites} inventory prints.
 *
 * @param context the site, its function, its child region and its porting advice
 * @param helperCalls calls the child makes to project functions whose bodies were summarized
 * @param unknownCalls calls the child makes to functions with no body in the tree and no libc
 *     entry, or through pointers
 * @param helperEndings child path endings that happen inside a project helper (it never returns)
 * @param configurations the configurations the site was found in; empty for the default one only
 */
public record SiteReport(
    SiteContext context,
    int helperCalls,
    int unknownCalls,
    int helperEndings,
    List<String> configurations) {
  public SiteReport {
    configurations = List.copyOf(configurations);
  }

  public ForkSite site() {
    return context.site();
  }

  /** How the child's paths end ({@code exec+_exit}, {@code may return}, ...). */
  public String childSummary() {
    return context.region().summary();
  }

  public List<PathEnd> ends() {
    return context.region().ends();
  }

  /** A range of source lines, both ends included. */
  public record Lines(int first, int last) {}

  /** The lines of the function that holds the site, from its name to its last statement. */
  public Lines functionLines() {
    int first = context.function().location().line();
    int last = first;
    for (CfgNode n : context.function().cfg().nodes()) {
      if (n.location().path().equals(context.function().location().path())) {
        last = Math.max(last, n.location().endLine());
      }
    }
    return new Lines(first, last);
  }

  /** The porting verdict, or null when the scan ran without an advisor. */
  public PortAdvice advice() {
    return context.advice();
  }
}
