package org.repcon.action;

import java.util.List;
import java.util.Optional;
import org.repcon.command.Command;

/** Restarts an instance, or a host's stunnel, and waits until it answers again. */
final class RestartAction extends ServiceAction {

    RestartAction(Command.Service command, ActionContext ctx) {
        super(command, ctx);
    }

    @Override
    public Optional<String> check() {
        Optional<String> no = service.undrivable();
        if (no.isPresent()) return no;
        ServiceControl.State s = service.state();
        if (s.liveness() == ServiceControl.Liveness.UNREACHABLE) return Optional.of("cannot reach " + subject() + ": " + s.detail());
        if (service.selfManaged() && service.pid().isEmpty() && s.liveness() != ServiceControl.Liveness.DOWN) {
            return Optional.of(subject() + " answers, but no process of the lab's pid file " + service.process().pidFile()
                    + " runs: repcon did not start it, restart it by hand");
        }
        return Optional.empty();
    }

    @Override
    public Plan plan() {
        return new Plan("restart " + service.what(), List.of(), service.restartSteps(), service.affected(), Confirmation.YES_NO);
    }

    @Override
    public String verify(Progress progress) {
        long ms = service.await(l -> l == ServiceControl.Liveness.ANSWERS, "answers", progress);
        return subject() + " " + service.answersHow() + " again after " + ms + " ms";
    }
}
