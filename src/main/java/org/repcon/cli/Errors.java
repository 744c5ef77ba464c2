package org.repcon.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.logging.Level;
import org.repcon.topology.TopologyException;
import org.repcon.util.Log;
import org.repcon.util.RepconException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place that turns failures into exit codes and one-line messages. Stack traces go to the
 * log file, and to the screen only with {@code --verbose}.
 */
final class Errors implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** Exit code for a bug in repcon itself (an exception nobody meant to throw). */
    static final int INTERNAL = 70;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean verbose = Main.verbose(parseResult);
        if (ex instanceof TopologyException te) {
            te.problems().forEach(p -> err.println(p));
            err.flush();
            return te.exitCode();
        }
        if (ex instanceof RepconException re) {
            Log.get(Errors.class).log(Level.INFO, re.getMessage(), re);
            err.println("repcon: " + re.getMessage());
            if (verbose) re.printStackTrace(err);
            err.flush();
            return re.exitCode();
        }
        Log.get(Errors.class).log(Level.SEVERE, "internal error", ex);
        err.println("repcon: internal error: " + ex + " (details in " + Log.file() + ")");
        if (verbose) ex.printStackTrace(err);
        err.flush();
        return INTERNAL;
    }

    /** A usage mistake: one line with picocli's reason, its did-you-mean, and where help is. */
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String reason = String.valueOf(ex.getMessage()).replaceAll("\\s+", " ").strip();
        List<String> suggestions = ex instanceof UnmatchedArgumentException u ? u.getSuggestions() : List.of();
        String meant = suggestions.isEmpty() ? "" : " (did you mean '" + suggestions.get(0) + "'?)";
        err.println("repcon: " + reason + meant + "; see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return RepconException.INVALID_INPUT;
    }
}
