package org.repcon.shell;

import org.repcon.action.Confirmation;
import org.repcon.action.Confirmer;
import org.repcon.action.Question;
import org.repcon.action.Reply;

/**
 * Confirmations without a terminal ({@code -c}): {@code --yes} answers y/n questions; only
 * {@code --confirm NAME} answers one that destroys data, and only if NAME is the one asked for.
 * Without them the action is refused, never run.
 */
public final class ScriptConfirmer implements Confirmer {

    private final boolean yes;
    private final String confirmName;

    /** @param confirmName the name given with --confirm, or null */
    public ScriptConfirmer(boolean yes, String confirmName) {
        this.yes = yes;
        this.confirmName = confirmName;
    }

    @Override
    public Reply ask(Question q) {
        if (q.kind() == Confirmation.TYPE_NAME) {
            return confirmName != null ? new Reply.Answer(confirmName)
                    : new Reply.Unavailable("this destroys data and there is no terminal to type the name: add --confirm "
                    + q.expected() + " to run it from a script");
        }
        return yes ? new Reply.Answer("y") : new Reply.Unavailable("it needs confirming and there is no terminal: add --yes"
                + " to run it from a script");
    }
}
