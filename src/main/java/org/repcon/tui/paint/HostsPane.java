package org.repcon.tui.paint;

import java.util.ArrayList;
import java.util.List;
import org.repcon.tui.theme.Role;
import org.repcon.view.Cell;
import org.repcon.view.Health;
import org.repcon.view.HostPane;
import org.repcon.view.Row;

/** The hosts pane: a block per host, its title then a table row per instance and tunnel. */
public final class HostsPane {

    /**
     * @param hosts the hosts shown (filtered)
     * @param allRows every row of the view, so that column widths stay put while a filter is typed
     * @param selectedKey the selected row's key, or null
     * @param title the pane title, with the filter when one is set
     * @param empty what to say when there is nothing to show
     */
    public record Model(List<HostPane> hosts, List<Row> allRows, String selectedKey, boolean focused, String title,
                        String empty) {}

    private HostsPane() {}

    /** Lines the pane wants inside its border: the column header and a title and rows per host. */
    public static int neededHeight(List<HostPane> hosts) {
        return 1 + hosts.stream().mapToInt(h -> 1 + h.rows().size()).sum();
    }

    public static int neededWidth(List<Row> rows) {
        return Columns.naturalWidth(rows) + 2;
    }

    public static void paint(Canvas c, Model m, Scroll scroll) {
        Canvas inner = Panes.box(c, m.title(), m.focused());
        if (inner.height() <= 0 || inner.width() <= 0) return;
        Columns columns = Columns.fit(m.allRows(), inner.width());
        inner.put(0, 0, header(columns, inner.width()), inner.palette().style(Role.COLUMN));
        Canvas body = inner.sub(new Rect(0, 1, inner.width(), inner.height() - 1));
        if (m.hosts().isEmpty()) {
            if (body.height() > 0) body.put(1, 0, m.empty(), body.palette().style(Role.MUTED));
            scroll.fit(0, body.height());
            return;
        }
        List<Line> lines = new ArrayList<>();
        int selected = -1, selectedFirst = -1;
        for (HostPane host : m.hosts()) {
            int titleLine = lines.size();
            lines.add(title(host, body.glyphs()));
            for (Row row : host.rows()) {
                boolean isSelected = m.focused() && row.key().equals(m.selectedKey());
                if (row.key().equals(m.selectedKey())) {
                    selected = lines.size();
                    // The first row of a host brings its title into view with it.
                    selectedFirst = row == host.rows().get(0) ? titleLine : selected;
                }
                lines.add(row(row, columns, body.glyphs()).selected(isSelected));
            }
        }
        if (selected >= 0) scroll.follow(selectedFirst, selected, lines.size(), body.height(), 2);
        else scroll.fit(lines.size(), body.height());
        ListView.paint(body, lines, scroll.top());
        Panes.footer(c, ListView.position(scroll, lines.size()), m.focused());
    }

    private static String header(Columns columns, int width) {
        StringBuilder b = new StringBuilder(" ".repeat(Columns.GUTTER));
        for (Columns.Column col : columns.columns()) {
            String h = col.cell() == Columns.BAR ? "" : col.header();
            b.append(col.rightAligned() ? Text.padLeft(h, col.width()) : Text.padRight(h, col.width()))
                    .append(" ".repeat(columns.gap()));
        }
        return Text.head(b.toString().stripTrailing(), width);
    }

    private static Line title(HostPane host, Glyphs glyphs) {
        return Line.builder()
                .add(String.valueOf(glyphs.bullet()), Looks.signal(host.health()))
                .add(" " + host.name(), Role.TITLE)
                .add(host.subtitle().isEmpty() ? "" : "  " + host.subtitle(), Role.MUTED)
                .build();
    }

    private static Line row(Row row, Columns columns, Glyphs glyphs) {
        Line.Builder b = Line.builder();
        String gap = " ".repeat(columns.gap());
        Health marked = row.findings() > 0 ? row.health() : Health.OK;
        b.add(Looks.marker(marked), Looks.signal(marked));
        for (Columns.Column col : columns.columns()) {
            if (col.cell() == Columns.BAR) {
                String filled = Bar.filled(row.memoryFraction(), col.width(), glyphs);
                String empty = row.memoryFraction() < 0 ? " ".repeat(col.width()) : Bar.empty(filled, col.width(), glyphs);
                b.add(filled, Looks.signal(row.memory().health())).add(empty, Role.BAR_EMPTY).add(gap, Role.TEXT);
                continue;
            }
            Cell cell = row.cells().get(col.cell());
            Health health = cell.health();
            if (col.header().equals("NAME") && row.health() != Health.OK) health = health.worst(row.health());
            String text = Text.fit(glyphs.clean(cell.text()), col.width(), glyphs.ellipsis());
            text = col.rightAligned() ? Text.padLeft(text, col.width()) : Text.padRight(text, col.width());
            b.add(text, Looks.value(health)).add(gap, Role.TEXT);
        }
        return b.build();
    }
}
