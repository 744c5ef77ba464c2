package org.repcon.probe;

/**
 * Receives snapshots from a background {@link Prober}, on the prober's own thread: hand the snapshot
 * to your own thread (the UI's, say) and return quickly, or the next refresh waits.
 */
@FunctionalInterface
public interface ProbeListener {

    void onSnapshot(Snapshot snapshot);

    /** A refresh failed as a whole (a bug, not an unreachable target: those are samples). */
    default void onFailure(RuntimeException e) {}
}
