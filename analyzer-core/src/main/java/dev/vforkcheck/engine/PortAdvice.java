package dev.vforkcheck.engine;

import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Fix;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fork-to-vfork porting verdict of one site, computed once by the engine's {@link Advisor} and
 * read by the porting rules, the {@code port} command and every report.
 *
 * @param verdict what a porter should do
 * @param reason why, in a sentence
 * @param neverExecs the child never calls exec (it cannot become a vfork child at all)
 * @param fix the edits that make the swap (for the swap-safe verdicts), else null
 * @param blockers the vfork findings the child would have (why it needs restructuring, or what an
 *     existing vfork child gets wrong)
 */
public record PortAdvice(
    Verdict verdict, String reason, boolean neverExecs, Fix fix, List<Finding> blockers) {

  public PortAdvice {
    blockers = List.copyOf(blockers);
  }

  /**
   * The verdict of a site found in several configurations: the worst one (a swap must be safe in
   * every configuration), naming the configuration it comes from when they differ.
   *
   * @param byConfiguration each configuration's advice, in configuration order
   */
  public static PortAdvice worst(Map<String, PortAdvice> byConfiguration) {
    PortAdvice worst = null;
    String where = null;
    for (Map.Entry<String, PortAdvice> e : byConfiguration.entrySet()) {
      if (worst == null || e.getValue().rank() > worst.rank()) {
        worst = e.getValue();
        where = e.getKey();
      }
    }
    if (worst == null) {
      throw new IllegalArgumentException("no advice to combine");
    }
    boolean differ =
        byConfiguration.values().stream()
            .anyMatch(
                a ->
                    a.verdict() != byConfiguration.values().iterator().next().verdict()
                        || !a.reason().equals(byConfiguration.values().iterator().next().reason()));
    return differ
        ? new PortAdvice(
            worst.verdict(),
            worst.reason() + " (in " + where + ")",
            worst.neverExecs(),
            worst.fix(),
            worst.blockers())
        : worst;
  }

  /**
   * How bad the advice is for a porter: restructuring, then fixes, then a clean swap; vfork by
   * problems.
   */
  private int rank() {
    return switch (verdict) {
      case VFORK_ALREADY -> blockers.size();
      case SWAP_SAFE -> 0;
      case SWAP_SAFE_AFTER_FIXES -> 1;
      case NEEDS_RESTRUCTURING -> 2;
    };
  }

  /** What a porter should do with a site. */
  public enum Verdict {
    VFORK_ALREADY("vfork already"),
    SWAP_SAFE("swap-safe"),
    SWAP_SAFE_AFTER_FIXES("swap-safe after fixes"),
    NEEDS_RESTRUCTURING("needs restructuring");

    private final String label;

    Verdict(String label) {
      this.label = label;
    }

    /** The words tables show. */
    public String label() {
      return label;
    }

    /** The id machine formats use ({@code swap-safe-after-fixes}). */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True for the verdicts that come with a fix making the swap. */
    public boolean swappable() {
      return this == SWAP_SAFE || this == SWAP_SAFE_AFTER_FIXES;
    }
  }
}
