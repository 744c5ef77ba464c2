package org.repcon.action;

import java.util.List;
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
    public Checked check() {
        return Checked.ready(Plan.reading("explain " + command.code().id(), () -> new Plan.Verified(command.code().id(), List.of(
                OutputLine.plain(command.code().id() + ": " + command.code().explanation()),
                OutputLine.plain("what to do: " + command.code().remedy())))));
    }
}
