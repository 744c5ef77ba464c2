package org.repcon.transport;

import java.time.Duration;
import java.util.List;

/**
 * What a command did.
 *
 * @param exitCode the process's exit status; 127 when it could not be started
 * @param timedOut the timeout passed and the process was killed (exitCode is then the kill's status, or -1)
 * @param truncated stdout or stderr was longer than the bound and was cut
 */
public record ExecResult(List<String> argv, int exitCode, String stdout, String stderr, boolean timedOut,
                         boolean truncated, Duration elapsed) {

    public ExecResult {
        argv = List.copyOf(argv);
    }

    /** Exited by itself with status 0. */
    public boolean ok() {
        return !timedOut && exitCode == 0;
    }

    /** One line for a log or an error message: the command, how it ended and the first line of stderr. */
    public String summary() {
        String how = timedOut ? "timed out after " + elapsed.toMillis() + " ms" : "exit " + exitCode;
        String err = stderr.strip();
        int nl = err.indexOf('\n');
        if (nl >= 0) err = err.substring(0, nl);
        return String.join(" ", argv) + ": " + how + (err.isEmpty() ? "" : ": " + err);
    }
}
