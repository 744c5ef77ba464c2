package org.repcon.tui.paint;

import java.util.ArrayList;
import java.util.List;
import org.repcon.action.OutputLine;
import org.repcon.tui.theme.Role;

/**
 * A titled box over the screen with scrollable lines: the help's keys, and the output of commands
 * (an action's preview and progress, logs, explanations).
 */
public final class TextOverlay {

    private TextOverlay() {}

    /** The box, centred, {@code width} wide (at most the canvas), as tall as its lines or the canvas. */
    public static void paint(Canvas c, String title, List<Line> lines, int width, String footer, Scroll scroll) {
        Canvas box = c.sub(new Rect(0, 0, c.width(), c.height()).centred(Math.min(width, c.width()), lines.size() + 2));
        box.fill(box.palette().style(Role.TEXT));
        Canvas inner = Panes.box(box, title, true);
        if (inner.height() <= 0) return;
        Canvas body = inner.sub(new Rect(1, 0, Math.max(0, inner.width() - 1), inner.height()));
        scroll.fit(lines.size(), body.height());
        ListView.paint(body, lines, scroll.top());
        String position = ListView.position(scroll, lines.size());
        Panes.footer(box, position.isEmpty() ? footer : position + "  " + footer, true);
    }

    /** An action's output as lines: wrapped to the box, each drawn by its kind (a diff's lines, known log lines...). */
    public static List<Line> lines(List<OutputLine> output, int width) {
        List<Line> out = new ArrayList<>();
        for (OutputLine line : output) {
            Role role = roleOf(line);
            for (String part : Text.wrap(line.text(), Math.max(10, width))) out.add(Line.of(part, role));
        }
        return out;
    }

    /** How a line of an action's output is drawn: by what it is, never by what its text begins with. */
    public static Role roleOf(OutputLine line) {
        return switch (line.kind()) {
            // Known Redis log lines: good news green, trouble red, as the log pane promises; other log lines as text.
            case LOG -> line.meaning().map(m -> m.good() ? Role.OK : Role.CRIT).orElse(Role.TEXT);
            case HEADING -> Role.TITLE;
            case DIFF_FILE -> Role.MUTED;
            case DIFF_HUNK -> Role.ACCENT;
            case DIFF_ADDED -> Role.OK;
            case DIFF_REMOVED -> Role.CRIT;
            case WARNING -> Role.WARN;
            case TEXT, DIFF_CONTEXT -> Role.TEXT;
        };
    }
}
