package org.repcon.action;

import java.time.Duration;
import org.repcon.probe.ProbeOptions;

/**
 * How long actions wait: for a connection, for a service to come up or go away, for a link to come up,
 * for a full sync to finish. Tests shorten them; operators keep the defaults.
 *
 * @param stopGrace stunnel: SIGTERM to SIGKILL; a redis-server: how much longer than its shutdown-timeout and its
 *                  save repcon waits before asking whether to kill it (it never kills one unasked)
 */
public record Limits(Duration connectTimeout, Duration readTimeout, Duration serviceWait, Duration stopGrace,
                     Duration linkWait, Duration syncWait, Duration poll) {

    public static Limits defaults() {
        return new Limits(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(15), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMillis(100));
    }

    public Limits withTimeouts(Duration connect, Duration read) {
        return new Limits(connect, read, serviceWait, stopGrace, linkWait, syncWait, poll);
    }

    ProbeOptions probeOptions() {
        return ProbeOptions.defaults().withConnectTimeout(connectTimeout).withReadTimeout(readTimeout);
    }
}
