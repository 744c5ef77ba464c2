package org.repcon.view;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.repcon.diagnosis.Finding;

/** The console's host panes as plain text, for {@code repcon status} (scripts and terminals without the console). */
public final class StatusTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private StatusTable() {}

    /** The table, then one line per finding: what {@code repcon status} and the shell's {@code status} print. */
    public static List<String> report(ConsoleView view, List<Finding> findings) {
        List<String> out = lines(view);
        findings.forEach(f -> out.add(f.severity() + " " + f.code() + " " + f.subject() + ": " + f.summary()));
        return out;
    }

    public static List<String> lines(ConsoleView view) {
        List<String> out = new ArrayList<>();
        out.add(view.topologyName() + "  " + TIME.format(Instant.ofEpochMilli(view.refreshedAt())) + "  " + view.ok() + " ok, "
                + view.warn() + " warn, " + view.crit() + " crit, " + view.findings().size() + " findings");
        List<String> headers = new ArrayList<>(Row.HEADERS);
        headers.add("FINDINGS");
        List<List<String>> table = new ArrayList<>();
        List<Integer> hostRows = new ArrayList<>();
        for (HostPane pane : view.hosts()) {
            hostRows.add(table.size());
            table.add(List.of(pane.name() + "  (" + pane.subtitle() + ")"));
            for (Row r : pane.rows()) {
                List<String> cells = new ArrayList<>();
                for (Cell c : r.cells()) cells.add(c.text().isEmpty() ? "-" : c.text());
                cells.add(r.findings() == 0 ? "" : Integer.toString(r.findings()));
                table.add(cells);
            }
        }
        int[] width = new int[headers.size()];
        for (int c = 0; c < headers.size(); c++) width[c] = headers.get(c).length();
        for (List<String> row : table) {
            if (row.size() == 1) continue;
            for (int c = 0; c < row.size(); c++) width[c] = Math.max(width[c], row.get(c).length());
        }
        out.add("  " + pad(headers, width));
        for (int n = 0; n < table.size(); n++) {
            out.add(hostRows.contains(n) ? table.get(n).get(0) : "  " + pad(table.get(n), width));
        }
        return out;
    }

    private static String pad(List<String> cells, int[] width) {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            s.append(cells.get(c));
            if (c < cells.size() - 1) s.append(" ".repeat(width[c] - cells.get(c).length() + 2));
        }
        return s.toString().stripTrailing();
    }
}
