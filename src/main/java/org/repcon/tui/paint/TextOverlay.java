package org.repcon.tui.paint;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * Output text as lines: wrapped to the box, diff lines and known log lines in their colours.
     *
     * @param roles the role of each text line (same size as {@code text})
     */
    public static List<Line> lines(List<String> text, List<Role> roles, int width) {
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            for (String part : Text.wrap(text.get(i), Math.max(10, width))) out.add(Line.of(part, roles.get(i)));
        }
        return out;
    }

    /** How a line of command output is drawn: a diff's added and removed lines, hunks, headings. */
    public static Role roleOf(String line) {
        // Known Redis log lines first: good news green, trouble red, as the log pane promises.
        var known = org.repcon.diagnosis.LogPatterns.meaning(line);
        if (known.isPresent()) return known.get().good() ? Role.OK : Role.CRIT;
        if (line.startsWith("+++") || line.startsWith("---")) return Role.MUTED;
        if (line.startsWith("+")) return Role.OK;
        if (line.startsWith("-")) return Role.CRIT;
        if (line.startsWith("@@")) return Role.ACCENT;
        if (line.startsWith("warning:") || line.startsWith("refused") || line.startsWith("failed")) return Role.WARN;
        return Role.TEXT;
    }
}
