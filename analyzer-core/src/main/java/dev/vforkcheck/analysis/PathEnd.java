package dev.vforkcheck.analysis;

import dev.vforkcheck.model.Location;
import dev.vforkcheck.model.Step;
import java.util.List;

/**
 * One way a child path ends.
 *
 * @param kind how it ends
 * @param node the last child node on the path (the return, the exit call, the statement before
 *     parent code)
 * @param location where to report it
 * @param detail extra words for messages (the called function, the parent statement entered), may
 *     be empty
 * @param steps a concrete path from the fork call to the ending
 */
public record PathEnd(EndKind kind, int node, Location location, String detail, List<Step> steps) {
  public PathEnd {
    steps = List.copyOf(steps);
  }
}
