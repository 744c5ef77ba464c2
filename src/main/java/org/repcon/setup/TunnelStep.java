package org.repcon.setup;

import java.util.ArrayList;
import java.util.List;
import org.repcon.action.Progress;
import org.repcon.action.ServiceControl;
import org.repcon.action.ServiceControl.Liveness;
import org.repcon.topology.Host;
import org.repcon.topology.Tunnel;

/** A PING through each of the host's client tunnel ends reaches its master's instance, as the tutorial checks with redis-cli. */
final class TunnelStep extends VerifyStep {

    TunnelStep(Host host) {
        super(host, StepKind.VERIFY_TUNNEL, "verify the tunnels of " + host.name(), host.name() + "/tunnel");
    }

    private List<ServiceControl> ends(SetupContext ctx) {
        return host.tunnels().stream().filter(Tunnel::isClient).map(t -> ServiceControl.of(ctx.actions(), t)).toList();
    }

    @Override
    List<String> commands(SetupContext ctx) {
        return host.tunnels().stream().filter(Tunnel::isClient).map(t -> "PING through " + host.loopback() + ":" + t.accept()
                + " to " + ctx.topology().destinationOf(t).map(i -> i.ref().toString()).orElse("?")).toList();
    }

    @Override
    public Check detect(SetupContext ctx) {
        List<String> good = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (ServiceControl end : ends(ctx)) {
            ServiceControl.State s = end.state();
            if (s.liveness() == Liveness.UNREACHABLE) return offline(ctx, "cannot reach " + end.subject() + ": " + s.detail());
            if (s.liveness() == Liveness.ANSWERS) good.add(end.subject() + " " + end.answersHow());
            else bad.add(end.subject() + ": " + s.detail());
        }
        return bad.isEmpty() ? Check.done(String.join("; ", good))
                : Check.of(State.MISSING, "no PING through " + String.join("; ", bad), commands(ctx));
    }

    @Override
    List<String> await(SetupContext ctx, Progress progress) {
        List<String> said = new ArrayList<>();
        for (ServiceControl end : ends(ctx)) {
            long ms = end.await(l -> l == Liveness.ANSWERS, "carries a PING", progress);
            said.add(end.subject() + " " + end.answersHow() + " (" + ms + " ms)");
        }
        return said;
    }
}
