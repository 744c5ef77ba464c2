package org.repcon.action;

import java.util.ArrayList;
import java.util.List;
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
    /** What the dataset guard found, shown with the plan. */
    final List<String> facts = new ArrayList<>();
    /** The loss the guard saw and --force overrode: a warning, and the name must be typed. */
    private Optional<String> forced = Optional.empty();

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

    /**
     * The dataset guard, for an instance its replicas copy: refused (with the loss and the safe way) when they would
     * copy an empty or older dataset; with --force, the loss becomes a warning and the name must be typed.
     */
    Optional<String> guard(DatasetGuard.Change change) {
        if (!(command.target() instanceof Target.OfInstance i) || ctx.topology().replicasOf(i.instance()).isEmpty()) {
            return Optional.empty();
        }
        DatasetGuard.Verdict v = DatasetGuard.check(ctx, i.instance(), change);
        facts.addAll(v.facts());
        if (v.safe()) return Optional.empty();
        if (!command.force()) return Optional.of(v.refusal(command.verb().word() + " " + subject() + " --force"));
        forced = v.loss();
        return Optional.empty();
    }

    /** A plan of the verb's steps, with the guard's facts, and when forced its loss as a warning and the name typed. */
    Plan plan(String title, List<Step> steps, List<String> warnings) {
        List<String> all = new ArrayList<>(warnings);
        forced.ifPresent(loss -> all.add(0, "forced against the dataset guard: " + loss));
        return new Plan(title, facts, steps, all, forced.isPresent() ? Confirmation.TYPE_NAME : Confirmation.YES_NO);
    }

    /** A lab service that answers though no process of its pid file runs: something else started it. */
    String startedElsewhere(String verb) {
        return subject() + " answers, but no process of the lab's pid file " + service.process().pidFile()
                + " runs: repcon did not start it, " + verb + " it by hand";
    }
}
