package org.repcon.action;

import java.util.List;

/**
 * What running one command came to.
 *
 * @param message one line: what proves it worked, or why it did not run or failed
 * @param output what a reading action shows (log lines, an explanation)
 */
public record ActionResult(Outcome outcome, String message, List<OutputLine> output) {

    public ActionResult {
        output = List.copyOf(output);
    }

    public boolean ok() {
        return outcome == Outcome.DONE;
    }
}
