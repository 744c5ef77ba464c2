package org.repcon.action;

import java.util.List;
import org.repcon.command.Command;

/** Stops an instance, or a host's stunnel, and waits until it no longer answers. */
final class StopAction extends ServiceAction {

    StopAction(Command.Service command, ActionContext ctx) {
        super(command, ctx);
    }

    @Override
    Checked check(ServiceControl.State s) {
        if (service.selfManaged() && service.pid().isEmpty()) {
            return Checked.refused(s.liveness() == ServiceControl.Liveness.DOWN ? service.what() + " is not running: nothing to stop"
                    : startedElsewhere("stop"));
        }
        if (!service.selfManaged() && s.liveness() == ServiceControl.Liveness.DOWN) {
            return Checked.refused(service.what() + " is not running (" + s.detail() + "): nothing to stop");
        }
        return Checked.ready(Plan.change("stop " + service.what(), List.of(), List.of(service.stopStep().orElseThrow()),
                service.affected(), Confirmation.YES_NO, this::verify));
    }

    private String verify(Progress progress) {
        long ms = service.await(l -> l == ServiceControl.Liveness.DOWN, "no longer answers", progress);
        return subject() + " no longer answers (connection refused) after " + ms + " ms";
    }
}
