package dev.vforkcheck.engine;

import dev.vforkcheck.frontend.ConfigurationFinder;
import dev.vforkcheck.frontend.FileFacts;
import dev.vforkcheck.frontend.FrontEnd;
import dev.vforkcheck.frontend.FunctionFacts;
import dev.vforkcheck.frontend.ParseOptions;
import dev.vforkcheck.frontend.SourceText;
import dev.vforkcheck.frontend.Variant;
import dev.vforkcheck.model.Diagnostic;
import dev.vforkcheck.model.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Pass 1: reads and parses every file of the tree in each configuration worth analyzing (each flag
 * set the compilation database lists for it, each configuration that takes an inactive branch with
 * spawn code, each named configuration), keeping only facts, never an AST. Problems with a file
 * become diagnostics of that file; nothing here throws for them.
 */
final class FileParser {
  private static final Pattern INCLUDED_SOURCE =
      Pattern.compile("(?m)^[ \\t]*#[ \\t]*include[ \\t]*[\"<]([^\">]+\\.c)[\">]");

  private final ScanConfig config;
  private final Function<Path, String> displayPath;
  private final Parallel parallel;

  /**
   * @param displayPath the path a file's facts and diagnostics show
   */
  FileParser(ScanConfig config, Function<Path, String> displayPath, Parallel parallel) {
    this.config = config;
    this.displayPath = displayPath;
    this.parallel = parallel;
  }

  /** One more configuration of a file to parse in pass 1. */
  private record Job(
      int fileIndex,
      Path file,
      FrontEnd frontEnd,
      Variant variant,
      String name,
      boolean translationUnit) {}

  /** A file's own configurations, parsed, and the extra ones it asks for. */
  private record FirstPass(List<Parsed> parsed, List<Job> jobs) {}

  /**
   * Pass 1 over the tree: per file (in order), its configurations parsed, the default one first.
   */
  List<List<Parsed>> parseTree(List<Path> files, FrontEnds fronts) {
    Set<Path> includedSources = includedSources(files);
    // every file's own configurations (biggest files first, for an even load on the cores), then
    // the extra configurations they ask for, as separate tasks
    List<Integer> indices = IntStream.range(0, files.size()).boxed().toList();
    List<FirstPass> first =
        parallel.map(
            indices,
            i ->
                parseConfigurations(
                    i,
                    files.get(i),
                    fronts,
                    !includedSources.contains(files.get(i).toAbsolutePath().normalize())),
            i -> sizeOf(files.get(i)));
    List<Job> jobs = new ArrayList<>();
    first.forEach(fp -> jobs.addAll(fp.jobs()));
    List<Parsed> extra =
        parallel.map(
            jobs,
            j -> parse(j.file(), j.frontEnd(), j.variant(), j.name(), j.translationUnit()),
            j -> sizeOf(j.file()));
    List<List<Parsed>> parsed = new ArrayList<>();
    first.forEach(fp -> parsed.add(new ArrayList<>(fp.parsed())));
    for (int i = 0; i < jobs.size(); i++) {
      parsed.get(jobs.get(i).fileIndex()).add(extra.get(i));
    }
    return parsed;
  }

  /**
   * Functions that exist only in another configuration of their file (defined under {@code #if
   * !BB_MMU} next to the vfork that calls them), as extra facts for the summaries: the default
   * configuration's functions win where both define one.
   */
  static List<FileFacts> onlyInOtherConfigurations(List<List<Parsed>> parsed) {
    List<FileFacts> out = new ArrayList<>();
    for (List<Parsed> ps : parsed) {
      if (ps.size() < 2) {
        continue;
      }
      Set<String> have = new HashSet<>();
      ps.get(0).facts().functions().forEach(f -> have.add(f.name()));
      for (Parsed other : ps.subList(1, ps.size())) {
        List<FunctionFacts> extra =
            other.facts().functions().stream().filter(f -> have.add(f.name())).toList();
        if (!extra.isEmpty() || !other.facts().noReturnDecls().isEmpty()) {
          out.add(
              new FileFacts(
                  other.facts().path(),
                  0,
                  extra,
                  Set.of(),
                  other.facts().noReturnDecls(),
                  List.of()));
        }
      }
    }
    return out;
  }

  /**
   * The scanned {@code .c} files that another scanned file {@code #include}s (a unity build such as
   * git's compat/regex/regex.c including regcomp.c): they are not translation units of their own.
   */
  private static Set<Path> includedSources(List<Path> files) {
    Map<String, List<Path>> byName = new HashMap<>();
    for (Path f : files) {
      Path abs = f.toAbsolutePath().normalize();
      byName.computeIfAbsent(abs.getFileName().toString(), k -> new ArrayList<>()).add(abs);
    }
    Set<Path> out = new HashSet<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (!name.endsWith(".c")) {
        continue;
      }
      String text;
      try {
        text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      } catch (IOException | SecurityException e) {
        continue; // reported when pass 1 reads it
      }
      if (text.indexOf(".c\"") < 0 && text.indexOf(".c>") < 0) {
        continue;
      }
      Matcher m = INCLUDED_SOURCE.matcher(text);
      Path dir = f.toAbsolutePath().normalize().getParent();
      while (m.find()) {
        Path beside = dir.resolve(m.group(1)).normalize();
        if (Files.isRegularFile(beside)) {
          out.add(beside);
          continue;
        }
        String base = Path.of(m.group(1)).getFileName().toString();
        for (Path candidate : byName.getOrDefault(base, List.of())) {
          if (candidate.toString().replace('\\', '/').endsWith("/" + m.group(1))) {
            out.add(candidate);
          }
        }
      }
    }
    return out;
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException | SecurityException e) {
      return 0;
    }
  }

  /**
   * Pass 1 for one file in its own configurations (one per flag set of the compilation database,
   * the first being the file's default one), and the extra configurations it asks for as jobs: each
   * configuration that takes an inactive branch with spawn code, and each named configuration.
   */
  private FirstPass parseConfigurations(
      int index, Path file, FrontEnds fronts, boolean translationUnit) {
    Path abs = file.toAbsolutePath().normalize();
    List<ParseOptions> bases = config.perFile().getOrDefault(abs, List.of(config.parse()));
    List<Parsed> out = new ArrayList<>();
    List<Job> jobs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < bases.size(); i++) {
      ParseOptions base = bases.get(i);
      String baseName = i == 0 ? "" : flagSetName(bases.get(0), base, i);
      FrontEnd fe = fronts.of(base);
      Parsed primary = parse(file, fe, Variant.DEFAULT, baseName, translationUnit);
      seen.add(baseName);
      if (!primary.parsed()) {
        out.add(primary);
        return new FirstPass(out, jobs);
      }
      List<Variant> more = new ArrayList<>();
      List<Diagnostic> unsolved = new ArrayList<>();
      for (ConfigurationFinder.Candidate c : primary.facts().candidates()) {
        if (c.solved()) {
          more.add(c.variant());
        } else if (i == 0) {
          unsolved.add(notAnalyzed(primary.facts().path(), c));
        }
      }
      out.add(unsolved.isEmpty() ? primary : withDiagnostics(primary, unsolved));
      more.addAll(config.extraConfigurations());
      boolean reported = config.report().isEmpty() || config.report().contains(abs);
      for (Variant v : more) {
        String name = (baseName.isEmpty() ? "" : baseName + " ") + v.name();
        if (reported && seen.add(name)) {
          jobs.add(new Job(index, file, fe, v, name, translationUnit));
        }
      }
    }
    return new FirstPass(out, jobs);
  }

  /** Spawn code under a condition no configuration vforkcheck can make takes. */
  private static Diagnostic notAnalyzed(String path, ConfigurationFinder.Candidate c) {
    return new Diagnostic(
        Diagnostic.Kind.CONFIGURATION,
        Location.point(path, c.line(), 1),
        "spawn code under `"
            + c.condition()
            + "` is not analyzed: no choice of macros vforkcheck can make takes this branch;"
            + " select it with -D/-U to check it");
  }

  private static Parsed withDiagnostics(Parsed p, List<Diagnostic> more) {
    List<Diagnostic> d = new ArrayList<>(p.facts().diagnostics());
    d.addAll(more);
    return new Parsed(p.facts().withDiagnostics(d), p.source(), p.configuration());
  }

  /**
   * How a second flag set of the compilation database is named: its -D/-U that differ from the
   * first.
   */
  private static String flagSetName(ParseOptions first, ParseOptions other, int index) {
    Map<String, String> defs = new TreeMap<>(other.defines());
    first
        .defines()
        .forEach(
            (k, v) -> {
              if (v.equals(defs.get(k))) {
                defs.remove(k);
              }
            });
    Set<String> undefs = new TreeSet<>(other.undefines());
    undefs.removeAll(first.undefines());
    first.defines().keySet().stream()
        .filter(k -> !other.defines().containsKey(k))
        .forEach(undefs::add);
    String name = Variant.of(defs, undefs).name();
    return name.isEmpty() ? "compile command " + (index + 1) : name;
  }

  /**
   * Pass 1 for one file in one configuration: read, decode, parse, lower. Never throws for problems
   * with the file.
   */
  private Parsed parse(
      Path file,
      FrontEnd frontEnd,
      Variant variant,
      String configuration,
      boolean translationUnit) {
    String path = displayPath.apply(file);
    byte[] bytes;
    SourceFile source;
    try {
      source = SourceFile.before(file);
      bytes = Files.readAllBytes(file);
    } catch (IOException | SecurityException e) {
      return skipped(path, Diagnostic.Kind.UNREADABLE, "cannot read file: " + Failures.describe(e));
    }
    if (SourceText.looksBinary(bytes)) {
      return skipped(path, Diagnostic.Kind.BINARY, "binary file (contains NUL bytes), skipped");
    }
    if (isBlank(bytes)) {
      return skipped(path, Diagnostic.Kind.EMPTY, "empty file, nothing to analyze");
    }
    try {
      SourceText text = SourceText.decode(bytes);
      return new Parsed(
          frontEnd.parse(
              path,
              file.toAbsolutePath().normalize().toString(),
              text,
              variant,
              translationUnit && !file.getFileName().toString().endsWith(".h")),
          source.withHash(Fingerprints.sha256(bytes)),
          configuration);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return skipped(
          path,
          Diagnostic.Kind.INTERNAL,
          "the analyzer failed on this file and skipped it: "
              + Failures.describe(e)
              + " (please report this)");
    }
  }

  private static Parsed skipped(String path, Diagnostic.Kind kind, String message) {
    return new Parsed(
        FileFacts.skipped(path, List.of(new Diagnostic(kind, Location.point(path, 1, 1), message))),
        null);
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x0b) {
        return false;
      }
    }
    return true;
  }
}
