package org.repcon.tui;

import static org.repcon.tui.KeyBinding.Context.GLOBAL;
import static org.repcon.tui.KeyBinding.Context.MOVE;

import java.util.List;
import org.repcon.tui.KeyBinding.Context;
import org.repcon.tui.paint.Scroll;

/** A layer of text to read (details, help, the output box): its own keys, then the moving keys scroll it, then the global ones. */
abstract class ScrollingLayer extends Layer {

    private final Context own;
    protected final Scroll scroll = new Scroll();

    ScrollingLayer(Ui ui, Context own) {
        super(ui);
        this.own = own;
    }

    @Override
    final List<Context> contexts() {
        return List.of(own, MOVE, GLOBAL);
    }

    @Override
    final void move(int delta) {
        scroll.by(delta);
    }

    @Override
    final void page(int pages) {
        scroll.by(scroll.pageLines(pages));
    }
}
