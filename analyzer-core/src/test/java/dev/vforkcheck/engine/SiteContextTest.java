package dev.vforkcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vforkcheck.TestC;
import dev.vforkcheck.analysis.ChildRegionAnalysis;
import dev.vforkcheck.analysis.ForkSite;
import dev.vforkcheck.analysis.SiteFinder;
import dev.vforkcheck.frontend.FunctionFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SiteContext#asVfork()}: a fork site as a swap would make it, sharing its analysis. */
class SiteContextTest {
  private static SiteContext site(String code) {
    FunctionFacts fn = TestC.parse(code).functions().get(0);
    ForkSite s = new SiteFinder(TestC.KB).find(fn).get(0);
    return new SiteContext(fn, s, new ChildRegionAnalysis(TestC.KB).analyze(fn, s));
  }

  @Test
  void aVforkSiteIsItsOwnVforkView() {
    SiteContext s = site("void f(char **a) { if (vfork() == 0) { execv(a[0], a); _exit(1); } }");
    assertSame(s, s.asVfork());
  }

  @Test
  void aForkSiteSeenAsVforkKeepsEverythingButTheKindAndTheCallee() {
    SiteContext s =
        site(
            "void f(char **a) { pid_t pid = fork(); if (pid == 0) { setsid(); execv(a[0], a);"
                + " exit(1); } }");
    PortAdvice advice =
        new PortAdvice(PortAdvice.Verdict.SWAP_SAFE, "test", false, null, List.of());
    SiteContext withAdvice = s.withAdvice(advice);
    SiteContext v = withAdvice.asVfork();
    assertEquals(ForkSite.Kind.FORK, s.site().kind(), "the original is unchanged");
    assertEquals(ForkSite.Kind.VFORK, v.site().kind());
    assertEquals("vfork", v.site().callee());
    assertEquals(s.site().function(), v.site().function());
    assertEquals(s.site().location(), v.site().location());
    assertEquals(s.site().node(), v.site().node());
    assertSame(s.site().call(), v.site().call());
    assertEquals("pid", v.site().resultKey());
    assertSame(v.site(), v.region().site(), "the region is the vfork site's");
    assertSame(s.calls(), v.calls(), "the child's calls are not recomputed");
    assertSame(s.writes(), v.writes());
    assertEquals(s.region().nodes(), v.region().nodes());
    assertSame(s.function(), v.function());
    assertSame(advice, v.advice(), "the advice goes along");
    assertNull(s.advice());
    assertEquals(
        List.of("setsid", "execv", "exit"), v.calls().stream().map(c -> c.name()).toList());
  }
}
