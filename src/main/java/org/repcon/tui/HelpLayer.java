package org.repcon.tui;

import static org.repcon.tui.KeyBinding.Context.HELP;

import org.repcon.tui.paint.Canvas;
import org.repcon.tui.paint.HelpOverlay;
import org.repcon.tui.paint.Layout;

/** ?: every binding, by context, in a box over the rest; keys scroll it, Esc or ? closes it. */
final class HelpLayer extends ScrollingLayer {

    HelpLayer(Ui ui) {
        super(ui, HELP);
    }

    @Override
    void paint(Canvas screen) {
        HelpOverlay.paint(screen.sub(Layout.body(screen.width(), screen.height())), KeyBindings.help(), "Esc closes", scroll);
    }
}
