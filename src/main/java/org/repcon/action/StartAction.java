package org.repcon.action;

import java.util.List;
import org.repcon.command.Command;

/** Starts an instance, or a host's stunnel, and waits until it answers. */
final class StartAction extends ServiceAction {

    StartAction(Command.Service command, ActionContext ctx) {
        super(command, ctx);
    }

    @Override
    Checked check(ServiceControl.State s) {
        return switch (s.liveness()) {
            case UNREACHABLE -> throw new IllegalStateException("refused by ServiceAction.check() before this");
            case ANSWERS -> Checked.refused(service.what() + " already runs: " + subject() + " " + service.answersHow());
            case ACCEPTS_ONLY -> Checked.refused(service.what() + " already runs: " + subject() + " " + s.detail()
                    + "; the trouble is further along (the master's stunnel or instance)");
            case SILENT -> Checked.refused(subject() + " accepts connections but does not answer (" + s.detail()
                    + "): it runs but hangs; restart it instead");
            case DOWN -> service.pid().map(p -> Checked.refused(service.what() + " runs (pid " + p
                    + ") but does not accept connections yet: wait, or restart it")).orElseGet(() -> guarded(DatasetGuard.Change.START,
                    "start " + service.what(), List.of(service.startStep()), List.of(), this::verify));
        };
    }

    private String verify(Progress progress) {
        long ms = service.await(l -> l == ServiceControl.Liveness.ANSWERS, "answers", progress);
        return subject() + " " + service.answersHow() + " after " + ms + " ms";
    }
}
