package org.repcon.diagnosis;

import java.util.List;

/**
 * One diagnosed condition.
 *
 * @param summary one line saying what is wrong, in the operator's words
 * @param evidence the field values and log lines that show it
 * @param action what to do, as a repcon command where one exists ("start replica/tunnel/bayes"), else advice
 */
public record Finding(Code code, Severity severity, Subject subject, String summary, List<String> evidence, String action) {

    public Finding {
        evidence = List.copyOf(evidence);
    }

    /** Whether {@link #action} is a repcon command (runnable from the console) rather than advice. */
    public boolean actionIsCommand() {
        return Code.COMMAND_VERBS.stream().anyMatch(v -> action.startsWith(v + " "));
    }
}
