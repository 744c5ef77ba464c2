package org.repcon.diagnosis;

import java.util.List;
import java.util.Optional;

/**
 * One diagnosed condition.
 *
 * @param summary one line saying what is wrong, in the operator's words
 * @param evidence the field values and log lines that show it
 * @param fix the repcon command that mends it, where one exists ("start replica/tunnel/bayes"); else the code's
 *            remedy is the advice
 */
public record Finding(Code code, Severity severity, Subject subject, String summary, List<String> evidence,
                      Optional<Suggestion> fix) {

    public Finding {
        evidence = List.copyOf(evidence);
    }

    /** The fix as printed ("restart replica1/bayes"); empty when there is none. */
    public String action() {
        return fix.map(Suggestion::text).orElse("");
    }
}
