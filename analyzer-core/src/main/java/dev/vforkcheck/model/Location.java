package dev.vforkcheck.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * A region of a source file.
 *
 * <p>{@code path} is relative to the scan's base directory and always uses {@code /}. Lines and
 * columns are 1-based. A column counts UTF-16 code units from the start of its line (the same as
 * characters for ASCII and most text; a tab counts as one), which is SARIF's {@code utf16CodeUnits}
 * column kind. {@code endColumn} is exclusive: it points just past the last character of the
 * region.
 */
public record Location(String path, int line, int column, int endLine, int endColumn) {

  public static final Comparator<Location> ORDER =
      Comparator.comparing(Location::path)
          .thenComparingInt(Location::line)
          .thenComparingInt(Location::column)
          .thenComparingInt(Location::endLine)
          .thenComparingInt(Location::endColumn);

  public Location {
    Objects.requireNonNull(path, "path");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("lines and columns are 1-based: " + line + ":" + column);
    }
    if (endLine < line || (endLine == line && endColumn < column)) {
      endLine = line;
      endColumn = column;
    }
  }

  /** A location covering a single point. */
  public static Location point(String path, int line, int column) {
    return new Location(path, line, column, line, column);
  }

  /** {@code path:line:column}, as gcc prints it. */
  public String gccPrefix() {
    return path + ":" + line + ":" + column;
  }

  @Override
  public String toString() {
    return gccPrefix();
  }
}
