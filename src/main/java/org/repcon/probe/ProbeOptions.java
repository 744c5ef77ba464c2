package org.repcon.probe;

import java.time.Duration;

/**
 * How the prober probes.
 *
 * @param connectTimeout a TCP connect that takes longer fails (a blackholed host or forward)
 * @param readTimeout a reply that takes longer fails (a frozen process): about 1 s, so a frozen instance or
 *                    tunnel shows within 2 s, long before Redis's own 60 s repl-timeout
 * @param interval the background refresh period, and the unit of the backoff after failures
 * @param maxBackoff the longest a failing target waits between attempts; low, so a restart shows quickly
 * @param parallelism threads probing healthy targets at once (2-core machines: more only adds switching)
 * @param serverTunnelInterval how often a tunnel's server end is probed while its client ends answer (each
 *                             probe writes an error line to the master's stunnel log; see TunnelProbe)
 * @param heartbeatWrites whether the heartbeat may be written into masters, where the topology turns it on; off under
 *                        --read-only (a read-only console writes nothing; replicas are still read)
 */
public record ProbeOptions(Duration connectTimeout, Duration readTimeout, Duration interval, Duration maxBackoff,
                           int parallelism, Duration serverTunnelInterval, boolean heartbeatWrites) {

    public ProbeOptions {
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("readTimeout", readTimeout);
        requirePositive("interval", interval);
        if (maxBackoff.isNegative()) throw new IllegalArgumentException("maxBackoff must not be negative");
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1");
        if (serverTunnelInterval.isNegative()) throw new IllegalArgumentException("serverTunnelInterval must not be negative");
    }

    public static ProbeOptions defaults() {
        return new ProbeOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5), 16,
                Duration.ofSeconds(30), true);
    }

    public ProbeOptions withConnectTimeout(Duration d) {
        return new ProbeOptions(d, readTimeout, interval, maxBackoff, parallelism, serverTunnelInterval, heartbeatWrites);
    }

    public ProbeOptions withReadTimeout(Duration d) {
        return new ProbeOptions(connectTimeout, d, interval, maxBackoff, parallelism, serverTunnelInterval, heartbeatWrites);
    }

    public ProbeOptions withInterval(Duration d) {
        return new ProbeOptions(connectTimeout, readTimeout, d, maxBackoff, parallelism, serverTunnelInterval, heartbeatWrites);
    }

    public ProbeOptions withParallelism(int n) {
        return new ProbeOptions(connectTimeout, readTimeout, interval, maxBackoff, n, serverTunnelInterval, heartbeatWrites);
    }

    public ProbeOptions withHeartbeatWrites(boolean writes) {
        return new ProbeOptions(connectTimeout, readTimeout, interval, maxBackoff, parallelism, serverTunnelInterval, writes);
    }

    /** How long a refresh waits for answers: one connect and one reply, plus a margin for scheduling. */
    Duration refreshBudget() {
        return connectTimeout.plus(readTimeout).plusMillis(250);
    }

    /**
     * How long after an attempt a target with {@code failures} consecutive failures is tried again: the next
     * refresh after one failure (it may have been a blip), then doubling from two intervals up to maxBackoff.
     */
    long backoffNanos(int failures) {
        if (failures <= 1) return 0;
        long delay = interval.toNanos() << Math.min(failures - 1, 20);
        return Math.min(delay, Math.max(interval.toNanos(), maxBackoff.toNanos()));
    }

    private static void requirePositive(String name, Duration d) {
        if (d.isZero() || d.isNegative()) throw new IllegalArgumentException(name + " must be positive");
    }
}
