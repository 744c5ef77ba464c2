package org.repcon.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.List;
import org.repcon.tui.KeyBinding.Context;
import org.repcon.tui.paint.BottomLine;
import org.repcon.tui.paint.Canvas;
import org.repcon.tui.paint.Glyphs;
import org.repcon.tui.paint.HeaderBar;
import org.repcon.tui.paint.Layout;
import org.repcon.tui.paint.Rect;
import org.repcon.tui.theme.Role;
import org.repcon.view.ConsoleView;

/**
 * Draws the whole screen from the UI state: the header, the context stack bottom to top (from the highest layer
 * that covers the body, since nothing under it shows), and the top layer's bottom line.
 */
final class Frame {

    private Frame() {}

    /** Paints every cell of a {@code width} x {@code height} screen; returns the cursor's place, or null to hide it. */
    static TerminalPosition paint(TextGraphics g, int width, int height, Ui ui, long now) {
        Glyphs glyphs = Glyphs.of(ui.caps().unicode());
        Canvas screen = new Canvas(g, new Rect(0, 0, width, height), glyphs, ui.palette());
        screen.fill(ui.palette().style(Role.TEXT));
        if (Layout.tooSmall(width, height)) {
            String text = "terminal too small: " + width + "x" + height + ", need " + Layout.MIN_WIDTH + "x" + Layout.MIN_HEIGHT;
            Rect line = new Rect(0, 0, width, height).centred(width, 1);
            screen.sub(line).put(Math.max(0, (width - text.length()) / 2), 0, text, ui.palette().style(Role.WARN));
            return null;
        }
        Rect whole = new Rect(0, 0, width, height);
        HeaderBar.paint(screen.sub(whole.top(1)), header(ui, now));
        List<Layer> layers = ui.layers();
        int from = layers.size() - 1;
        while (from > 0 && !layers.get(from).covers()) from--;
        for (Layer layer : layers.subList(from, layers.size())) layer.paint(screen);
        return ui.top().bottom(screen.sub(whole.bottomRows(1)), now, height - 1);
    }

    private static HeaderBar.Model header(Ui ui, long now) {
        ConsoleView v = ui.view();
        String refreshed, refreshedShort;
        boolean stale = false;
        if (v.refreshedAt() == 0) {
            refreshed = "waiting for the first refresh";
            refreshedShort = "waiting";
        } else {
            long age = now - v.refreshedAt();
            String ago = Durations.ago(age);
            refreshed = "refreshed " + ago + " ago";
            refreshedShort = ago + " ago";
            stale = age > 3 * ui.interval().toMillis() + 1000;
        }
        return new HeaderBar.Model(v.topologyName(), v.ok(), v.warn(), v.crit(), refreshed, refreshedShort, stale,
                "every " + Durations.seconds(ui.interval()), ui.readOnly());
    }

    /** The bottom line of a layer with nothing to type or answer: a message while one shows, else its key hints. */
    static TerminalPosition messageOrHints(Canvas c, Ui ui, long now, List<Context> contexts) {
        String message = ui.message().text(now);
        if (!message.isEmpty()) {
            BottomLine.message(c, message, ui.message().error());
            return null;
        }
        String note = ui.filter().isEmpty() ? "" : "/" + ui.filter();
        BottomLine.hints(c, KeyBindings.hints(contexts), KeyBindings.HELP_HINT, note);
        return null;
    }

    /** While typing, the line's own keys, shown to the right of what is typed. */
    static String hintText(List<Context> contexts) {
        StringBuilder b = new StringBuilder();
        for (BottomLine.Hint h : KeyBindings.hints(contexts)) {
            if (b.length() > 0) b.append("  ");
            b.append(h.keys()).append(' ').append(h.description());
        }
        return b.toString();
    }
}
