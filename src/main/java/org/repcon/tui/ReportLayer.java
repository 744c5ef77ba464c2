package org.repcon.tui;

import static org.repcon.tui.KeyBinding.Context.REPORT;

import java.util.ArrayList;
import java.util.List;
import org.repcon.action.OutputLine;
import org.repcon.tui.paint.Canvas;
import org.repcon.tui.paint.Layout;
import org.repcon.tui.paint.TextOverlay;

/**
 * The output box over the rest (an action's preview and progress, logs, an explanation): keys scroll it, Space
 * pauses a log follow, Esc closes it and stops what feeds it.
 */
final class ReportLayer extends ScrollingLayer {

    private final String title;
    private final Runnable onClose; // stops what feeds the box (a log follow)
    private final List<OutputLine> lines = new ArrayList<>();
    private final List<OutputLine> held = new ArrayList<>(); // lines that came while paused
    private boolean paused;
    private boolean live; // fed by a follow that has started

    ReportLayer(Ui ui, String title, List<OutputLine> lines, Runnable onClose) {
        super(ui, REPORT);
        this.title = title;
        this.onClose = onClose;
        this.lines.addAll(lines);
        if (onClose != null) scroll.by(1_000_000); // a live box starts at its newest lines
    }

    /** Adds a line and keeps the end in view; held while paused. */
    void append(OutputLine line) {
        if (paused) {
            held.add(line);
            return;
        }
        lines.add(line);
        scroll.by(1_000_000);
    }

    void following() {
        if (onClose != null) live = true;
    }

    /** Space: stops the lines moving (they are kept) or lets them go on. */
    void togglePause() {
        paused = !paused;
        if (!paused) {
            held.forEach(this::append);
            held.clear();
        }
    }

    /** The box's title with what it is doing: following, paused with lines waiting. */
    String heading() {
        if (!live) return title;
        return title + (paused ? "  (paused, " + held.size() + " new; Space goes on)" : "  (following; Space pauses)");
    }

    @Override
    void paint(Canvas screen) {
        Canvas area = screen.sub(Layout.body(screen.width(), screen.height()));
        int boxWidth = Math.min(area.width(), Math.max(60, area.width() * 9 / 10));
        boolean asked = ui.top() instanceof LineLayer line && line.mode() == LineLayer.Mode.ANSWER;
        TextOverlay.paint(area, heading(), TextOverlay.lines(lines, boxWidth - 4), boxWidth,
                asked ? "PgUp/PgDn, answer below" : "Esc closes", scroll);
    }

    @Override
    void closed() {
        if (onClose != null) onClose.run();
    }
}
