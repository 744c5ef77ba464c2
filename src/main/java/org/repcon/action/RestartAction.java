package org.repcon.action;

import org.repcon.command.Command;

/** Restarts an instance, or a host's stunnel, and waits until it answers again. */
final class RestartAction extends ServiceAction {

    RestartAction(Command.Service command, ActionContext ctx) {
        super(command, ctx);
    }

    @Override
    Checked check(ServiceControl.State s) {
        if (service.selfManaged() && service.pid().isEmpty() && s.liveness() != ServiceControl.Liveness.DOWN) {
            return Checked.refused(startedElsewhere("restart"));
        }
        return guarded(s.liveness() == ServiceControl.Liveness.DOWN ? DatasetGuard.Change.START : DatasetGuard.Change.RESTART,
                "restart " + service.what(), service.restartSteps(), service.affected(), this::verify);
    }

    private String verify(Progress progress) {
        long ms = service.await(l -> l == ServiceControl.Liveness.ANSWERS, "answers", progress);
        return subject() + " " + service.answersHow() + " again after " + ms + " ms";
    }
}
