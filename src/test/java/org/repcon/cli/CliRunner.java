package org.repcon.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code repcon} in-process, as the launcher would, capturing what it prints. */
public final class CliRunner {

    /** What one run returned and printed. */
    public record Result(int exitCode, String out, String err) {

        /** The first line printed on stderr, or "" when nothing was. */
        public String firstErrLine() {
            return err.lines().findFirst().orElse("");
        }
    }

    private CliRunner() {}

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(args);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
