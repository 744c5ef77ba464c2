package org.repcon.setup;

import org.repcon.action.Outcome;
import org.repcon.action.Progress;

/** Live news of an apply: each step as it starts and ends, and every line of progress in between. */
public interface SetupProgress extends Progress {

    SetupProgress NONE = line -> { };

    /** A step is about to be applied (it was detected not done just now). */
    default void starting(PlannedStep step) {
    }

    /** A step ended: its state detected afterwards, and what it did or why it failed (one line). */
    default void ended(PlannedStep step, Check now, Outcome outcome, String message) {
    }
}
