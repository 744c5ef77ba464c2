package org.repcon.probe;

/** What instance and tunnel samples share, so the prober treats both targets alike. */
public interface Sample<S extends Sample<S>> {

    /** Wall-clock time (ms) the probe that produced this sample started. */
    long timeMs();

    Freshness freshness();

    /** The target answered as it should. */
    boolean ok();

    /** The target did not answer in time: it may be frozen, so the next probe is not waited for. */
    boolean timedOut();

    /** One short line for the log: the status and its reason. */
    String summary();

    /** The same result, marked as carried into a later snapshot. */
    S carried(Freshness freshness);
}
