package org.repcon.action;

import org.repcon.command.Command;
import org.repcon.command.Target;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;

/**
 * What the actions that change one Redis instance's replication share (re-point, resync, promote): the
 * command, the instance it names and its host.
 */
abstract class InstanceChange<C extends Command> implements Action {

    final C command;
    final ActionContext ctx;
    /** The instance changed: for re-point and resync, the replica. */
    final Instance instance;
    final Host host;

    InstanceChange(C command, Target.OfInstance target, ActionContext ctx) {
        this.command = command;
        this.ctx = ctx;
        this.instance = target.instance();
        this.host = target.host();
    }

    @Override
    public final Command command() {
        return command;
    }
}
