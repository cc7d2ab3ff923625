package dev.vforkcheck.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vforkcheck.engine.PortAdvice.Verdict;
import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Location;
import dev.vforkcheck.model.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortAdviceTest {
  private static PortAdvice advice(Verdict v, String reason, int blockers) {
    List<Finding> found =
        java.util.stream.IntStream.range(0, blockers)
            .mapToObj(
                i ->
                    new Finding(
                        "vfork-stdio",
                        Severity.ERROR,
                        "m",
                        Location.point("a.c", 10 + i, 1),
                        List.of(),
                        List.of()))
            .toList();
    return new PortAdvice(v, reason, false, null, found);
  }

  @Test
  void theSameAdviceEverywhereIsKeptAsItIs() {
    PortAdvice a = advice(Verdict.SWAP_SAFE, "clean", 0);
    Map<String, PortAdvice> all = new LinkedHashMap<>();
    all.put("default", a);
    all.put("QUIET", advice(Verdict.SWAP_SAFE, "clean", 0));
    assertSame(a, PortAdvice.worst(all));
  }

  @Test
  void aSwapMustBeSafeInEveryConfiguration() {
    Map<String, PortAdvice> all = new LinkedHashMap<>();
    all.put("default", advice(Verdict.SWAP_SAFE, "clean", 0));
    all.put("VERBOSE", advice(Verdict.NEEDS_RESTRUCTURING, "prints", 1));
    all.put("OTHER", advice(Verdict.SWAP_SAFE_AFTER_FIXES, "exit", 0));
    PortAdvice worst = PortAdvice.worst(all);
    assertEquals(Verdict.NEEDS_RESTRUCTURING, worst.verdict());
    assertEquals("prints (in VERBOSE)", worst.reason());
  }

  @Test
  void fixesAreWorseThanAPlainSwapAndAVforkChildWithMoreProblemsIsWorse() {
    Map<String, PortAdvice> swaps = new LinkedHashMap<>();
    swaps.put("default", advice(Verdict.SWAP_SAFE, "clean", 0));
    swaps.put("A", advice(Verdict.SWAP_SAFE_AFTER_FIXES, "exit", 0));
    assertEquals(Verdict.SWAP_SAFE_AFTER_FIXES, PortAdvice.worst(swaps).verdict());
    Map<String, PortAdvice> vforks = new LinkedHashMap<>();
    vforks.put("default", advice(Verdict.VFORK_ALREADY, "clean", 0));
    vforks.put("B", advice(Verdict.VFORK_ALREADY, "2 problems", 2));
    assertEquals("2 problems (in B)", PortAdvice.worst(vforks).reason());
  }
}
