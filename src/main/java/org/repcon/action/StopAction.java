package org.repcon.action;

import java.util.List;
import java.util.Optional;
import org.repcon.command.Command;

/** Stops an instance, or a host's stunnel, and waits until it no longer answers. */
final class StopAction extends ServiceAction {

    StopAction(Command.Service command, ActionContext ctx) {
        super(command, ctx);
    }

    @Override
    public Optional<String> check() {
        Optional<String> no = service.undrivable();
        if (no.isPresent()) return no;
        ServiceControl.State s = service.state();
        if (s.liveness() == ServiceControl.Liveness.UNREACHABLE) return Optional.of("cannot reach " + subject() + ": " + s.detail());
        if (service.selfManaged() && service.pid().isEmpty()) {
            return Optional.of(s.liveness() == ServiceControl.Liveness.DOWN ? service.what() + " is not running: nothing to stop"
                    : subject() + " answers, but no process of the lab's pid file " + service.process().pidFile()
                    + " runs: repcon did not start it, stop it by hand");
        }
        if (!service.selfManaged() && s.liveness() == ServiceControl.Liveness.DOWN) return Optional.of(service.what() + " is not running (" + s.detail() + "): nothing to stop");
        return Optional.empty();
    }

    @Override
    public Plan plan() {
        return new Plan("stop " + service.what(), List.of(), List.of(service.stopStep().orElseThrow()), service.affected(), Confirmation.YES_NO);
    }

    @Override
    public String verify(Progress progress) {
        long ms = service.await(l -> l == ServiceControl.Liveness.DOWN, "no longer answers", progress);
        return subject() + " no longer answers (connection refused) after " + ms + " ms";
    }
}
