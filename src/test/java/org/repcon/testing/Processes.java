package org.repcon.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Ending the processes a test started itself (a daemon's own, or a server's forked children with it). */
public final class Processes {

    private Processes() {}

    /**
     * SIGKILL to the process and everything it forked (which SIGKILL also ends when stopped), then up to
     * {@code wait} for it to exit; whether it did.
     */
    public static boolean killTree(Process p, Duration wait) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            return p.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
