package dev.vforkcheck.rules;

import dev.vforkcheck.engine.Advisor;
import dev.vforkcheck.engine.RuleContext;
import dev.vforkcheck.engine.RuleInfo;
import dev.vforkcheck.engine.SiteContext;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** A fork() whose child never execs: it cannot become vfork on a no-MMU system. */
@RuleInfo(
    id = "fork-no-exec",
    summary = "fork() whose child never calls exec cannot become vfork() on a no-MMU system",
    severity = Severity.NOTE,
    tags = {"fork", "porting", "no-mmu"},
    precision = "high")
public final class ForkNoExec extends VerdictRule {
  public ForkNoExec(Advisor advisor) {
    super(advisor);
  }

  @Override
  public List<Finding> check(RuleContext context) {
    List<Finding> out = new ArrayList<>();
    for (SiteContext s : context.sites()) {
      if (s.advice() == null || !s.advice().neverExecs()) {
        continue;
      }
      out.add(
          new Finding(
              metadata().id(),
              metadata().severity(),
              "the child of this fork() never calls exec: it keeps running this program's code (a"
                  + " worker, a daemon, an in-process pipeline stage), which needs a private copy"
                  + " of memory. A no-MMU system has no fork(), and vfork() cannot do this. To"
                  + " port it: re-execute the program itself with an argument that selects the"
                  + " child's job (vfork() and exec of /proc/self/exe or argv[0], as busybox does"
                  + " on no-MMU), run the job with posix_spawn(), or restructure so no second"
                  + " process runs this code.",
              s.site().location(),
              List.of(),
              List.of(),
              "never calls exec"));
    }
    return out;
  }
}
