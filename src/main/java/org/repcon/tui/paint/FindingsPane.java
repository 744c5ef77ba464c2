package org.repcon.tui.paint;

import java.util.ArrayList;
import java.util.List;
import org.repcon.tui.theme.Role;
import org.repcon.view.FindingRow;
import org.repcon.view.Health;

/**
 * The findings pane: a line per finding (severity, code, target, summary). When every finding's
 * evidence, suggestion and command fit they are all shown; otherwise only the selected one's.
 */
public final class FindingsPane {

    /** @param selected index into findings of the selected one */
    public record Model(List<FindingRow> findings, int selected, boolean focused, String title, String empty) {}

    private static final int INDENT = 6;

    private FindingsPane() {}

    /** Lines wanted inside the border at this inner width, with everything expanded. */
    public static int neededHeight(List<FindingRow> findings, int innerWidth, Glyphs glyphs) {
        if (findings.isEmpty()) return 1;
        return lines(findings, -1, false, innerWidth, Integer.MAX_VALUE, glyphs).lines().size();
    }

    public static void paint(Canvas c, Model m, Scroll scroll) {
        Canvas inner = Panes.box(c, m.title(), m.focused());
        if (inner.height() <= 0 || inner.width() <= 0) return;
        if (m.findings().isEmpty()) {
            inner.put(1, 0, m.empty(), inner.palette().style(Role.OK));
            scroll.fit(0, inner.height());
            return;
        }
        int selected = Math.min(m.selected(), m.findings().size() - 1);
        Layout shown = lines(m.findings(), selected, m.focused(), inner.width(), Integer.MAX_VALUE, inner.glyphs());
        if (shown.lines().size() > inner.height()) {
            // Every finding's first line stays in view; the selected one's evidence gets the rest.
            int room = Math.max(1, inner.height() - m.findings().size());
            shown = lines(m.findings(), selected, m.focused(), inner.width(), room, inner.glyphs());
        }
        scroll.follow(shown.selectedFirst(), shown.selectedLast(), shown.lines().size(), inner.height());
        ListView.paint(inner, shown.lines(), scroll.top());
        Panes.footer(c, ListView.position(scroll, shown.lines().size()), m.focused());
    }

    private record Layout(List<Line> lines, int selectedFirst, int selectedLast) {}

    /**
     * @param room lines under the selected finding's first line for the rest of it; the others are
     *     expanded too when room is unlimited, and are one line each otherwise
     */
    private static Layout lines(List<FindingRow> findings, int selected, boolean focused, int width, int room,
                                Glyphs glyphs) {
        boolean expandAll = room == Integer.MAX_VALUE;
        List<Line> lines = new ArrayList<>();
        int first = 0, last = 0;
        for (int i = 0; i < findings.size(); i++) {
            FindingRow f = findings.get(i);
            boolean expanded = expandAll || i == selected;
            if (i == selected) first = lines.size();
            Line.Builder head = Line.builder()
                    .add(Text.padRight(severity(f.severity()), INDENT), Looks.signal(f.severity()))
                    .add(f.code(), Role.TEXT)
                    .add("  " + f.target(), Role.ACCENT);
            if (!expanded) head.add("  " + f.summary(), Role.MUTED);
            lines.add(head.selected(focused && i == selected).build());
            if (expanded) {
                List<Line> body = body(f, width, glyphs);
                if (body.size() > room) {
                    int more = body.size() - room + 1;
                    body = new ArrayList<>(body.subList(0, room));
                    body.set(room - 1, Line.builder().add(" ".repeat(INDENT), Role.TEXT)
                            .add(glyphs.ellipsis() + " " + more + " more lines in its details ("
                                    + (focused ? "Enter" : "Tab, Enter") + ")", Role.MUTED).build());
                }
                lines.addAll(body);
            }
            if (i == selected) last = lines.size() - 1;
        }
        return new Layout(lines, first, last);
    }

    /** Under a finding's first line: its summary, evidence, suggestion and command, wrapped. */
    static List<Line> body(FindingRow f, int width, Glyphs glyphs) {
        List<Line> lines = new ArrayList<>();
        int w = width - INDENT;
        wrapped(lines, glyphs.clean(f.summary()), "", w, Role.TEXT);
        for (String evidence : f.evidence()) wrapped(lines, glyphs.clean(evidence), "", w, Role.MUTED);
        if (!f.suggestion().isEmpty()) wrapped(lines, glyphs.clean(f.suggestion()), "fix: ", w, Role.TEXT);
        if (!f.command().isEmpty()) wrapped(lines, glyphs.clean(f.command()), "cmd: ", w, Role.KEY);
        return lines;
    }

    private static void wrapped(List<Line> lines, String text, String prefix, int width, Role role) {
        List<String> parts = Text.wrap(prefix + text, Math.max(1, width));
        for (String part : parts) {
            lines.add(Line.builder().add(" ".repeat(INDENT), Role.TEXT).add(part, role).build());
        }
    }

    static String severity(Health h) {
        return switch (h) {
            case CRIT -> "CRIT";
            case WARN -> "WARN";
            case UNKNOWN -> "UNKN";
            case OK -> "OK";
            case MUTED -> "INFO";
        };
    }
}
