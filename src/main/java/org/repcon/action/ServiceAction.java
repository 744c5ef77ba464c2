package org.repcon.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
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

    /** What every verb needs first: a service repcon can drive, on a host it can reach; then the verb's own check. */
    @Override
    public final Checked check() {
        Optional<String> no = service.undrivable();
        if (no.isPresent()) return Checked.refused(no.get());
        ServiceControl.State s = service.state();
        if (s.liveness() == ServiceControl.Liveness.UNREACHABLE) return Checked.refused("cannot reach " + subject() + ": " + s.detail());
        return check(s);
    }

    /** The verb's preconditions and plan, given the service's state on a reachable host. */
    abstract Checked check(ServiceControl.State s);

    /**
     * The verb's plan, after the dataset guard for an instance its replicas copy: refused (with the loss and the safe
     * way) when they would copy an empty or older dataset; with --force, the loss becomes a warning and the name must be
     * typed. The guard's facts go with the plan.
     */
    Checked guarded(DatasetGuard.Change change, String title, List<Step> steps, List<String> warnings,
                    Function<Progress, String> verify) {
        List<String> facts = new ArrayList<>();
        Optional<String> forced = Optional.empty();
        if (command.target() instanceof Target.OfInstance i && !ctx.topology().replicasOf(i.instance()).isEmpty()) {
            DatasetGuard.Verdict v = DatasetGuard.check(ctx, i.instance(), change);
            facts.addAll(v.facts());
            if (!v.safe()) {
                if (!command.force()) return Checked.refused(v.refusal(command.verb().word() + " " + subject() + " --force"));
                forced = v.loss();
            }
        }
        List<String> all = new ArrayList<>(warnings);
        forced.ifPresent(loss -> all.add(0, "forced against the dataset guard: " + loss));
        return Checked.ready(Plan.change(title, facts, steps, all, forced.isPresent() ? Confirmation.TYPE_NAME
                : Confirmation.YES_NO, verify));
    }

    /** A lab service that answers though no process of its pid file runs: something else started it. */
    String startedElsewhere(String verb) {
        return subject() + " answers, but no process of the lab's pid file " + service.process().pidFile()
                + " runs: repcon did not start it, " + verb + " it by hand";
    }
}
