package dev.vforkcheck.frontend;

/**
 * One store into a variable that is not a local of the storing function.
 *
 * @param value the name stored ({@code &f} and casts seen through), or {@link
 *     PointerStores#UNKNOWN} for any other value
 * @param initializer the store is the variable's initializer at file scope (its value before any
 *     code runs), not an assignment in a function
 */
public record PointerStore(String value, boolean initializer) {}
