package org.repcon.action;

import java.util.List;
import java.util.Optional;
import org.repcon.command.Command;

/** Starts an instance, or a host's stunnel, and waits until it answers. */
final class StartAction extends ServiceAction {

    StartAction(Command.Service command, ActionContext ctx) {
        super(command, ctx);
    }

    @Override
    Optional<String> check(ServiceControl.State s) {
        return switch (s.liveness()) {
            case UNREACHABLE -> Optional.empty(); // refused by ServiceAction.check() before this
            case ANSWERS -> Optional.of(service.what() + " already runs: " + subject() + " " + service.answersHow());
            case ACCEPTS_ONLY -> Optional.of(service.what() + " already runs: " + subject() + " " + s.detail()
                    + "; the trouble is further along (the master's stunnel or instance)");
            case SILENT -> Optional.of(subject() + " accepts connections but does not answer (" + s.detail()
                    + "): it runs but hangs; restart it instead");
            case DOWN -> service.pid().<Optional<String>>map(p -> Optional.of(service.what() + " runs (pid " + p
                    + ") but does not accept connections yet: wait, or restart it")).orElseGet(() -> guard(DatasetGuard.Change.START));
        };
    }

    @Override
    public Plan plan() {
        return plan("start " + service.what(), List.of(service.startStep()), List.of());
    }

    @Override
    public String verify(Progress progress) {
        long ms = service.await(l -> l == ServiceControl.Liveness.ANSWERS, "answers", progress);
        return subject() + " " + service.answersHow() + " after " + ms + " ms";
    }
}
