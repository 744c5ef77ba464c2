package org.repcon.transport;

import java.util.Optional;

/**
 * A long-running command (a log follow: {@code tail -F}) whose stdout is handed over line by line until it ends
 * by itself or is closed. Closing stops it completely: the local process and, over ssh, the command on the host.
 */
public interface Follow extends AutoCloseable {

    /** The command still runs and {@link #close()} was not called. */
    boolean running();

    /**
     * Why it ended by itself, in one line ("exit 1: tail: cannot open 'x'", "ssh to mx1 failed: ..."); empty
     * while it runs and after {@link #close()}.
     */
    Optional<String> ended();

    /** Stops the command and waits briefly for it; no line is handed over after this returns. Idempotent. */
    @Override
    void close();
}
