package org.repcon.tui.paint;

import java.util.ArrayList;
import java.util.List;
import org.repcon.tui.theme.Role;
import org.repcon.view.Row;

/** The '?' overlay: every key binding, grouped by where it applies, and the columns' legend, in a box over the screen. */
public final class HelpOverlay {

    public record Entry(String keys, String description) {}

    public record Section(String title, List<Entry> entries) {}

    private static final int MAX_WIDTH = 72;
    private static final int TWO_COLUMNS = 100;

    private HelpOverlay() {}

    /** The legend of the host table: one entry per column saying what it measures. */
    public static Section columns() {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < Row.HEADERS.size(); i++) entries.add(new Entry(Row.HEADERS.get(i), Row.MEANINGS.get(i)));
        return new Section("Columns of the host table", entries);
    }

    /** Centred in the canvas; two columns of sections when one would not fit and the screen is wide. */
    public static void paint(Canvas c, List<Section> sections, String footer, Scroll scroll) {
        int keysWidth = sections.stream().flatMap(s -> s.entries().stream())
                .mapToInt(e -> Text.width(e.keys())).max().orElse(0);
        List<Line> lines = lines(sections, keysWidth, MAX_WIDTH - 4);
        int width = MAX_WIDTH;
        if (lines.size() + 2 > c.height() && c.width() >= TWO_COLUMNS) {
            width = Math.min(c.width(), 2 * MAX_WIDTH);
            int columnWidth = Flow.columnWidth(width - 3, 2);
            List<List<Line>> blocks = new ArrayList<>();
            for (Section s : sections) blocks.add(lines(List.of(s), keysWidth, columnWidth));
            lines = Flow.columns(blocks, 2, columnWidth);
        } else if (c.width() - MAX_WIDTH < 10) {
            // On a narrow screen a box with thin margins only looks cluttered: take the whole width.
            width = c.width();
        }
        TextOverlay.paint(c, "Keys", lines, width, footer, scroll);
    }

    /** Sections as lines: a title, then keys and wrapped descriptions. */
    private static List<Line> lines(List<Section> sections, int keysWidth, int width) {
        int textWidth = Math.max(10, width - keysWidth - 4);
        List<Line> lines = new ArrayList<>();
        for (Section section : sections) {
            if (!lines.isEmpty()) lines.add(Line.EMPTY);
            lines.add(Line.of(section.title(), Role.TITLE));
            for (Entry e : section.entries()) {
                List<String> wrapped = Text.wrap(e.description(), textWidth);
                for (int i = 0; i < wrapped.size(); i++) {
                    lines.add(Line.builder().add("  " + Text.padRight(i == 0 ? e.keys() : "", keysWidth) + "  ", Role.KEY)
                            .add(wrapped.get(i), Role.TEXT).build());
                }
            }
        }
        return lines;
    }
}
