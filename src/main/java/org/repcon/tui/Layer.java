package org.repcon.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.input.KeyStroke;
import java.util.List;
import org.repcon.tui.KeyBinding.Context;
import org.repcon.tui.paint.Canvas;

/**
 * One layer of the console's context stack (lazygit's shape): the hosts at the bottom, then what opens over them
 * (topology, findings, details, setup, the output box, help, a line being typed, a question). Only the top layer
 * gets keys, through its binding contexts; it scrolls with the moving keys and decides what Esc does. {@link Frame}
 * paints the stack from the highest layer that covers the body upwards, then the top layer's bottom line.
 */
abstract class Layer {

    protected final Ui ui;

    Layer(Ui ui) {
        this.ui = ui;
    }

    /** The binding contexts that answer keys while this layer is on top, most specific first. */
    abstract List<Context> contexts();

    /** j/k and Home/End (a million lines): the layer's own list or scroll. */
    void move(int delta) {}

    /** PgDn/PgUp: a page is the pane's height less a line, so that one line of context stays. */
    void page(int pages) {}

    /** Esc: by default the layer leaves the stack. */
    void back() {
        ui.remove(this);
    }

    /** A key none of its bindings took (a line types it). */
    void unbound(KeyStroke key, String name) {}

    /** Paints itself over the layers under it; {@code screen} is the whole screen, header and bottom line included. */
    void paint(Canvas screen) {}

    /** Whether it paints the whole body, so that the layers under it need not be painted. */
    boolean covers() {
        return false;
    }

    /** A line being typed or a question: it stays above layers opened later, so what waits for keys is never hidden. */
    boolean onTop() {
        return false;
    }

    /** The bottom line while this layer is on top; returns the cursor's place, or null to hide it. */
    TerminalPosition bottom(Canvas line, long now, int row) {
        return Frame.messageOrHints(line, ui, now, contexts());
    }

    /** Leaving the stack (Esc, replaced, quitting): stops what feeds it, answers what waits on it. */
    void closed() {}
}
