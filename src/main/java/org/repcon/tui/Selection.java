package org.repcon.tui;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.repcon.view.FindingRow;
import org.repcon.view.Health;
import org.repcon.view.Row;

/**
 * What is selected in the hosts table and the findings list, by identity (row key; finding code
 * and target) so that it survives refreshes and filtering; when its row is gone, the nearest
 * position is kept instead.
 */
final class Selection {

    private String rowKey;
    private int rowIndex;
    private String findingId;
    private int findingIndex;

    /** Re-finds the selection in a new view or filter; the very first time, the worst row is chosen. */
    void update(ViewFilter shown) {
        // At first the eye should land on what is wrong: the worst row, scrolled into view.
        if (rowKey == null) rowIndex = worstRow(shown.rows());
        selectRow(shown, indexOfRow(shown.rows()));
        selectFinding(shown, indexOfFinding(shown.findings()));
    }

    /** The selected row's key, or null while no row is shown. */
    String rowKey(ViewFilter shown) {
        return shown == null || shown.rows().isEmpty() ? null : rowKey;
    }

    /** The selected row's key even when hidden by the filter (drawing marks it only if shown). */
    String rowKey() {
        return rowKey;
    }

    int findingIndex() {
        return findingIndex;
    }

    FindingRow finding(ViewFilter shown) {
        List<FindingRow> findings = shown.findings();
        return findings.isEmpty() ? null : findings.get(Math.min(findingIndex, findings.size() - 1));
    }

    void moveRow(ViewFilter shown, int delta) {
        selectRow(shown, rowIndex + delta);
    }

    void moveFinding(ViewFilter shown, int delta) {
        selectFinding(shown, findingIndex + delta);
    }

    /** The next (or previous, direction -1) row with a problem, wrapping; false when there is none. */
    /**
     * n / N on the rows: the problem rows by severity (critical ones first, then warnings, then rows with only a
     * lesser finding), top to bottom within each, wrapping around; from a row that is none of them, the first.
     */
    boolean nextProblemRow(ViewFilter shown, int direction) {
        List<Row> rows = shown.rows();
        List<Integer> visits = IntStream.range(0, rows.size()).filter(i -> ViewFilter.problem(rows.get(i))).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> -severity(rows.get(i))).thenComparingInt(i -> i)).toList();
        if (visits.isEmpty()) return false;
        int at = visits.indexOf(rowIndex);
        int next = at < 0 ? (direction > 0 ? 0 : visits.size() - 1) : Math.floorMod(at + direction, visits.size());
        selectRow(shown, visits.get(next));
        return true;
    }

    private static int severity(Row row) {
        return row.health() == Health.CRIT ? 2 : row.health() == Health.WARN ? 1 : 0;
    }

    void nextFinding(ViewFilter shown, int direction) {
        int n = shown.findings().size();
        if (n > 0) selectFinding(shown, Math.floorMod(findingIndex + direction, n));
    }

    private void selectRow(ViewFilter shown, int index) {
        List<Row> rows = shown.rows();
        if (rows.isEmpty()) return;
        rowIndex = Math.max(0, Math.min(rows.size() - 1, index));
        rowKey = rows.get(rowIndex).key();
    }

    private void selectFinding(ViewFilter shown, int index) {
        List<FindingRow> findings = shown.findings();
        if (findings.isEmpty()) return;
        findingIndex = Math.max(0, Math.min(findings.size() - 1, index));
        findingId = findings.get(findingIndex).id();
    }

    private int indexOfRow(List<Row> rows) {
        for (int i = 0; i < rows.size(); i++) if (rows.get(i).key().equals(rowKey)) return i;
        return rowIndex;
    }

    private int indexOfFinding(List<FindingRow> findings) {
        for (int i = 0; i < findings.size(); i++) if (findings.get(i).id().equals(findingId)) return i;
        return findingIndex;
    }

    private static int worstRow(List<Row> rows) {
        int worst = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (rank(rows.get(i).health()) > rank(rows.get(worst).health())) worst = i;
        }
        return worst;
    }

    private static int rank(Health h) {
        return h == Health.CRIT ? 3 : h == Health.WARN ? 2 : h == Health.UNKNOWN ? 1 : 0;
    }
}
