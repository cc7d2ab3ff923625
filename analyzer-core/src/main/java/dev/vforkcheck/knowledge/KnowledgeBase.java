package dev.vforkcheck.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Typed access to the C library function table ({@code libc-functions.json}). Rules ask this class
 * what a call means; they never compare function names themselves.
 */
public final class KnowledgeBase {

  private static final String RESOURCE = "libc-functions.json";
  private static final String BUILTIN_PREFIX = "__builtin_";

  private final Map<String, FunctionClass> byName;
  private final Map<FunctionClass, String> descriptions;
  private final Set<String> conditionalExit;
  private final Map<String, Integer> pidArguments;
  private final Set<String> waitsForOthers;
  private final Extras extras;

  /** What -1 means when passed as the process id. */
  public enum MinusOnePid {
    /** Every process the caller may signal ({@code kill(-1, sig)}). */
    EVERY_PROCESS,
    /** Any child, not a particular one ({@code waitpid(-1, ...)}). */
    ANY_CHILD,
    /** Nothing useful: the call fails or acts on the wrong process. */
    INVALID
  }

  /**
   * A function's process-id argument.
   *
   * @param index which argument ({@code kill(pid, sig)}: 0)
   * @param minusOne what passing -1 there does
   */
  public record PidArgument(int index, MinusOnePid minusOne) {}

  /** How a function is given the signal handler it installs. */
  public enum HandlerForm {
    /** The handler function itself ({@code signal(sig, handler)}). */
    FUNCTION,
    /**
     * A {@code struct sigaction} whose handler fields hold it ({@code sigaction(sig, &sa, NULL)}).
     */
    SIGACTION
  }

  /**
   * The argument of a function that carries the signal handler it installs.
   *
   * @param index which argument
   * @param form the handler itself, or a struct sigaction holding it
   */
  public record HandlerArgument(int index, HandlerForm form) {}

  /**
   * The signal tables: who installs handlers, which values are not handlers, where sigaction keeps
   * them.
   */
  private record Signals(
      Map<String, HandlerArgument> installers, Set<String> dispositions, Set<String> fields) {}

  /**
   * How a C library names its internal entry points of a public function: prefixes and suffixes
   * around the public name ({@code __libc_sigaction}, {@code __close_nocancel}).
   */
  private record Aliases(List<String> prefixes, List<String> suffixes) {}

  /** The smaller tables: -1 meanings, safe replacements, per-process globals, signal handlers. */
  private record Extras(
      Map<String, MinusOnePid> minusOne,
      Map<String, String> replacements,
      Set<String> perProcess,
      Signals signals,
      Aliases aliases,
      Set<String> stackAllocators,
      Set<String> returnsFirstArgument,
      Map<String, FailureReturn> failureReturns,
      Map<String, Long> failureConstants) {}

  private KnowledgeBase(
      Map<String, FunctionClass> byName,
      Map<FunctionClass, String> descriptions,
      Set<String> conditionalExit,
      Map<String, Integer> pidArguments,
      Set<String> waitsForOthers,
      Extras extras) {
    this.extras = extras;
    this.waitsForOthers = Set.copyOf(waitsForOthers);
    this.byName = Collections.unmodifiableMap(byName);
    this.descriptions = Collections.unmodifiableMap(descriptions);
    this.conditionalExit = Set.copyOf(conditionalExit);
    this.pidArguments = Map.copyOf(pidArguments);
  }

  /**
   * Which argument of a function is a process id ({@code kill(pid, sig)}: 0), or -1 when the
   * function takes none. A -1 there means "every process" or "any child".
   */
  public int pidArgument(String name) {
    Integer i = name == null ? null : pidArguments.get(publicName(name));
    return i == null ? -1 : i;
  }

  /** The process-id argument of a function and what -1 means there; empty when it takes none. */
  public Optional<PidArgument> pidUse(String name) {
    int i = pidArgument(name);
    return i < 0
        ? Optional.empty()
        : Optional.of(
            new PidArgument(
                i, extras.minusOne().getOrDefault(publicName(name), MinusOnePid.INVALID)));
  }

  /** The function a vfork child should call instead ({@code exit} -> {@code _exit}), for fixes. */
  public Optional<String> safeReplacement(String name) {
    return Optional.ofNullable(name == null ? null : extras.replacements().get(name));
  }

  /**
   * The argument through which a function installs a signal handler; empty when it installs none.
   */
  public Optional<HandlerArgument> signalHandlerArgument(String name) {
    return Optional.ofNullable(
        name == null ? null : extras.signals().installers().get(publicName(name)));
  }

  /**
   * True for the handler values that are dispositions, not functions ({@code SIG_DFL}, {@code
   * SIG_IGN}).
   */
  public boolean isSignalDisposition(String name) {
    return name != null && extras.signals().dispositions().contains(name);
  }

  /** True for the fields of {@code struct sigaction} that hold the handler. */
  public boolean isSigactionHandlerField(String field) {
    return field != null && extras.signals().fields().contains(field);
  }

  /**
   * True for functions that allocate on the caller's stack ({@code alloca}): the caller owns it.
   */
  public boolean isStackAllocator(String name) {
    return name != null && extras.stackAllocators().contains(publicName(name));
  }

  /** True for functions whose value is their first argument ({@code memcpy}: its destination). */
  public boolean returnsFirstArgument(String name) {
    return name != null && extras.returnsFirstArgument().contains(publicName(name));
  }

  /**
   * True for globals that hold per-call state ({@code errno}): writing them is not a shared write.
   */
  public boolean perProcessState(String global) {
    return global != null && extras.perProcess().contains(global);
  }

  /** Loads the table shipped with the analyzer. */
  public static KnowledgeBase load() {
    try (InputStream in = KnowledgeBase.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("knowledge base resource missing: " + RESOURCE);
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read knowledge base " + RESOURCE, e);
    }
  }

  /**
   * Parses a table. A function listed under two classes, or an unknown class name, is an error:
   * every entry is classified exactly once.
   */
  public static KnowledgeBase parse(InputStream in) throws IOException {
    JsonNode root = JsonTree.read(in);
    JsonNode classes = root.path("classes");
    if (!classes.isObject()) {
      throw new IllegalArgumentException("knowledge base: missing \"classes\" object");
    }
    Map<String, FunctionClass> byName = new LinkedHashMap<>();
    Map<FunctionClass, String> descriptions = new EnumMap<>(FunctionClass.class);
    readClasses(classes, byName, descriptions);
    Set<String> conditional = names(root.path("exitsWhenFirstArgumentIsNonZero"));
    requireClassified(conditional, byName, "exits conditionally");
    Map<String, Integer> pids = table(root.path("pidArguments"), JsonNode::asInt);
    Map<String, MinusOnePid> minusOne =
        table(root.path("minusOnePid"), n -> MinusOnePid.valueOf(n.asText()));
    for (String name : minusOne.keySet()) {
      if (!pids.containsKey(name)) {
        throw new IllegalArgumentException(
            "knowledge base: " + name + " has a minusOnePid but no pidArgument");
      }
    }
    Map<String, HandlerArgument> installers =
        table(
            root.path("signalHandlerArguments"),
            n ->
                new HandlerArgument(
                    n.path("index").asInt(), HandlerForm.valueOf(n.path("form").asText())));
    requireClassified(installers.keySet(), byName, "installs handlers");
    Set<String> stackAllocators = names(root.path("stackAllocators"));
    requireClassified(stackAllocators, byName, "allocates on the stack");
    Signals signals =
        new Signals(
            installers,
            names(root.path("signalDispositions")),
            names(root.path("sigactionHandlerFields")));
    JsonNode aliases = root.path("internalAliases");
    Extras extras =
        new Extras(
            minusOne,
            table(root.path("safeReplacements"), JsonNode::asText),
            names(root.path("perProcessState")),
            signals,
            new Aliases(list(aliases.path("prefixes")), list(aliases.path("suffixes"))),
            stackAllocators,
            names(root.path("returnsFirstArgument")),
            failureReturns(root.path("failureReturns"), byName),
            table(root.path("failureConstants"), JsonNode::asLong));
    return new KnowledgeBase(
        byName, descriptions, conditional, pids, names(root.path("waitsForOthers")), extras);
  }

  /** Every function under exactly one class; an unknown class or a second listing is an error. */
  private static void readClasses(
      JsonNode classes,
      Map<String, FunctionClass> byName,
      Map<FunctionClass, String> descriptions) {
    for (Map.Entry<String, JsonNode> entry : classes.properties()) {
      FunctionClass cls;
      try {
        cls = FunctionClass.valueOf(entry.getKey());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("knowledge base: unknown class " + entry.getKey(), e);
      }
      descriptions.put(cls, entry.getValue().path("description").asText(""));
      for (JsonNode fn : entry.getValue().path("functions")) {
        String name = fn.asText();
        FunctionClass previous = byName.putIfAbsent(name, cls);
        if (previous != null) {
          throw new IllegalArgumentException(
              "knowledge base: " + name + " is listed under both " + previous + " and " + cls);
        }
      }
    }
  }

  /** {@code failureReturns}: each convention's functions; each must be classified, once. */
  private static Map<String, FailureReturn> failureReturns(
      JsonNode table, Map<String, FunctionClass> byName) {
    Map<String, FailureReturn> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : table.properties()) {
      FailureReturn convention;
      try {
        convention = FailureReturn.valueOf(e.getKey());
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(
            "knowledge base: unknown failure convention " + e.getKey(), ex);
      }
      Set<String> names = names(e.getValue());
      requireClassified(names, byName, "reports failure");
      for (String name : names) {
        if (out.putIfAbsent(name, convention) != null) {
          throw new IllegalArgumentException(
              "knowledge base: " + name + " has two failure conventions");
        }
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** The strings of a JSON array, in file order. */
  private static List<String> list(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }

  /** The names of a JSON array, sorted. */
  private static Set<String> names(JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(n -> out.add(n.asText()));
    return Set.copyOf(out);
  }

  /** A JSON object as a map from its keys to their read values, in file order. */
  private static <V> Map<String, V> table(JsonNode object, Function<JsonNode, V> read) {
    Map<String, V> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      out.put(e.getKey(), read.apply(e.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  private static void requireClassified(
      Set<String> names, Map<String, FunctionClass> byName, String what) {
    for (String name : names) {
      if (!byName.containsKey(name)) {
        throw new IllegalArgumentException(
            "knowledge base: " + name + " " + what + " but has no class");
      }
    }
  }

  /**
   * A copy in which the given functions are known to be safe in a vfork child (the user's {@code
   * --assume-safe}); functions the table already classifies keep their class.
   */
  public KnowledgeBase withAssumedSafe(Set<String> names) {
    Map<String, FunctionClass> copy = new LinkedHashMap<>(byName);
    for (String n : names) {
      copy.putIfAbsent(n, FunctionClass.SAFE_EXTRA);
    }
    return new KnowledgeBase(
        copy, descriptions, conditionalExit, pidArguments, waitsForOthers, extras);
  }

  /** A copy that no longer knows these names (a project redefines them as its own macros). */
  public KnowledgeBase without(Set<String> names) {
    Map<String, FunctionClass> copy = new LinkedHashMap<>(byName);
    copy.keySet().removeAll(names);
    Set<String> conditional = new TreeSet<>(conditionalExit);
    conditional.removeAll(names);
    return new KnowledgeBase(copy, descriptions, conditional, pidArguments, waitsForOthers, extras);
  }

  /**
   * How the function reports failure in its return value ({@code dup2}: -1), through its public
   * name for internal aliases; empty when the table does not say.
   */
  public Optional<FailureReturn> failureReturn(String name) {
    if (name == null) {
      return Optional.empty();
    }
    FailureReturn r = extras.failureReturns().get(name);
    return Optional.ofNullable(r != null ? r : extras.failureReturns().get(publicName(name)));
  }

  /**
   * The value of a macro that failed calls are compared with ({@code SIG_ERR}: -1), for code read
   * without the system headers; empty for other names.
   */
  public Optional<Long> failureConstant(String name) {
    return Optional.ofNullable(name == null ? null : extras.failureConstants().get(name));
  }

  /** True for calls that block until another process acts (read on a pipe, waitpid, pause, ...). */
  public boolean waitsForOthers(String name) {
    return name != null && waitsForOthers.contains(name);
  }

  /**
   * The class of a function, by the name it is called with; empty when the function is not known.
   */
  public Optional<FunctionClass> classify(String name) {
    FunctionClass cls = byName.get(name);
    return Optional.ofNullable(cls != null ? cls : byName.get(publicName(name)));
  }

  /**
   * The public function a compiler builtin or a C library's internal name stands for ({@code
   * __builtin_alloca}: {@code alloca}; {@code __libc_sigaction}: {@code sigaction}; {@code
   * __close_nocancel}: {@code close}), or the name itself.
   */
  public String publicName(String name) {
    if (name.startsWith(BUILTIN_PREFIX)
        && byName.containsKey(name.substring(BUILTIN_PREFIX.length()))) {
      return name.substring(BUILTIN_PREFIX.length());
    }
    for (String prefix : extras.aliases().prefixes()) {
      String bare = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
      for (String suffix : extras.aliases().suffixes()) {
        String stem =
            bare.endsWith(suffix) ? bare.substring(0, bare.length() - suffix.length()) : bare;
        if (!stem.isEmpty() && !stem.equals(name) && byName.containsKey(stem)) {
          return stem;
        }
      }
      if (!bare.isEmpty() && !bare.equals(name) && byName.containsKey(bare)) {
        return bare;
      }
    }
    return name;
  }

  /**
   * The class of one call, given the value of its first argument when that is a constant (else
   * null). A function like glibc's {@code error(status, ...)} behaves as {@link FunctionClass#EXIT}
   * unless the status is known to be 0.
   */
  public Optional<FunctionClass> classifyCall(String name, Long firstArgument) {
    if (conditionalExit.contains(name) && (firstArgument == null || firstArgument != 0)) {
      return Optional.of(FunctionClass.EXIT);
    }
    return classify(name);
  }

  /**
   * True when a call never returns: the class says so, or it exits on a constant non-zero first
   * argument.
   */
  public boolean isNoReturnCall(String name, Long firstArgument) {
    if (conditionalExit.contains(name)) {
      return firstArgument != null && firstArgument != 0;
    }
    return isNoReturn(name);
  }

  /** True when the name is known and belongs to {@code cls}. */
  public boolean is(String name, FunctionClass cls) {
    return classify(name).orElse(null) == cls;
  }

  /** True when a call to the named function never returns. */
  public boolean isNoReturn(String name) {
    return classify(name).map(FunctionClass::noReturn).orElse(false);
  }

  /** All function names of one class, sorted. */
  public Set<String> functionsOf(FunctionClass cls) {
    Set<String> out = new TreeSet<>();
    byName.forEach(
        (name, c) -> {
          if (c == cls) {
            out.add(name);
          }
        });
    return out;
  }

  /** Every known function name with its class, in file order. */
  public Map<String, FunctionClass> all() {
    return byName;
  }

  /** The table's one-line description of a class. */
  public String describe(FunctionClass cls) {
    return descriptions.getOrDefault(cls, "");
  }
}
