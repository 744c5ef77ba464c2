package org.repcon.tui.paint;

import java.util.ArrayList;
import java.util.List;
import org.repcon.tui.theme.Role;

/**
 * The setup view: a host's steps with their states above, and below either the selected step (what it does, what
 * applying runs, its file's diff) or the output of an apply as it runs.
 */
public final class SetupPane {

    /** One step as listed: its state (word and colour), its kind, what it does and why it is in that state. */
    public record StepRow(String state, Role stateRole, String kind, String title, String detail) {}

    /**
     * @param stepsFocused whether the list has the focus (the lower pane has it while it shows output)
     * @param detail the lower pane's lines, below the status line
     */
    public record Model(String title, List<StepRow> steps, int selected, boolean stepsFocused, String empty,
                        String detailTitle, String status, boolean statusError, List<Line> detail) {}

    private static final int STATE_WIDTH = 9;
    private static final int KIND_WIDTH = 20;
    /** The lower pane keeps at least this many lines, borders included. */
    private static final int DETAIL_MIN = 6;

    private SetupPane() {}

    public static void paint(Canvas c, Model m, Scroll steps, Scroll detail) {
        int wanted = m.steps().size() + 2;
        int top = Math.max(Math.min(3, c.height()), Math.min(wanted, c.height() - Math.min(DETAIL_MIN, c.height() / 2)));
        Canvas list = Panes.box(c.sub(new Rect(0, 0, c.width(), top)), m.title(), m.stepsFocused());
        if (list.height() > 0 && list.width() > 0) {
            if (m.steps().isEmpty()) {
                list.put(1, 0, m.empty(), list.palette().style(Role.MUTED));
                steps.fit(0, list.height());
            } else {
                List<Line> lines = new ArrayList<>();
                for (int i = 0; i < m.steps().size(); i++) lines.add(row(m.steps().get(i), i == m.selected() && m.stepsFocused()));
                steps.follow(m.selected(), m.selected(), lines.size(), list.height());
                ListView.paint(list, lines, steps.top());
                Panes.footer(c.sub(new Rect(0, 0, c.width(), top)), ListView.position(steps, lines.size()), m.stepsFocused());
            }
        }
        if (c.height() - top < 3) return;
        Canvas lower = c.sub(new Rect(0, top, c.width(), c.height() - top));
        Canvas inner = Panes.box(lower, m.detailTitle(), !m.stepsFocused());
        if (inner.height() <= 0 || inner.width() <= 0) return;
        List<Line> lines = new ArrayList<>();
        if (!m.status().isEmpty()) {
            for (String part : Text.wrap(m.status(), inner.width() - 1)) {
                lines.add(Line.of(" " + part, m.statusError() ? Role.CRIT : Role.ACCENT));
            }
            lines.add(Line.EMPTY);
        }
        for (Line l : m.detail()) lines.addAll(wrapped(l, inner.width()));
        detail.fit(lines.size(), inner.height());
        ListView.paint(inner, lines, detail.top());
        Panes.footer(lower, ListView.position(detail, lines.size()), !m.stepsFocused());
    }

    private static Line row(StepRow r, boolean selected) {
        return Line.builder().add(" " + Text.padRight(r.state(), STATE_WIDTH), r.stateRole())
                .add(Text.padRight(r.kind(), KIND_WIDTH), Role.MUTED).add(r.title(), Role.TEXT)
                .add(r.detail().isEmpty() ? "" : "  " + r.detail(), Role.MUTED).selected(selected).build();
    }

    /** A line of one span longer than the pane, wrapped under itself; other lines are cut at the edge. */
    private static List<Line> wrapped(Line line, int width) {
        if (line.spans().size() != 1 || line.width() <= width) return List.of(line);
        Span span = line.spans().get(0);
        String text = span.text();
        String indent = text.substring(0, text.length() - text.stripLeading().length());
        List<String> parts = Text.wrap(text, Math.max(1, width - indent.length() - 2));
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) out.add(Line.of(indent + (i == 0 ? "" : "  ") + parts.get(i), span.role()));
        return out;
    }

    /** A line of a unified diff, coloured as diffs are: added, removed, hunk headers. */
    public static Line diffLine(String line) {
        Role role = line.startsWith("+++") || line.startsWith("---") ? Role.MUTED
                : line.startsWith("+") ? Role.OK : line.startsWith("-") ? Role.CRIT : line.startsWith("@@") ? Role.ACCENT : Role.TEXT;
        return Line.of(" " + line, role);
    }
}
