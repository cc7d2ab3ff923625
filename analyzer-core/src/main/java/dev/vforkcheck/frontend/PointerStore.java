package dev.vforkcheck.frontend;

/**
 * One store into a variable that is not a local of the storing function.
 *
 * @param function the name stored ({@code &f} and casts seen through), or null when the stored
 *     value is not a plain name (then the variable's targets are not known)
 * @param initializer the store is the variable's initializer at file scope (its value before any
 *     code runs), not an assignment in a function
 */
public record PointerStore(String function, boolean initializer) {
  /** True when the stored value is not a plain name. */
  public boolean unknown() {
    return function == null;
  }
}
