package org.repcon.util;

/**
 * An error the user can act on: its message is printed as one line, its exit code returned.
 * Everything else that escapes is a bug and is reported as such by the CLI's one handler.
 */
public class RepconException extends RuntimeException {

    /** Bad input: an invalid topology file, an unknown host, a malformed command. */
    public static final int INVALID_INPUT = 2;
    /** The input was fine but the work failed: a service did not start, a host did not answer. */
    public static final int FAILED = 1;

    private final int exitCode;

    public RepconException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public RepconException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static RepconException invalid(String message) {
        return new RepconException(message, INVALID_INPUT);
    }

    public static RepconException failed(String message) {
        return new RepconException(message, FAILED);
    }

    public static RepconException failed(String message, Throwable cause) {
        return new RepconException(message, FAILED, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
