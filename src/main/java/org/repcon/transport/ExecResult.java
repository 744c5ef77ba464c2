package org.repcon.transport;

import java.time.Duration;
import java.util.List;

/**
 * What a command did.
 *
 * @param exitCode the process's exit status; 127 when it could not be started
 * @param timedOut the timeout passed and the process was killed (exitCode is then the kill's status, or -1)
 * @param truncated stdout or stderr was longer than the bound and was cut
 * @param connectionFailed the host could not be reached or the connection broke (ssh's own exit 255): the command
 *                         did not run, or its outcome is unknown; stderr then holds one line saying why
 */
public record ExecResult(List<String> argv, int exitCode, String stdout, String stderr, boolean timedOut,
                         boolean truncated, Duration elapsed, boolean connectionFailed) {

    /** ssh's exit status when ssh itself failed, rather than the remote command. */
    public static final int SSH_FAILED = 255;

    public ExecResult {
        argv = List.copyOf(argv);
    }

    /** A command that ran (or could not start) on a host that was reached. */
    public ExecResult(List<String> argv, int exitCode, String stdout, String stderr, boolean timedOut, boolean truncated,
                      Duration elapsed) {
        this(argv, exitCode, stdout, stderr, timedOut, truncated, elapsed, false);
    }

    /** The command could not be sent: {@code reason} is one line such as "ssh to mx1 failed: Connection refused". */
    public static ExecResult unreachable(List<String> argv, String reason, Duration elapsed) {
        return new ExecResult(argv, SSH_FAILED, "", reason, false, false, elapsed, true);
    }

    /** Exited by itself with status 0. */
    public boolean ok() {
        return !timedOut && !connectionFailed && exitCode == 0;
    }

    /** One line for a log or an error message: the command, how it ended and the first line of stderr. */
    public String summary() {
        String err = stderr.strip();
        int nl = err.indexOf('\n');
        if (nl >= 0) err = err.substring(0, nl);
        if (connectionFailed) return String.join(" ", argv) + ": " + err;
        String how = timedOut ? "timed out after " + elapsed.toMillis() + " ms" : "exit " + exitCode;
        return String.join(" ", argv) + ": " + how + (err.isEmpty() ? "" : ": " + err);
    }
}
