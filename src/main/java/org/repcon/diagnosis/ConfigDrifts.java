package org.repcon.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * An instance's configuration as three places hold it, compared (by the monitor, about once a minute): what it runs
 * with (CONFIG GET), its file on the host, and what the topology renders. Each list names only the directives repcon
 * writes or {@code set} changes.
 *
 * @param file the instance's own file, as the host names it
 * @param running the directives it runs with otherwise than its files say: lost at its next restart
 * @param topology the directives its files give otherwise than the topology renders them: what setup would change
 */
public record ConfigDrifts(String file, List<Difference> running, List<Difference> topology) {

    public ConfigDrifts {
        running = List.copyOf(running);
        topology = List.copyOf(topology);
    }

    /**
     * One directive two places disagree on.
     *
     * @param said as the operator reads it ("runs with maxmemory 83886080, its file says 70mb"); never a secret's value
     * @param settle the words that settle it as a value of {@code set}: the topology's value; empty for a secret (set
     *               takes it from the topology) and where the topology gives none (then which value is meant is the
     *               operator's to say)
     */
    public record Difference(String directive, String said, Optional<List<String>> settle) {}

    public boolean isEmpty() {
        return running.isEmpty() && topology.isEmpty();
    }
}
