package dev.vforkcheck.corpus;

import dev.vforkcheck.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in process. */
final class Cli {
  record Run(int code, String out, String err) {}

  private Cli() {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }
}
