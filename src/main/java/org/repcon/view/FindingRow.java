package org.repcon.view;

import java.util.List;
import java.util.Optional;
import org.repcon.diagnosis.Suggestion;

/**
 * A diagnosed finding as shown.
 *
 * @param rowKey the row it concerns (to mark and to jump to)
 * @param suggestion what to do, as shown: the fix's command, else the code's advice
 * @param fix the suggested repcon command, runnable from the findings pane; empty when there is none
 */
public record FindingRow(String code, Health severity, String target, String rowKey, String summary,
                         List<String> evidence, String suggestion, Optional<Suggestion> fix) {

    public FindingRow {
        evidence = List.copyOf(evidence);
    }

    /** Who it is across refreshes: its code and what it is about (its words and numbers may change). */
    public String id() {
        return code + "|" + target;
    }

    /** The fix as typed ("start replica2/tunnel/bayes"); empty when there is none. */
    public String command() {
        return fix.map(Suggestion::text).orElse("");
    }
}
