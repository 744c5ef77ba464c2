package org.repcon.action;

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
}
