package org.repcon.probe;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.repcon.util.Log;

/**
 * One thing the prober probes (an instance or a tunnel end), with the state that keeps probes of it
 * from piling up: at most one in flight, a backoff after failures, a spacing for those probed sparingly. Thread-safe: claimed by the
 * refreshing thread, run on a probe thread.
 */
abstract class Target<R, S extends Sample<S>> {

    private static final Logger LOG = Log.get(Target.class);

    final R ref;
    /** "instance master/bayes" or "tunnel master/tunnel/bayes", for the log. */
    final String label;
    volatile boolean closed;

    private S last;
    /** Whether a snapshot has carried {@link #last} already: only a result none has shown is fresh. */
    private boolean shown;
    private boolean inFlight;
    private int failures;
    private long lastStartNanos;

    Target(String kind, R ref) {
        this.ref = ref;
        this.label = kind + " " + ref;
    }

    /** One probe, on a probe thread, bounded by the timeouts. Failures are samples, not exceptions. */
    abstract S probe();

    /** The sample for an exception that should not have escaped {@link #probe()}. */
    abstract S unexpected(long timeMs, RuntimeException e);

    /** The placeholder while the very first probe has not finished. */
    abstract S pending(long timeMs);

    /**
     * The least time between two probes while the target is healthy: 0 (every refresh) unless a target
     * has a reason to be probed sparingly. Called outside this target's lock.
     */
    long spacingNanos() {
        return 0;
    }

    /** Its last probe failed. */
    synchronized boolean failing() {
        return last != null && !last.ok();
    }

    /** Releases a persistent connection, if the target keeps one. */
    void close() {
        closed = true;
    }

    /** Closes a kept connection that may be broken already (then there is nothing left to close). */
    static void closeQuietly(AutoCloseable connection) {
        if (connection == null) return;
        try {
            connection.close();
        } catch (Exception e) {
            // already broken
        }
    }

    /**
     * Takes the target for a probe in this refresh, unless one is still in flight, it is backing off after
     * failures, or (healthy) its last probe was less than {@code spacingNanos} ago.
     */
    synchronized boolean claim(long nowNanos, ProbeOptions options, long spacingNanos) {
        if (inFlight) return false;
        long slack = options.interval().toNanos() / 4; // refreshes do not tick exactly on time
        long sinceLast = nowNanos - lastStartNanos + slack;
        if (failures > 0 && sinceLast < options.backoffNanos(failures)) return false;
        if (failures == 0 && last != null && sinceLast < spacingNanos) return false;
        inFlight = true;
        lastStartNanos = nowNanos;
        return true;
    }

    /** Gives a claim back when the probe could not be submitted (the prober is closing). */
    synchronized void release() {
        inFlight = false;
    }

    /** Its last probe timed out: it may be frozen, so the refresh does not wait for it again. */
    synchronized boolean suspect() {
        return last != null && last.timedOut();
    }

    void run() {
        S result = probeSafely();
        synchronized (this) {
            // Log changes only: a dead instance must not write a line per second.
            if (!result.ok() && (last == null || last.ok())) LOG.info(() -> label + ": " + result.summary());
            if (result.ok() && last != null && !last.ok()) LOG.info(() -> label + ": answers again");
            last = result;
            shown = false;
            failures = result.ok() ? 0 : failures + 1;
            inFlight = false;
        }
    }

    private S probeSafely() {
        try {
            return probe();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "probe of " + label + " failed unexpectedly", e);
            return unexpected(System.currentTimeMillis(), e);
        }
    }

    /**
     * What this target contributes to a snapshot: its last result, fresh the first time a snapshot carries it
     * (usually the refresh that probed it; for a suspect, possibly a later one), then marked as carried.
     */
    synchronized S sample(long nowMs) {
        if (last == null) return pending(nowMs);
        if (!shown) {
            shown = true;
            return last;
        }
        return last.carried(inFlight ? Freshness.IN_FLIGHT : failures > 0 ? Freshness.BACKOFF : Freshness.NOT_DUE);
    }
}
