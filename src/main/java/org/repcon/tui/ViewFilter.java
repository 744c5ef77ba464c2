package org.repcon.tui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.repcon.command.Command;
import org.repcon.view.ConsoleView;
import org.repcon.view.FindingRow;
import org.repcon.view.Health;
import org.repcon.view.HostPane;
import org.repcon.view.Row;

/**
 * The '/' filter and the hosts' arrangement: every word typed must occur (any case) in a row's host, key, name, role or
 * health ("crit", "warn"), the word {@value Command.Filter#PROBLEMS} keeps only rows with a problem; hosts keep only
 * matching rows, and findings those about shown rows or matching themselves. The hosts come in the order asked (the
 * worst first, or by name); healthy hosts may be folded to their title line.
 */
record ViewFilter(List<HostPane> hosts, List<FindingRow> findings, List<Row> rows, int totalRows) {

    /** How the hosts are laid out, whatever the filter. */
    record Arrangement(Command.Sort.Order order, boolean collapseHealthy) {
        static final Arrangement DEFAULT = new Arrangement(Command.Sort.Order.HEALTH, false);
    }

    static ViewFilter apply(ConsoleView view, String filter) {
        return apply(view, filter, Arrangement.DEFAULT);
    }

    static ViewFilter apply(ConsoleView view, String filter, Arrangement arrangement) {
        List<String> words = new ArrayList<>(List.of(filter.toLowerCase(Locale.ROOT).strip().split("\\s+")));
        words.removeIf(String::isEmpty);
        boolean problems = words.remove(Command.Filter.PROBLEMS);
        boolean none = words.isEmpty() && !problems;
        List<HostPane> hosts = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        int total = 0;
        for (HostPane host : sorted(view.hosts(), arrangement.order())) {
            total += host.rows().size();
            if (arrangement.collapseHealthy() && none && healthy(host)) {
                // Folded: its title says what it hides; its rows are not shown, so not selectable. A filter unfolds.
                hosts.add(new HostPane(host.name(), folded(host), host.health(), List.of()));
                continue;
            }
            List<Row> kept = new ArrayList<>();
            for (Row row : host.rows()) {
                if (none || (!problems || problem(row)) && all(words, host.name(), host.subtitle(), row.key(),
                        row.name().text(), row.role().text(), word(row.health()))) {
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
                .filter(f -> none || shown.contains(f.rowKey())
                        || (!problems || f.severity() == Health.CRIT || f.severity() == Health.WARN)
                        && all(words, f.code(), f.target(), f.summary(), word(f.severity())))
                .toList();
        return new ViewFilter(hosts, findings, rows, total);
    }

    /** A row that needs a look: a finding about it, or a critical or warning health. */
    static boolean problem(Row row) {
        return row.findings() > 0 || row.health() == Health.CRIT || row.health() == Health.WARN;
    }

    private static boolean healthy(HostPane host) {
        return host.health() == Health.OK && host.rows().stream().noneMatch(ViewFilter::problem);
    }

    private static String folded(HostPane host) {
        String what = host.rows().size() + " rows ok, folded ('z' unfolds)";
        return host.subtitle().isEmpty() ? what : host.subtitle() + "  " + what;
    }

    private static List<HostPane> sorted(List<HostPane> hosts, Command.Sort.Order order) {
        Comparator<HostPane> by = order == Command.Sort.Order.NAME ? Comparator.comparing(HostPane::name)
                : Comparator.comparingInt(ViewFilter::badness).reversed(); // stable: the topology's order within a rank
        return hosts.stream().sorted(by).toList();
    }

    /** How bad a host is: its health, and within it whether a row has a problem. */
    private static int badness(HostPane host) {
        Health worst = host.rows().stream().map(Row::health).reduce(host.health(), Health::worst);
        int rank = worst == Health.CRIT ? 3 : worst == Health.WARN ? 2 : worst == Health.UNKNOWN ? 1 : 0;
        return rank * 2 + (host.rows().stream().anyMatch(ViewFilter::problem) ? 1 : 0);
    }

    private static String word(Health health) {
        return health.name().toLowerCase(Locale.ROOT);
    }

    private static boolean all(List<String> words, String... fields) {
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
