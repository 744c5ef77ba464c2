package org.repcon.tui;

import static org.repcon.tui.KeyBinding.Context.GLOBAL;
import static org.repcon.tui.KeyBinding.Context.MAIN;
import static org.repcon.tui.KeyBinding.Context.MOVE;

import java.util.List;
import org.repcon.tui.KeyBinding.Context;
import org.repcon.tui.paint.Scroll;

/** T: the replication paths as the main pane (the hosts layer paints them); keys scroll them, Esc goes back to hosts. */
final class TopologyLayer extends Layer {

    TopologyLayer(Ui ui) {
        super(ui);
    }

    @Override
    List<Context> contexts() {
        return List.of(MAIN, MOVE, GLOBAL);
    }

    private Scroll scroll() {
        return ui.hosts().topologyScroll;
    }

    @Override
    void move(int delta) {
        scroll().by(delta);
    }

    @Override
    void page(int pages) {
        scroll().by(scroll().pageLines(pages));
    }

    /** Esc clears a filter first, as on the hosts. */
    @Override
    void back() {
        if (!ui.filter().isEmpty()) ui.setFilter("");
        else ui.remove(this);
    }
}
