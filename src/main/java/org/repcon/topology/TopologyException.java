package org.repcon.topology;

import java.util.List;
import org.repcon.util.RepconException;

/** A topology file that cannot be used; carries every error found, first one first. */
public final class TopologyException extends RepconException {

    private final List<Problem> problems;

    public TopologyException(List<Problem> problems) {
        super(problems.isEmpty() ? "invalid topology" : problems.get(0).toString(), RepconException.INVALID_INPUT);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
