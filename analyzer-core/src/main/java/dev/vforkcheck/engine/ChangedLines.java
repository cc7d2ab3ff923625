package dev.vforkcheck.engine;

import dev.vforkcheck.model.Finding;
import dev.vforkcheck.model.Step;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The lines a change touched, per reported path, for diff-only scans: a finding is kept when its
 * own line or the line of any of its steps was changed, or its file is new.
 *
 * @param lines changed lines by path
 * @param newFiles paths that did not exist in the base revision (every line counts as changed)
 */
public record ChangedLines(Map<String, BitSet> lines, Set<String> newFiles) {
  public ChangedLines {
    lines = Map.copyOf(lines);
    newFiles = Set.copyOf(newFiles);
  }

  public boolean touches(String path, int line) {
    if (newFiles.contains(path)) {
      return true;
    }
    BitSet b = lines.get(path);
    return b != null && b.get(line);
  }

  /** Only the findings the change is responsible for. */
  public List<Finding> keep(List<Finding> findings) {
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      boolean hit = touches(f.location().path(), f.location().line());
      for (Step s : f.steps()) {
        hit |= touches(s.location().path(), s.location().line());
      }
      if (hit) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * Parses {@code git diff --unified=0} output; {@code toPath} maps a path relative to the git top
   * level to the reported path (or null when outside the scan).
   */
  public static ChangedLines fromGitDiff(
      String diff, Function<String, String> toPath, Set<String> untracked) {
    Map<String, BitSet> lines = new HashMap<>();
    Set<String> fresh = new HashSet<>();
    for (String u : untracked) {
      String p = toPath.apply(u);
      if (p != null) {
        fresh.add(p);
      }
    }
    String current = null;
    boolean createdFile = false;
    for (String line : diff.split("\n")) {
      if (line.startsWith("--- ")) {
        createdFile = line.equals("--- /dev/null");
      } else if (line.startsWith("+++ ")) {
        String name = line.substring(4);
        current =
            name.equals("/dev/null")
                ? null
                : toPath.apply(name.startsWith("b/") ? name.substring(2) : name);
        if (current != null && createdFile) {
          fresh.add(current);
        }
      } else if (line.startsWith("@@ ") && current != null) {
        int plus = line.indexOf('+');
        int end = line.indexOf(' ', plus);
        String[] range = line.substring(plus + 1, end).split(",");
        int start = Integer.parseInt(range[0]);
        int count = range.length > 1 ? Integer.parseInt(range[1]) : 1;
        BitSet b = lines.computeIfAbsent(current, k -> new BitSet());
        if (count == 0) {
          b.set(Math.max(1, start)); // a pure deletion: the line after it counts as changed
        } else {
          b.set(start, start + count);
        }
      }
    }
    return new ChangedLines(lines, fresh);
  }
}
