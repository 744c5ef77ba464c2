package org.repcon.action;

import java.util.List;
import java.util.Optional;
import org.repcon.command.Command;

/** What a diagnosis code means and what to do about it. */
final class ExplainAction implements Action {

    private final Command.Explain command;

    ExplainAction(Command.Explain command) {
        this.command = command;
    }

    @Override
    public Command command() {
        return command;
    }

    @Override
    public String subject() {
        return "";
    }

    @Override
    public String host() {
        return "";
    }

    @Override
    public Optional<String> check() {
        return Optional.empty();
    }

    @Override
    public Plan plan() {
        return Plan.none("explain " + command.code().id());
    }

    @Override
    public List<OutputLine> output() {
        return List.of(OutputLine.plain(command.code().id() + ": " + command.code().explanation()),
                OutputLine.plain("what to do: " + command.code().remedy()));
    }

    @Override
    public String verify(Progress progress) {
        return command.code().id();
    }
}
