package org.repcon.tui.paint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.repcon.view.Row;

/**
 * Which of the host table's columns fit a width, and how wide each is. Widths come from the data
 * (all rows, not only the filtered ones, so columns do not jump while a filter is typed); columns
 * that do not fit are left out by priority, the name and link first to stay.
 */
public final class Columns {

    /** A table column: a cell index into {@link Row#cells()}, or {@link #BAR} for the memory bar. */
    public record Column(int cell, String header, int width, boolean rightAligned) {}

    public static final int BAR = -1;
    /** The finding marker in front of every row. */
    public static final int GUTTER = 2;
    static final int GAP = 1;

    private static final Map<String, Integer> PRIORITY = Map.of("NAME", 0, "LINK", 1, "LAST IO", 2, "ROLE", 3,
            "LAG B", 4, "MEMORY", 5, "SYNC", 6, "REPLICA OFS", 8, "MASTER OFS", 9);
    private static final int BAR_PRIORITY = 7;
    private static final Set<String> RIGHT = Set.of("MASTER OFS", "REPLICA OFS", "LAG B", "LAG S", "LAST IO", "SYNC",
            "LEARNS", "MEMORY");
    /** Columns only some deployments fill (the heartbeat's, Rspamd's counters): left out while no row has a value. */
    private static final Set<String> OPTIONAL = Set.of("LAG S", "LEARNS");
    private static final int NAME_MIN = 10, NAME_MAX = 28, BAR_MIN = 6, BAR_MAX = 12;

    private final List<Column> columns;
    private final int gap;

    private Columns(List<Column> columns, int gap) {
        this.columns = List.copyOf(columns);
        this.gap = gap;
    }

    public List<Column> columns() {
        return columns;
    }

    /** Spaces between columns: two when the width allows, for readability. */
    public int gap() {
        return gap;
    }

    /** Width of a full row with every column. */
    public static int naturalWidth(List<Row> rows) {
        int w = GUTTER + BAR_MAX + GAP;
        List<Column> natural = natural(rows);
        for (int i = 0; i < natural.size(); i++) if (shown(rows, natural.get(i))) w += natural.get(i).width() + GAP;
        return w;
    }

    public static Columns fit(List<Row> rows, int width) {
        List<Column> natural = natural(rows);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < natural.size(); i++) if (shown(rows, natural.get(i))) order.add(i);
        order.add(BAR);
        order.sort(Comparator.comparingInt(i -> i == BAR ? BAR_PRIORITY : priority(natural.get(i).header())));

        // Take columns by priority, the name whole if the screen allows, the rest whole or not at
        // all, then give what is left to the bar.
        Map<Integer, Integer> widths = new HashMap<>();
        int budget = width - GUTTER;
        for (int i : order) {
            int w = i == BAR ? BAR_MIN : natural.get(i).width();
            if (i != BAR && natural.get(i).header().equals("NAME")) w = Math.max(Math.min(w, NAME_MIN), Math.min(w, budget - GAP));
            if (w + GAP > budget && !widths.isEmpty()) continue;
            widths.put(i, w);
            budget -= w + GAP;
        }
        for (int i : order) {
            if (!widths.containsKey(i) || budget <= 0) continue;
            int target = i == BAR ? BAR_MAX : natural.get(i).width();
            int grow = Math.min(budget, target - widths.get(i));
            widths.put(i, widths.get(i) + grow);
            budget -= grow;
        }
        List<Column> result = new ArrayList<>();
        for (int i = 0; i < natural.size(); i++) {
            if (!widths.containsKey(i)) continue;
            Column c = natural.get(i);
            result.add(new Column(c.cell(), c.header(), Math.max(1, widths.get(i)), c.rightAligned()));
            if (c.header().equals("MEMORY") && widths.containsKey(BAR)) result.add(bar(widths.get(BAR)));
        }
        if (widths.containsKey(BAR) && result.stream().noneMatch(c -> c.cell() == BAR)) result.add(bar(widths.get(BAR)));
        return new Columns(result, budget >= result.size() ? 2 : GAP);
    }

    private static Column bar(int width) {
        return new Column(BAR, "", width, false);
    }

    private static List<Column> natural(List<Row> rows) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < Row.HEADERS.size(); i++) {
            String header = Row.HEADERS.get(i);
            int w = Text.width(header);
            for (Row row : rows) w = Math.max(w, Text.width(row.cells().get(i).text()));
            if (header.equals("NAME")) w = Math.min(w, NAME_MAX);
            columns.add(new Column(i, header, w, RIGHT.contains(header)));
        }
        return columns;
    }

    private static boolean shown(List<Row> rows, Column c) {
        return !OPTIONAL.contains(c.header()) || rows.stream().anyMatch(r -> !r.cells().get(c.cell()).text().isBlank());
    }

    private static int priority(String header) {
        return PRIORITY.getOrDefault(header, 10);
    }
}
