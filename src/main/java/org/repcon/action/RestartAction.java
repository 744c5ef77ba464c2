package org.repcon.action;

import java.util.ArrayList;
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
        Optional<String> no = undrivable();
        if (no.isPresent()) return no;
        State s = state();
        if (s.liveness() == Liveness.UNREACHABLE) return Optional.of("cannot reach " + subject() + ": " + s.detail());
        if (selfManaged() && pid().isEmpty() && s.liveness() != Liveness.DOWN) {
            return Optional.of(subject() + " answers, but no process of the lab's pid file " + process().pidFile()
                    + " runs: repcon did not start it, restart it by hand");
        }
        return Optional.empty();
    }

    @Override
    public Plan plan() {
        List<Step> steps = new ArrayList<>();
        if (selfManaged()) {
            stopStep().ifPresent(steps::add); // a stopped daemon is just started
            steps.add(startStep());
        } else {
            steps.add(managed("restart"));
        }
        return new Plan("restart " + what(), List.of(), steps, affected(), Confirmation.YES_NO);
    }

    @Override
    public String verify(Progress progress) {
        long ms = await(l -> l == Liveness.ANSWERS, "answers", progress);
        return subject() + " " + answersHow() + " again after " + ms + " ms";
    }
}
