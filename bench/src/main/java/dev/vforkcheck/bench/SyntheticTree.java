package dev.vforkcheck.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a synthetic C tree of a given size: ordinary C (structs, loops, string and list helpers,
 * error handling through a die() helper, headers with macros and prototypes) with spawn code mixed
 * in at a fixed rate (a vfork child that execs, a fork child that calls a helper, a child that
 * prints before exec). The same seed gives the same tree.
 *
 * <p>{@code SyntheticTree DIR LINES [SEED]}
 */
public final class SyntheticTree {
  /** Every how many functions one spawns. */
  static final int SPAWN_EVERY = 40;

  private final Random random;
  private int functions;
  private int spawns;

  SyntheticTree(long seed) {
    this.random = new Random(seed);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: SyntheticTree DIR LINES [SEED]");
      System.exit(2);
    }
    SyntheticTree t = new SyntheticTree(args.length > 2 ? Long.parseLong(args[2]) : 1);
    long lines = t.write(Path.of(args[0]), Long.parseLong(args[1]));
    System.out.printf(
        Locale.ROOT,
        "wrote %d lines, %d functions, %d spawn sites under %s%n",
        lines,
        t.functions,
        t.spawns,
        args[0]);
  }

  /** The number of spawn sites written so far. */
  int spawns() {
    return spawns;
  }

  /** Writes at least {@code lines} lines of C under {@code dir}; returns the lines written. */
  long write(Path dir, long lines) throws IOException {
    Files.createDirectories(dir.resolve("include"));
    Files.writeString(dir.resolve("include/util.h"), header(), StandardCharsets.UTF_8);
    long written = header().lines().count();
    Files.writeString(dir.resolve("util.c"), util(), StandardCharsets.UTF_8);
    written += util().lines().count();
    for (int file = 0; written < lines; file++) {
      Path sub = dir.resolve("mod" + (file / 50));
      Files.createDirectories(sub);
      String text = sourceFile(file);
      Files.writeString(sub.resolve("file" + file + ".c"), text, StandardCharsets.UTF_8);
      written += text.lines().count();
    }
    return written;
  }

  private static String header() {
    return """
        #ifndef UTIL_H
        #define UTIL_H
        #include <stddef.h>
        #include <sys/types.h>
        #define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
        #define MAX(a, b) ((a) > (b) ? (a) : (b))
        struct item { int key; char name[32]; struct item *next; };
        void die(const char *what) __attribute__((noreturn));
        void *xmalloc(size_t n);
        int list_len(const struct item *head);
        #endif
        """;
  }

  private static String util() {
    return """
        #include <stdio.h>
        #include <stdlib.h>
        #include "util.h"

        void die(const char *what)
        {
        \tperror(what);
        \texit(1);
        }

        void *xmalloc(size_t n)
        {
        \tvoid *p = malloc(n);

        \tif (!p)
        \t\tdie("malloc");
        \treturn p;
        }

        int list_len(const struct item *head)
        {
        \tint n = 0;

        \tfor (; head; head = head->next)
        \t\tn++;
        \treturn n;
        }
        """;
  }

  private String sourceFile(int file) {
    StringBuilder sb = new StringBuilder();
    sb.append("#include <stdio.h>\n#include <string.h>\n#include <unistd.h>\n")
        .append("#include <sys/wait.h>\n#include \"../include/util.h\"\n\n")
        .append("static int counter_")
        .append(file)
        .append(";\n\n");
    int n = 8 + random.nextInt(8);
    for (int i = 0; i < n; i++) {
      String name = "f" + file + "_" + i;
      functions++;
      if (functions % SPAWN_EVERY == 0) {
        spawn(sb, name, spawns++ % 3);
      } else {
        ordinary(sb, name, file);
      }
    }
    return sb.toString();
  }

  private void ordinary(StringBuilder sb, String name, int file) {
    int loops = 1 + random.nextInt(3);
    sb.append("int ").append(name).append("(struct item *head, const char *s, int n)\n{\n");
    sb.append("\tint total = 0;\n\tsize_t len = strlen(s);\n\n");
    for (int l = 0; l < loops; l++) {
      sb.append("\tfor (int i = 0; i < n; i++) {\n")
          .append("\t\tif (head && head->key == i)\n\t\t\ttotal += (int)len;\n")
          .append("\t\telse if (i % ")
          .append(2 + random.nextInt(5))
          .append(" == 0)\n\t\t\ttotal -= MAX(i, ")
          .append(random.nextInt(9))
          .append(");\n\t\tcounter_")
          .append(file)
          .append("++;\n\t}\n");
    }
    sb.append("\tswitch (total & 3) {\n\tcase 0:\n\t\ttotal += list_len(head);\n\t\tbreak;\n")
        .append("\tcase 1:\n\t\tif (total < 0)\n\t\t\tdie(s);\n\t\tbreak;\n")
        .append("\tdefault:\n\t\tbreak;\n\t}\n\treturn total;\n}\n\n");
  }

  private static void spawn(StringBuilder sb, String name, int kind) {
    sb.append("pid_t ").append(name).append("(char **argv, int fd)\n{\n");
    switch (kind) {
      case 0 ->
          sb.append("\tpid_t pid = vfork();\n\n\tif (pid == 0) {\n")
              .append("\t\tif (dup2(fd, 1) < 0)\n\t\t\t_exit(126);\n")
              .append("\t\texecvp(argv[0], argv);\n\t\t_exit(127);\n\t}\n");
      case 1 ->
          sb.append("\tpid_t pid = fork();\n\n\tif (pid < 0)\n\t\tdie(\"fork\");\n")
              .append("\tif (pid == 0) {\n\t\tchar *buf = xmalloc(64);\n\n")
              .append("\t\tsnprintf(buf, 64, \"%d\", fd);\n\t\texecvp(argv[0], argv);\n")
              .append("\t\t_exit(127);\n\t}\n");
      default ->
          sb.append("\tpid_t pid = vfork();\n\n\tif (pid == 0) {\n")
              .append("\t\tprintf(\"running %s\\n\", argv[0]);\n")
              .append("\t\texecvp(argv[0], argv);\n\t\tdie(argv[0]);\n\t}\n");
    }
    sb.append("\treturn pid;\n}\n\n");
  }
}
