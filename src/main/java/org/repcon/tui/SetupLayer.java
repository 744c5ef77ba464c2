package org.repcon.tui;

import static org.repcon.tui.KeyBinding.Context.GLOBAL;
import static org.repcon.tui.KeyBinding.Context.MOVE;
import static org.repcon.tui.KeyBinding.Context.SETUP;

import java.util.List;
import org.repcon.tui.KeyBinding.Context;
import org.repcon.tui.paint.Canvas;
import org.repcon.tui.paint.Layout;
import org.repcon.tui.paint.SetupPane;

/** S or :setup: one host's setup steps over the whole body; its questions come on the bottom line above it. */
final class SetupLayer extends Layer {

    final SetupView view;

    SetupLayer(Ui ui, SetupView view) {
        super(ui);
        this.view = view;
    }

    @Override
    List<Context> contexts() {
        return List.of(SETUP, MOVE, GLOBAL);
    }

    @Override
    void move(int delta) {
        view.move(delta);
    }

    @Override
    void page(int pages) {
        view.move(view.stepsScroll.pageLines(pages));
    }

    @Override
    boolean covers() {
        return true;
    }

    @Override
    void paint(Canvas screen) {
        SetupPane.paint(screen.sub(Layout.body(screen.width(), screen.height())), view.model(), view.stepsScroll, view.detailScroll);
    }

    /** Its worker stops: a question pending is cancelled, a check or apply running is interrupted. */
    @Override
    void closed() {
        view.close();
    }
}
