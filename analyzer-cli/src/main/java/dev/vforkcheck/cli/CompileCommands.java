package dev.vforkcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vforkcheck.frontend.ParseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON compilation database ({@code compile_commands.json}, written by CMake, Bear or meson): for
 * each listed file, the preprocessor flags of its compile command. Each entry's {@code arguments}
 * (or its {@code command}, split as a POSIX shell splits words) is read for {@code -I}, {@code
 * -isystem}, {@code -iquote}, {@code -D}, {@code -U} and {@code -include}; relative paths are
 * relative to the entry's {@code directory}. Nothing in it is ever executed.
 */
final class CompileCommands {
  private CompileCommands() {}

  /** The database {@code fileOrDir} names (a folder means its compile_commands.json). */
  static Path locate(Path fileOrDir) {
    return Files.isDirectory(fileOrDir) ? fileOrDir.resolve("compile_commands.json") : fileOrDir;
  }

  /**
   * Options per listed file (absolute, normalized): {@code base} plus each entry's flags; a file
   * listed with two different flag sets gets two.
   */
  static Map<Path, List<ParseOptions>> read(Path database, ParseOptions base) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(database.toFile());
    } catch (IOException e) {
      throw new IOException(
          database
              + ": not a readable JSON compilation database: "
              + e.getMessage().lines().findFirst().orElse(""),
          e);
    }
    if (root == null || !root.isArray()) {
      throw new IOException(database + ": a compilation database is a JSON array of entries");
    }
    Map<Path, Set<ParseOptions>> out = new LinkedHashMap<>();
    int index = 0;
    for (JsonNode entry : root) {
      index++;
      String dir = entry.path("directory").asText("");
      String file = entry.path("file").asText("");
      if (file.isEmpty()) {
        throw new IOException(database + ": entry " + index + " has no \"file\"");
      }
      // "directory" is absolute in the databases build tools write; a relative one is taken
      // relative to the database's own folder
      Path dbDir = database.toAbsolutePath().normalize().getParent();
      Path directory = dir.isEmpty() ? dbDir : dbDir.resolve(dir).normalize();
      List<String> args = new ArrayList<>();
      if (entry.has("arguments")) {
        entry.path("arguments").forEach(a -> args.add(a.asText()));
      } else if (entry.has("command")) {
        args.addAll(splitShell(entry.path("command").asText()));
      } else {
        throw new IOException(
            database + ": entry " + index + " has neither \"arguments\" nor \"command\"");
      }
      Path source = directory.resolve(file).toAbsolutePath().normalize();
      out.computeIfAbsent(source, k -> new LinkedHashSet<>()).add(flags(args, directory, base));
    }
    Map<Path, List<ParseOptions>> result = new LinkedHashMap<>();
    out.forEach((k, v) -> result.put(k, List.copyOf(v)));
    return result;
  }

  /** The preprocessor flags of one command line, on top of {@code base}. */
  static ParseOptions flags(List<String> args, Path directory, ParseOptions base) {
    Map<String, String> defines = new LinkedHashMap<>();
    Set<String> undefines = new LinkedHashSet<>();
    List<Path> includes = new ArrayList<>();
    List<Path> system = new ArrayList<>();
    List<Path> pre = new ArrayList<>();
    for (int i = 1; i < args.size(); i++) {
      String a = args.get(i);
      String value;
      if ((value = valueOf(args, i, a, "-I")) != null) {
        includes.add(directory.resolve(value).normalize());
      } else if ((value = valueOf(args, i, a, "-iquote")) != null) {
        includes.add(directory.resolve(value).normalize());
      } else if ((value = valueOf(args, i, a, "-isystem")) != null
          || (value = valueOf(args, i, a, "-idirafter")) != null) {
        system.add(directory.resolve(value).normalize());
      } else if ((value = valueOf(args, i, a, "-include")) != null) {
        pre.add(directory.resolve(value).normalize());
      } else if ((value = valueOf(args, i, a, "-D")) != null) {
        int eq = value.indexOf('=');
        String name = eq < 0 ? value : value.substring(0, eq);
        defines.put(name, eq < 0 ? "1" : value.substring(eq + 1));
        undefines.remove(name);
      } else if ((value = valueOf(args, i, a, "-U")) != null) {
        defines.remove(value);
        undefines.add(value);
      } else {
        continue;
      }
      if (a.equals("-I")
          || a.equals("-D")
          || a.equals("-U")
          || a.equals("-isystem")
          || a.equals("-include")
          || a.equals("-iquote")
          || a.equals("-idirafter")) {
        i++; // the value was the next word
      }
    }
    ParseOptions withDefines = base.withDefines(defines).withUndefines(undefines);
    return withDefines.withIncludes(includes, system, pre);
  }

  private static String valueOf(List<String> args, int i, String arg, String flag) {
    if (arg.equals(flag)) {
      return i + 1 < args.size() ? args.get(i + 1) : null;
    }
    if (arg.startsWith(flag) && arg.length() > flag.length()) {
      return arg.substring(flag.length()); // joined: -Iinc, -DX=1, -isystemsys, -includeconfig.h
    }
    return null;
  }

  /**
   * Splits a command line into words as a POSIX shell does (quotes and backslashes; no expansion).
   */
  static List<String> splitShell(String command) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (c == '\'') {
        int end = command.indexOf('\'', i + 1);
        end = end < 0 ? command.length() : end;
        word.append(command, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '"') {
        i++;
        while (i < command.length() && command.charAt(i) != '"') {
          char d = command.charAt(i);
          if (d == '\\' && i + 1 < command.length() && command.charAt(i + 1) == '\n') {
            i += 2; // a line continuation disappears
            continue;
          }
          if (d == '\\'
              && i + 1 < command.length()
              && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
            d = command.charAt(++i);
          }
          word.append(d);
          i++;
        }
        inWord = true;
      } else if (c == '\\' && i + 1 < command.length() && command.charAt(i + 1) == '\n') {
        i++; // a line continuation: neither a character nor a word break
      } else if (c == '\\' && i + 1 < command.length()) {
        word.append(command.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      out.add(word.toString());
    }
    return out;
  }
}
