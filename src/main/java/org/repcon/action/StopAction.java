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
        Optional<String> no = undrivable();
        if (no.isPresent()) return no;
        State s = state();
        if (s.liveness() == Liveness.UNREACHABLE) return Optional.of("cannot reach " + subject() + ": " + s.detail());
        if (selfManaged() && pid().isEmpty()) {
            return Optional.of(s.liveness() == Liveness.DOWN ? what() + " is not running: nothing to stop"
                    : subject() + " answers, but no process of the lab's pid file " + process().pidFile()
                    + " runs: repcon did not start it, stop it by hand");
        }
        if (!selfManaged() && s.liveness() == Liveness.DOWN) return Optional.of(what() + " is not running (" + s.detail() + "): nothing to stop");
        return Optional.empty();
    }

    @Override
    public Plan plan() {
        return new Plan("stop " + what(), List.of(), List.of(stopStep().orElseThrow()), affected(), Confirmation.YES_NO);
    }

    @Override
    public String verify(Progress progress) {
        long ms = await(l -> l == Liveness.DOWN, "no longer answers", progress);
        return subject() + " no longer answers (connection refused) after " + ms + " ms";
    }
}
