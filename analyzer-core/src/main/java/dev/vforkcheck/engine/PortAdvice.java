package dev.vforkcheck.engine;

import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Fix;
import java.util.List;
import java.util.Locale;

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
