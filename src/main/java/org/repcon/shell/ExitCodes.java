package org.repcon.shell;

import org.repcon.action.Outcome;

/** The exit status of {@code repcon shell FILE -c COMMAND}: what scripts test. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The action ran (or began to) and failed, or its effect was not seen. */
    public static final int FAILED = 1;
    /** The command is invalid: unknown verb, host, instance, option; wrong arguments. */
    public static final int INVALID = 2;
    /** Not confirmed: the answer was no, the typed name (or --confirm NAME) was another. Nothing ran. */
    public static final int DECLINED = 3;
    /** Refused before anything ran: --read-only, a failed precondition, or no --yes / --confirm without a terminal. */
    public static final int REFUSED = 4;

    private ExitCodes() {}

    public static int of(Outcome outcome) {
        return switch (outcome) {
            case DONE -> OK;
            case FAILED -> FAILED;
            case DECLINED -> DECLINED;
            case REFUSED -> REFUSED;
        };
    }
}
