package dev.vforkcheck.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two versions of a file whose edits changed text within lines (the fixes never
 * add or remove lines); three lines of context, hunks merged when they touch.
 */
final class UnifiedDiff {
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  static String of(String path, String before, String after) {
    if (before.equals(after)) {
      return "";
    }
    List<String> a = lines(before);
    List<String> b = lines(after);
    StringBuilder sb = new StringBuilder();
    String a0 = path.startsWith("/") ? path : "a/" + path;
    String b0 = path.startsWith("/") ? path : "b/" + path;
    sb.append("--- ").append(a0).append('\n').append("+++ ").append(b0).append('\n');
    if (a.size() != b.size()) {
      hunk(sb, a, b, 0, a.size(), 0, b.size());
      return sb.toString();
    }
    List<Integer> changed = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i))) {
        changed.add(i);
      }
    }
    int i = 0;
    while (i < changed.size()) {
      int from = Math.max(0, changed.get(i) - CONTEXT);
      int to = Math.min(a.size(), changed.get(i) + CONTEXT + 1);
      int j = i + 1;
      while (j < changed.size() && changed.get(j) - CONTEXT <= to) {
        to = Math.min(a.size(), changed.get(j) + CONTEXT + 1);
        j++;
      }
      hunk(sb, a, b, from, to, from, to);
      i = j;
    }
    return sb.toString();
  }

  private static void hunk(
      StringBuilder sb, List<String> a, List<String> b, int aFrom, int aTo, int bFrom, int bTo) {
    sb.append("@@ -")
        .append(aFrom + 1)
        .append(',')
        .append(aTo - aFrom)
        .append(" +")
        .append(bFrom + 1)
        .append(',')
        .append(bTo - bFrom)
        .append(" @@\n");
    if (a.size() == b.size()) {
      for (int k = aFrom; k < aTo; k++) {
        if (a.get(k).equals(b.get(k))) {
          sb.append(' ').append(a.get(k)).append('\n');
        } else {
          sb.append('-').append(a.get(k)).append('\n');
          sb.append('+').append(b.get(k)).append('\n');
        }
      }
    } else {
      for (int k = aFrom; k < aTo; k++) {
        sb.append('-').append(a.get(k)).append('\n');
      }
      for (int k = bFrom; k < bTo; k++) {
        sb.append('+').append(b.get(k)).append('\n');
      }
    }
  }

  private static List<String> lines(String s) {
    List<String> out = new ArrayList<>(List.of(s.split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }
}
