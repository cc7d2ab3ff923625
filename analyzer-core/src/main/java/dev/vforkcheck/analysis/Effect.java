package dev.vforkcheck.analysis;

import dev.vforkcheck.model.Step;
import java.util.List;
import java.util.Objects;

/**
 * Something a function does, directly or through the functions it calls, that matters to a vfork
 * child.
 *
 * @param kind what it is
 * @param name the libc function called, the global written, or the unknown function called
 * @param chain the calls that lead to it, outermost first, ending at the statement that does it
 * @param errorPath it happens only on an error path: after a failed exec, or in a branch taken only
 *     when a call failed (xdup2's die after {@code dup2() < 0}), here or in a callee on the chain
 */
public record Effect(Kind kind, String name, List<Step> chain, boolean errorPath) {

  /** An effect on the normal path. */
  public Effect(Kind kind, String name, List<Step> chain) {
    this(kind, name, chain, false);
  }

  /** What kind of effect. */
  public enum Kind {
    /** Calls exit() or a function that does (atexit handlers, stdio flush). */
    EXIT,
    /** Uses buffered stdio. */
    STDIO,
    /** Allocates or frees heap memory. */
    HEAP,
    /** Calls a libc function known not to be async-signal-safe, fork(), vfork() or longjmp(). */
    UNSAFE_CALL,
    /** Calls a function with no body in the scanned tree and no entry in the knowledge base. */
    UNKNOWN_CALL,
    /** Calls through a function pointer: the callee cannot be known (it might even exec). */
    POINTER_CALL,
    /** Writes a global or static variable. */
    GLOBAL_WRITE,
    /** Writes memory through a pointer parameter (the caller's memory, such as an argv array). */
    POINTER_WRITE
  }

  public Effect {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    chain = List.copyOf(chain);
  }

  /** Where the effect finally happens ({@code util.c:42}), or "" when the chain is empty. */
  public String where() {
    if (chain.isEmpty()) {
      return "";
    }
    var l = chain.get(chain.size() - 1).location();
    return l.path() + ":" + l.line();
  }

  /** {@code die() -> fatal() -> exit()}: the functions the chain passes through, for messages. */
  public String route(String start) {
    StringBuilder sb = new StringBuilder(start).append("()");
    for (int i = 0; i < chain.size(); i++) {
      String m = chain.get(i).message();
      int paren = m.indexOf("()");
      if (paren > 0 && m.startsWith("calls ")) {
        sb.append(" -> ").append(m, 6, paren + 2);
      }
    }
    return sb.toString();
  }
}
