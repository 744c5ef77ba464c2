package org.repcon.tui;

import static org.repcon.tui.KeyBinding.Context.FINDINGS;
import static org.repcon.tui.KeyBinding.Context.GLOBAL;
import static org.repcon.tui.KeyBinding.Context.MAIN;
import static org.repcon.tui.KeyBinding.Context.MOVE;

import java.util.List;
import org.repcon.tui.KeyBinding.Context;

/** Tab: the focus on the findings pane (the hosts layer paints it): keys select a finding, x and c use it. */
final class FindingsLayer extends Layer {

    FindingsLayer(Ui ui) {
        super(ui);
    }

    @Override
    List<Context> contexts() {
        return List.of(FINDINGS, MAIN, MOVE, GLOBAL);
    }

    @Override
    void move(int delta) {
        ui.selection().moveFinding(ui.shown(), delta);
    }

    /** A finding takes about three lines: a page moves by a third of the pane. */
    @Override
    void page(int pages) {
        move(pages * Math.max(1, ui.hosts().findingsScroll.viewport() / 3));
    }

    /** Esc clears a filter first, as on the hosts. */
    @Override
    void back() {
        if (!ui.filter().isEmpty()) ui.setFilter("");
        else ui.remove(this);
    }
}
