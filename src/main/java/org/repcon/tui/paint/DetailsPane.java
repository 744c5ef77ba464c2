package org.repcon.tui.paint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.repcon.tui.theme.Role;
import org.repcon.view.Details;
import org.repcon.view.Cell;
import org.repcon.view.FindingRow;
import org.repcon.view.Row;

/**
 * The details of one instance: its findings, sparklines of its trends, then its INFO fields by
 * section, in as many columns as the width allows.
 */
public final class DetailsPane {

    /**
     * @param row the row as the hosts pane shows it, or null when the key is gone
     * @param details null when the view has none for the key (a tunnel, or not probed yet)
     */
    public record Model(String key, Row row, Details details, List<FindingRow> findings) {}

    private static final int COLUMN_WIDTH = 36;

    private DetailsPane() {}

    public static void paint(Canvas c, Model m, Scroll scroll) {
        String title = m.details() == null ? m.key() : m.details().title();
        Canvas inner = Panes.box(c, title, true);
        if (inner.height() <= 0 || inner.width() <= 0) return;
        List<Line> lines = lines(m, inner.width(), inner.glyphs());
        scroll.fit(lines.size(), inner.height());
        ListView.paint(inner, lines, scroll.top());
        Panes.footer(c, ListView.position(scroll, lines.size()), true);
    }

    static List<Line> lines(Model m, int width, Glyphs glyphs) {
        List<Line> lines = new ArrayList<>();
        for (FindingRow f : m.findings()) {
            lines.add(Line.builder().add(Text.padRight(FindingsPane.severity(f.severity()), 6), Looks.signal(f.severity()))
                    .add(f.code(), Role.TEXT).add("  " + f.target(), Role.ACCENT).build());
            lines.addAll(FindingsPane.body(f, width, glyphs));
        }
        if (!m.findings().isEmpty()) lines.add(Line.EMPTY);
        if (m.details() != null && !m.details().series().isEmpty()) {
            lines.add(Line.of("Trends", Role.TITLE));
            lines.addAll(series(m.details().series(), width, glyphs));
            lines.add(Line.EMPTY);
        }
        List<Details.Group> groups = new ArrayList<>();
        if (m.row() != null) groups.add(summary(m.row()));
        if (m.details() != null) groups.addAll(m.details().groups());
        lines.addAll(groups(groups, width, glyphs));
        if (m.details() == null) {
            if (!groups.isEmpty()) lines.add(Line.EMPTY);
            lines.add(Line.of(m.row() == null ? m.key() + " is no longer in the view." : "No INFO details for " + m.key() + ".", Role.MUTED));
        }
        return lines;
    }

    /** The row's table cells as fields, with what the table may have left out for lack of width. */
    private static Details.Group summary(Row row) {
        List<Details.Field> fields = new ArrayList<>();
        List<Cell> cells = row.cells();
        for (int i = 0; i < cells.size() && i < Row.HEADERS.size(); i++) {
            String text = cells.get(i).text();
            if (!text.isBlank() && !text.equals("-")) fields.add(new Details.Field(Row.HEADERS.get(i).toLowerCase(), text));
        }
        return new Details.Group("Summary", fields);
    }

    private static List<Line> series(List<Details.Series> series, int width, Glyphs glyphs) {
        int nameWidth = series.stream().mapToInt(s -> Text.width(s.title())).max().orElse(0);
        List<Line> lines = new ArrayList<>();
        for (Details.Series s : series) {
            String latest = s.values().isEmpty() ? "" : quantity(s.values().get(s.values().size() - 1), s.unit());
            int sparkWidth = Math.max(0, Math.min(Math.min(60, s.values().size()), width - nameWidth - 16));
            lines.add(Line.builder().add("  " + Text.padRight(s.title(), nameWidth) + "  ", Role.TEXT)
                    .add(Text.padRight(Sparkline.of(s.values(), sparkWidth, glyphs), sparkWidth), Role.ACCENT)
                    .add("  " + latest, Role.TEXT).build());
        }
        return lines;
    }

    /** Groups side by side in as many columns as fit. */
    private static List<Line> groups(List<Details.Group> groups, int width, Glyphs glyphs) {
        int count = Flow.count(width, COLUMN_WIDTH, groups.size());
        int columnWidth = Flow.columnWidth(width, count);
        List<List<Line>> blocks = new ArrayList<>();
        for (Details.Group group : groups) blocks.add(group(group, columnWidth, glyphs));
        return Flow.columns(blocks, count, columnWidth);
    }

    private static List<Line> group(Details.Group group, int width, Glyphs glyphs) {
        List<Line> lines = new ArrayList<>();
        lines.add(Line.of(group.title(), Role.TITLE));
        int nameWidth = Math.min(width / 2, group.fields().stream().mapToInt(f -> Text.width(f.name())).max().orElse(0));
        for (Details.Field f : group.fields()) {
            String name = Text.padRight(Text.fit(glyphs.clean(f.name()), nameWidth, glyphs.ellipsis()), nameWidth);
            // Long values (a config_file path) wrap under themselves rather than lose their end.
            List<String> wrapped = Text.wrap(glyphs.clean(f.value()), Math.max(1, width - nameWidth - 4));
            for (int k = 0; k < wrapped.size(); k++) {
                lines.add(Line.builder().add("  " + (k == 0 ? name : " ".repeat(nameWidth)) + "  ", Role.MUTED)
                        .add(wrapped.get(k), Role.TEXT).build());
            }
        }
        return lines;
    }

    /** "1.4 MB", "87.8 MB", "12 ops": a latest value, large ones with a k/M/G/T prefix. */
    static String quantity(double v, String unit) {
        String[] prefixes = {"", "k", "M", "G", "T"};
        int p = 0;
        double scaled = v;
        while (Math.abs(scaled) >= 10_000 && p < prefixes.length - 1) {
            scaled /= 1000;
            p++;
        }
        if (p > 0 && p < prefixes.length - 1 && Math.abs(scaled) >= 1000) {
            scaled /= 1000;
            p++;
        }
        String number = scaled == Math.rint(scaled) ? String.valueOf((long) scaled) : String.format(Locale.ROOT, "%.1f", scaled);
        if (unit.isEmpty()) return number + prefixes[p];
        return number + " " + prefixes[p] + unit;
    }
}
