package org.repcon.action;

/**
 * A confirmation asked of the operator.
 *
 * @param prompt the question as one line ("repoint replica1/bayes to master2/bayes? [y/n] ")
 * @param expected for {@link Confirmation#TYPE_NAME}: the name that must be typed
 * @param again the previous answer was no answer (Enter alone, or something else than y/n): say so
 */
public record Question(Confirmation kind, String prompt, String expected, boolean again) {

    /** After no answer: what a front end says before asking again (the same words on every one); empty the first time. */
    public String hint() {
        if (!again) return "";
        return kind == Confirmation.TYPE_NAME ? "type " + expected + " exactly, or anything else to stop" : "please answer y or n";
    }
}
