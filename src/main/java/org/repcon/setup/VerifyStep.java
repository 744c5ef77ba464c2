package org.repcon.setup;

import java.util.List;
import org.repcon.action.Progress;
import org.repcon.action.StepRunner;
import org.repcon.topology.Host;
import org.repcon.util.RepconException;

/**
 * A step that changes nothing and proves that the steps before it worked (the tunnels carry a PING, the replicas
 * sync): applying it waits until what it checks holds, and a host it could not look at is no proof.
 */
abstract class VerifyStep extends HostStep {

    VerifyStep(Host host, StepKind kind, String title, String target) {
        super(host, kind, title, target);
    }

    VerifyStep(Host host, StepKind kind, String title) {
        super(host, kind, title);
    }

    /** What it checks, one line each, as the plan shows it. */
    abstract List<String> commands(SetupContext ctx);

    /** Waits until each part holds (or fails); what each part said. */
    abstract List<String> await(SetupContext ctx, Progress progress);

    @Override
    public final Check offline(SetupContext ctx, String reason) {
        return Check.of(State.UNKNOWN, reason, commands(ctx));
    }

    @Override
    public final String apply(SetupContext ctx, Check current, StepRunner runner, Progress progress) {
        if (current.state() == State.UNKNOWN) throw RepconException.failed(current.detail());
        return String.join("; ", await(ctx, progress));
    }
}
