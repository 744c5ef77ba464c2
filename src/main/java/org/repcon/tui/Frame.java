package org.repcon.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.List;
import org.repcon.action.Question;
import org.repcon.tui.paint.BottomLine;
import org.repcon.tui.paint.Canvas;
import org.repcon.tui.paint.DetailsPane;
import org.repcon.tui.paint.FindingsPane;
import org.repcon.tui.paint.Glyphs;
import org.repcon.tui.paint.HeaderBar;
import org.repcon.tui.paint.HelpOverlay;
import org.repcon.tui.paint.TextOverlay;
import org.repcon.tui.paint.HostsPane;
import org.repcon.tui.paint.Layout;
import org.repcon.tui.paint.Rect;
import org.repcon.tui.paint.SetupPane;
import org.repcon.tui.paint.TopologyPane;
import org.repcon.tui.theme.Role;
import org.repcon.view.ConsoleView;
import org.repcon.view.FindingRow;
import org.repcon.view.Row;

/** Draws the whole screen from the UI state: the one place that decides which pane goes where. */
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
        ConsoleView view = ui.view();
        ViewFilter shown = ui.shown();
        List<FindingRow> findings = shown.findings();
        List<Row> allRows = view.hosts().stream().flatMap(h -> h.rows().stream()).toList();
        int mainWidth = ui.mainPane() == Ui.MainPane.HOSTS ? HostsPane.neededWidth(allRows) : width;
        int mainHeight = ui.mainPane() == Ui.MainPane.HOSTS ? HostsPane.neededHeight(shown.hosts()) + 2
                : view.hops().size() + 4;
        boolean hostsMain = ui.mainPane() == Ui.MainPane.HOSTS;
        Layout layout = Layout.of(width, height, mainWidth, mainHeight,
                w -> FindingsPane.neededHeight(findings, w - 2, glyphs) + 2, hostsMain ? view.hops().size() + 4 : 0);

        HeaderBar.paint(screen.sub(layout.header()), header(ui, now));
        Rect body = Layout.body(width, height);
        if (ui.setup() != null) {
            SetupView setup = ui.setup();
            SetupPane.paint(screen.sub(body), setup.model(), setup.stepsScroll, setup.detailScroll);
        } else if (ui.detailsKey() != null) {
            String key = ui.detailsKey();
            List<FindingRow> about = view.findings().stream().filter(f -> f.rowKey().equals(key)).toList();
            Row row = allRows.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
            DetailsPane.paint(screen.sub(body), new DetailsPane.Model(key, row, view.details(key).orElse(null), about),
                    ui.detailsScroll);
        } else {
            paintMain(screen.sub(layout.main()), ui, view, shown, allRows);
            if (!layout.extra().isEmpty()) {
                TopologyPane.paint(screen.sub(layout.extra()),
                        new TopologyPane.Model(view.hops(), false, waiting(view, "no replication paths")), ui.topologyScroll);
            }
            String title = "Findings" + count(findings.size(), view.findings().size());
            String empty = view.findings().isEmpty() ? "no findings" : "no findings match the filter";
            FindingsPane.paint(screen.sub(layout.findings()),
                    new FindingsPane.Model(findings, ui.selection().findingIndex(), ui.findingsFocused(), title, empty),
                    ui.findingsScroll);
        }
        if (ui.reportOpen()) {
            Canvas area = screen.sub(body);
            int boxWidth = Math.min(area.width(), Math.max(60, area.width() * 9 / 10));
            List<String> text = ui.reportLines();
            List<Role> roles = text.stream().map(TextOverlay::roleOf).toList();
            TextOverlay.paint(area, ui.reportHeading(), TextOverlay.lines(text, roles, boxWidth - 4), boxWidth,
                    ui.prompt().mode() == Prompt.Mode.ANSWER ? "answer below" : "Esc closes", ui.reportScroll);
        }
        if (ui.helpOpen()) {
            HelpOverlay.paint(screen.sub(body), KeyBindings.help(), "Esc closes", ui.helpScroll);
        }
        return bottom(screen.sub(layout.bottom()), ui, now, height - 1);
    }

    private static void paintMain(Canvas c, Ui ui, ConsoleView view, ViewFilter shown, List<Row> allRows) {
        boolean focused = !ui.findingsFocused();
        if (ui.mainPane() == Ui.MainPane.TOPOLOGY) {
            TopologyPane.paint(c, new TopologyPane.Model(view.hops(), focused, waiting(view, "no replication paths")),
                    ui.topologyScroll);
            return;
        }
        String title = "Hosts";
        String empty = waiting(view, "no hosts");
        if (!ui.filter().isEmpty()) {
            title += "  /" + ui.filter() + count(shown.rows().size(), shown.totalRows());
            empty = "nothing matches /" + ui.filter() + " (Esc clears the filter)";
        }
        HostsPane.paint(c, new HostsPane.Model(shown.hosts(), allRows, ui.selection().rowKey(), focused, title, empty),
                ui.hostsScroll);
    }

    private static String waiting(ConsoleView view, String otherwise) {
        return view.refreshedAt() == 0 ? "waiting for the first refresh..." : otherwise;
    }

    private static String count(int shown, int total) {
        return shown == total ? " (" + total + ")" : " (" + shown + " of " + total + ")";
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

    private static TerminalPosition bottom(Canvas c, Ui ui, long now, int row) {
        Prompt prompt = ui.prompt();
        if (prompt.open()) {
            LineEditor editor = prompt.editor();
            String note = prompt.note().isEmpty() ? hintText(ui) : prompt.note();
            int col = BottomLine.input(c, prompt.label(), editor.text(), editor.cursor(), note);
            return new TerminalPosition(col, row);
        }
        Question question = ui.setup() != null ? ui.setup().question() : null;
        if (question != null) {
            BottomLine.message(c, question.prompt() + (question.again() ? " (y or n; Esc cancels)" : ""), false);
            return null;
        }
        String message = ui.message().text(now);
        if (!message.isEmpty()) {
            BottomLine.message(c, message, ui.message().error());
            return null;
        }
        String note = ui.filter().isEmpty() ? "" : "/" + ui.filter();
        BottomLine.hints(c, KeyBindings.hints(ui.contexts()), KeyBindings.HELP_HINT, note);
        return null;
    }

    /** While typing, the line's own keys, shown to the right of what is typed. */
    private static String hintText(Ui ui) {
        StringBuilder b = new StringBuilder();
        for (BottomLine.Hint h : KeyBindings.hints(ui.contexts())) {
            if (b.length() > 0) b.append("  ");
            b.append(h.keys()).append(' ').append(h.description());
        }
        return b.toString();
    }
}
