package org.repcon.setup;

import java.util.List;

/** The plan of a setup: the hosts in dependency order (masters first), each with its steps. */
public record SetupPlan(List<HostPlan> hosts) {

    public SetupPlan {
        hosts = List.copyOf(hosts);
    }

    public List<PlannedStep> steps() {
        return hosts.stream().flatMap(h -> h.steps().stream()).toList();
    }

    public List<PlannedStep> pending() {
        return steps().stream().filter(PlannedStep::pending).toList();
    }

    public long count(State state) {
        return hosts.stream().mapToLong(h -> h.count(state)).sum();
    }

    /** "38 steps: 12 done, 1 differs, 25 missing, 0 unknown". */
    public String summary() {
        return steps().size() + " steps: " + count(State.DONE) + " done, " + count(State.DIFFERS) + " differ, "
                + count(State.MISSING) + " missing, " + count(State.UNKNOWN) + " unknown";
    }
}
