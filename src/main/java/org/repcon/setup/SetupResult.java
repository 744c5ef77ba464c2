package org.repcon.setup;

import org.repcon.action.Outcome;

/**
 * How an apply ended.
 *
 * @param message one line: what it did, or why it stopped (the step and its reason)
 * @param applied how many steps changed something (or were verified)
 */
public record SetupResult(Outcome outcome, String message, int applied) {

    public boolean ok() {
        return outcome == Outcome.DONE;
    }

    /** The message, led by how it ended unless it says so itself: "failed: start master/bayes: ...", "declined: nothing done". */
    public String said() {
        return ok() || message.startsWith(outcome.word()) ? message : outcome.word() + ": " + message;
    }
}
