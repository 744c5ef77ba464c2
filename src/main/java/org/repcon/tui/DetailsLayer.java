package org.repcon.tui;

import static org.repcon.tui.KeyBinding.Context.DETAILS;

import java.util.List;
import org.repcon.tui.paint.Canvas;
import org.repcon.tui.paint.DetailsPane;
import org.repcon.tui.paint.Layout;
import org.repcon.view.ConsoleView;
import org.repcon.view.FindingRow;
import org.repcon.view.Row;

/** Enter: one row's details over the whole body; keys scroll them, Esc (or Left, h) goes back. */
final class DetailsLayer extends ScrollingLayer {

    private final String key;

    DetailsLayer(Ui ui, String key) {
        super(ui, DETAILS);
        this.key = key;
    }

    @Override
    boolean covers() {
        return true;
    }

    @Override
    void paint(Canvas screen) {
        ConsoleView view = ui.view();
        List<FindingRow> about = view.findings().stream().filter(f -> f.rowKey().equals(key)).toList();
        Row row = view.hosts().stream().flatMap(h -> h.rows().stream()).filter(r -> r.key().equals(key)).findFirst().orElse(null);
        DetailsPane.paint(screen.sub(Layout.body(screen.width(), screen.height())),
                new DetailsPane.Model(key, row, view.details(key).orElse(null), about), scroll);
    }
}
