package org.repcon.probe;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.repcon.topology.InstanceRef;
import org.repcon.util.Log;

/**
 * One thing the prober probes (an instance or a tunnel end), with the state that keeps probes of it
 * from piling up: at most one in flight, and a backoff after failures. Thread-safe: claimed by the
 * refreshing thread, run on a probe thread.
 */
abstract class Target<S extends Sample<S>> {

    private static final Logger LOG = Log.get(Target.class);

    final InstanceRef ref;
    volatile boolean closed;

    private S last;
    /** Whether a snapshot has carried {@link #last} already: only a result none has shown is fresh. */
    private boolean shown;
    private boolean inFlight;
    private int failures;
    private long lastStartNanos;

    Target(InstanceRef ref) {
        this.ref = ref;
    }

    /** One probe, on a probe thread, bounded by the timeouts. Failures are samples, not exceptions. */
    abstract S probe();

    /** The sample for an exception that should not have escaped {@link #probe()}. */
    abstract S unexpected(long timeMs, RuntimeException e);

    /** The placeholder while the very first probe has not finished. */
    abstract S pending(long timeMs);

    /** Releases a persistent connection, if the target keeps one. */
    void close() {
        closed = true;
    }

    /** Takes the target for a probe in this refresh, unless one is still in flight or it is backing off. */
    synchronized boolean claim(long nowNanos, ProbeOptions options) {
        if (inFlight) return false;
        long slack = options.interval().toNanos() / 4; // refreshes do not tick exactly on time
        if (failures > 0 && nowNanos - lastStartNanos + slack < options.backoffNanos(failures)) return false;
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
            if (!result.ok() && (last == null || last.ok())) LOG.info(() -> ref + ": " + result.summary());
            if (result.ok() && last != null && !last.ok()) LOG.info(() -> ref + ": answers again");
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
            LOG.log(Level.WARNING, "probe of " + ref + " failed unexpectedly", e);
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
        return last.carried(inFlight ? Freshness.IN_FLIGHT : Freshness.BACKOFF);
    }
}
