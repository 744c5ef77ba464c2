package org.repcon.probe;

/** Whether a sample in a snapshot was taken by that refresh or carried over from an earlier one. */
public enum Freshness {
    /**
     * A result no earlier snapshot carried: normally probed by this refresh; for a target not waited for
     * (a suspected frozen one), the probe an earlier refresh started and that has ended since.
     */
    FRESH,
    /** The previous probe of this target has not finished (a frozen host): this is the last finished result. */
    IN_FLIGHT,
    /** Not probed this time because the target keeps failing: this is its last (failed) result. */
    BACKOFF,
    /**
     * Not probed this time by design, and healthy when last probed: a tunnel's server end, probed sparingly
     * while its client ends answer (see {@link ProbeOptions#serverTunnelInterval()}).
     */
    NOT_DUE
}
