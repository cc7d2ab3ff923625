package dev.vforkcheck.model;

import java.util.Objects;

/** One step of the path that leads from the fork/vfork call to a finding. */
public record Step(Location location, String message) {
  public Step {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }
}
