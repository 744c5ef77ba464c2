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

    /**
     * @param selected index into findings of the selected one
     * @param marks what the console knows of each finding, in the order of findings (or none)
     */
    public record Model(List<FindingRow> findings, int selected, boolean focused, String title, String empty,
                        List<Mark> marks) {
        public Model(List<FindingRow> findings, int selected, boolean focused, String title, String empty) {
            this(findings, selected, focused, title, empty, List.of());
        }

        Mark mark(int i) {
            return i < marks.size() ? marks.get(i) : Mark.NONE;
        }
    }

    /**
     * @param since when it was first seen ("since 03:12:05"), or empty
     * @param acknowledged how it is acknowledged ("ack until 11:00"), or empty when it is not: then it is drawn dimmed
     */
    public record Mark(String since, String acknowledged) {
        public static final Mark NONE = new Mark("", "");
    }

    private static final int INDENT = 6;

    private FindingsPane() {}

    /** Lines wanted inside the border at this inner width, with everything expanded. */
    public static int neededHeight(List<FindingRow> findings, int innerWidth, Glyphs glyphs) {
        if (findings.isEmpty()) return 1;
        return lines(new Model(findings, -1, false, "", ""), -1, innerWidth, Integer.MAX_VALUE, glyphs).lines().size();
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
        Layout shown = lines(m, selected, inner.width(), Integer.MAX_VALUE, inner.glyphs());
        if (shown.lines().size() > inner.height()) {
            // Every finding's first line stays in view; the selected one's evidence gets the rest.
            int room = Math.max(1, inner.height() - m.findings().size());
            shown = lines(m, selected, inner.width(), room, inner.glyphs());
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
    private static Layout lines(Model m, int selected, int width, int room, Glyphs glyphs) {
        List<FindingRow> findings = m.findings();
        boolean focused = m.focused();
        boolean expandAll = room == Integer.MAX_VALUE;
        List<Line> lines = new ArrayList<>();
        int first = 0, last = 0;
        for (int i = 0; i < findings.size(); i++) {
            FindingRow f = findings.get(i);
            boolean expanded = expandAll || i == selected;
            if (i == selected) first = lines.size();
            Mark mark = m.mark(i);
            boolean dim = !mark.acknowledged().isEmpty(); // acknowledged: still there, but quiet
            Line.Builder head = Line.builder()
                    .add(Text.padRight(severity(f.severity()), INDENT), dim ? Role.MUTED : Looks.signal(f.severity()))
                    .add(f.code(), dim ? Role.MUTED : Role.TEXT)
                    .add("  " + f.target(), dim ? Role.MUTED : Role.ACCENT);
            if (!mark.since().isEmpty()) head.add("  " + mark.since(), Role.MUTED);
            if (dim) head.add("  [" + mark.acknowledged() + "]", Role.MUTED);
            if (!expanded) head.add("  " + f.summary(), Role.MUTED);
            lines.add(head.selected(focused && i == selected).build());
            if (expanded) {
                List<Line> body = dim ? body(f, width, glyphs).stream().map(FindingsPane::dimmed).toList() : body(f, width, glyphs);
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

    private static Line dimmed(Line line) {
        return new Line(line.spans().stream().map(sp -> new Span(sp.text(), Role.MUTED)).toList(), line.selected());
    }

    private static void wrapped(List<Line> lines, String text, String prefix, int width, Role role) {
        List<String> parts = Text.wrap(prefix + text, Math.max(1, width));
        for (String part : parts) {
            lines.add(Line.builder().add(" ".repeat(INDENT), Role.TEXT).add(part, role).build());
        }
    }

    public static String severity(Health h) {
        return switch (h) {
            case CRIT -> "CRIT";
            case WARN -> "WARN";
            case UNKNOWN -> "UNKN";
            case OK -> "OK";
            case MUTED -> "INFO";
        };
    }
}
