package org.repcon.view;

import java.util.List;

/**
 * A diagnosed finding as shown.
 *
 * @param rowKey the row it concerns (to mark and to jump to)
 * @param command the suggested repcon command, runnable from the findings pane; empty when there is none
 */
public record FindingRow(String code, Health severity, String target, String rowKey, String summary,
                         List<String> evidence, String suggestion, String command) {

    public FindingRow {
        evidence = List.copyOf(evidence);
    }
}
