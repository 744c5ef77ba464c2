package org.repcon.tui;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.repcon.view.ConsoleView;
import org.repcon.view.FindingRow;
import org.repcon.view.HostPane;
import org.repcon.view.Row;

/**
 * The '/' filter: every word typed must occur (any case) in a row's host, key, name or role;
 * hosts keep only matching rows, and findings those about shown rows or matching themselves.
 */
record ViewFilter(List<HostPane> hosts, List<FindingRow> findings, List<Row> rows, int totalRows) {

    static ViewFilter apply(ConsoleView view, String filter) {
        String[] words = filter.toLowerCase(Locale.ROOT).strip().split("\\s+");
        boolean none = filter.isBlank();
        List<HostPane> hosts = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        int total = 0;
        for (HostPane host : view.hosts()) {
            List<Row> kept = new ArrayList<>();
            for (Row row : host.rows()) {
                total++;
                if (none || all(words, host.name(), host.subtitle(), row.key(), row.name().text(), row.role().text())) {
                    kept.add(row);
                }
            }
            if (!kept.isEmpty()) {
                hosts.add(kept.size() == host.rows().size() ? host : new HostPane(host.name(), host.subtitle(), host.health(), kept));
                rows.addAll(kept);
            }
        }
        Set<String> shown = new HashSet<>();
        rows.forEach(r -> shown.add(r.key()));
        List<FindingRow> findings = view.findings().stream()
                .filter(f -> none || shown.contains(f.rowKey()) || all(words, f.code(), f.target(), f.summary()))
                .toList();
        return new ViewFilter(hosts, findings, rows, total);
    }

    private static boolean all(String[] words, String... fields) {
        for (String word : words) {
            boolean found = false;
            for (String field : fields) {
                if (field != null && field.toLowerCase(Locale.ROOT).contains(word)) {
                    found = true;
                    break;
                }
            }
            if (!found) return false;
        }
        return true;
    }
}
