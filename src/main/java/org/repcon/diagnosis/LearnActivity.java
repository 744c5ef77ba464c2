package org.repcon.diagnosis;

/**
 * Whether Rspamd's learning still reaches a master, as the monitor watched its counters (Bayes learns, fuzzy hashes)
 * over its whole run, longer than the history's few minutes.
 *
 * @param total the counters' sum as last read
 * @param unchangedSinceMs since when they have read {@code total}
 * @param movedBefore whether they were seen to move before that: learning did reach the master while watched, so a
 *                    stop is news, not a deployment that never learns
 */
public record LearnActivity(long total, long unchangedSinceMs, boolean movedBefore) {}
