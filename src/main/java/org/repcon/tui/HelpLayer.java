package org.repcon.tui;

import static org.repcon.tui.KeyBinding.Context.HELP;

import java.util.ArrayList;
import java.util.List;
import org.repcon.tui.paint.Canvas;
import org.repcon.tui.paint.HelpOverlay;
import org.repcon.tui.paint.Layout;

/** ?: every binding, by context, and what each table column measures, in a box over the rest; keys scroll it, Esc or ? closes it. */
final class HelpLayer extends ScrollingLayer {

    HelpLayer(Ui ui) {
        super(ui, HELP);
    }

    @Override
    void paint(Canvas screen) {
        List<HelpOverlay.Section> sections = new ArrayList<>(KeyBindings.help());
        sections.add(HelpOverlay.columns());
        HelpOverlay.paint(screen.sub(Layout.body(screen.width(), screen.height())), sections, "Esc closes", scroll);
    }
}
