package dev.vforkcheck.cfg;

/**
 * A parameter or local variable of a function.
 *
 * @param name its name
 * @param parameter true for a parameter
 * @param isVolatile declared {@code volatile}
 * @param isStatic declared {@code static} (lives outside the stack frame)
 * @param declNode the DECL node that declares it, or -1 for parameters
 * @param pointer declared as a pointer (not an array): indexing or dereferencing it reaches other
 *     memory
 */
public record LocalVar(
    String name,
    boolean parameter,
    boolean isVolatile,
    boolean isStatic,
    int declNode,
    boolean pointer) {}
