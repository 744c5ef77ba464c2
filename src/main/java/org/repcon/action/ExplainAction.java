package org.repcon.action;

import java.util.List;
import org.repcon.command.Command;

/** What a diagnosis code means and what to do about it. */
record ExplainAction(Command.Explain command) implements Action {

    @Override
    public Checked check() {
        return Checked.ready(Plan.reading("explain " + command.code().id(), () -> new Plan.Verified(command.code().id(), List.of(
                OutputLine.plain(command.code().id() + ": " + command.code().explanation()),
                OutputLine.plain("what to do: " + command.code().remedy())))));
    }
}
