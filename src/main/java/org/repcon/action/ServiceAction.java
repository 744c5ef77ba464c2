package org.repcon.action;

import java.util.Optional;
import org.repcon.command.Command;
import org.repcon.command.Target;

/**
 * What start, stop and restart share: the command and the {@link ServiceControl} of the service it names (an
 * instance, or the host's stunnel that carries all its tunnels).
 */
abstract class ServiceAction implements Action {

    final Command.Service command;
    final ActionContext ctx;
    final ServiceControl service;

    ServiceAction(Command.Service command, ActionContext ctx) {
        this.command = command;
        this.ctx = ctx;
        this.service = command.target() instanceof Target.OfInstance i ? ServiceControl.of(ctx, i.instance())
                : ServiceControl.of(ctx, ((Target.OfTunnel) command.target()).tunnel());
    }

    @Override
    public Command command() {
        return command;
    }

    @Override
    public String subject() {
        return command.target().key();
    }

    @Override
    public String host() {
        return service.host().name();
    }

    @Override
    public boolean mutates() {
        return true;
    }

    /** What every verb needs first: a service repcon can drive, on a host it can reach; then the verb's own check. */
    @Override
    public final Optional<String> check() {
        Optional<String> no = service.undrivable();
        if (no.isPresent()) return no;
        ServiceControl.State s = service.state();
        if (s.liveness() == ServiceControl.Liveness.UNREACHABLE) return Optional.of("cannot reach " + subject() + ": " + s.detail());
        return check(s);
    }

    /** The verb's preconditions, given the service's state on a reachable host. */
    abstract Optional<String> check(ServiceControl.State s);

    /** A lab service that answers though no process of its pid file runs: something else started it. */
    String startedElsewhere(String verb) {
        return subject() + " answers, but no process of the lab's pid file " + service.process().pidFile()
                + " runs: repcon did not start it, " + verb + " it by hand";
    }
}
