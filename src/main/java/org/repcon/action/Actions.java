package org.repcon.action;

import org.repcon.command.Command;

/** Makes the action a command asks for. The switch is over every verb, so a new verb does not compile until it is placed. */
public final class Actions {

    private Actions() {}

    /** The action for a command of {@link org.repcon.command.Verb.Scope#ACTION} scope. */
    public static Action create(Command command, ActionContext ctx) {
        return switch (command.verb()) {
            case START -> new StartAction((Command.Service) command, ctx);
            case STOP -> new StopAction((Command.Service) command, ctx);
            case RESTART -> new RestartAction((Command.Service) command, ctx);
            case REPOINT -> new RepointAction((Command.Repoint) command, ctx);
            case RESYNC -> new ResyncAction((Command.Resync) command, ctx);
            case PROMOTE -> new PromoteAction((Command.Promote) command, ctx);
            case RESTORE -> new RestoreAction((Command.Restore) command, ctx);
            case SET -> new SetAction((Command.Set) command, ctx);
            case LOGS -> new LogsAction((Command.Logs) command, ctx);
            case EXPLAIN -> new ExplainAction((Command.Explain) command);
            case STATUS, HELP, THEME, REFRESH, FILTER, SORT, ACK, SETUP, QUIT -> throw new IllegalArgumentException(
                    "'" + command.verb().word() + "' is carried out by the console or shell, not by an action");
        };
    }
}
