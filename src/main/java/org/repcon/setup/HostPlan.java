package org.repcon.setup;

import java.util.List;
import java.util.Optional;
import org.repcon.topology.Host;

/**
 * One host's steps in the tutorial's order, each with its detected state.
 *
 * @param unreachable why the host could not be reached (its steps are then unknown); empty when it was
 */
public record HostPlan(Host host, Optional<String> unreachable, List<PlannedStep> steps) {

    public HostPlan {
        steps = List.copyOf(steps);
    }

    public long count(State state) {
        return steps.stream().filter(s -> s.check().state() == state).count();
    }

    public List<PlannedStep> pending() {
        return steps.stream().filter(PlannedStep::pending).toList();
    }
}
