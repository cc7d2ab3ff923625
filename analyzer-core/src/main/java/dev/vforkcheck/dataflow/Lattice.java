package dev.vforkcheck.dataflow;

/**
 * A join semilattice of dataflow facts. Facts must be immutable values with a meaningful {@code
 * equals}; the solver stops when no fact changes.
 */
public interface Lattice<S> {
  /** The least fact: "this point is not reached". */
  S bottom();

  /** The least upper bound of two facts. */
  S join(S a, S b);
}
