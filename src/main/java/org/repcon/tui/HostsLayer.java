package org.repcon.tui;

import static org.repcon.tui.KeyBinding.Context.GLOBAL;
import static org.repcon.tui.KeyBinding.Context.MAIN;
import static org.repcon.tui.KeyBinding.Context.MOVE;

import java.util.List;
import org.repcon.command.Command;
import org.repcon.tui.KeyBinding.Context;
import org.repcon.tui.paint.Canvas;
import org.repcon.tui.paint.FindingsPane;
import org.repcon.tui.paint.HostsPane;
import org.repcon.tui.paint.Layout;
import org.repcon.tui.paint.Scroll;
import org.repcon.tui.paint.TopologyPane;
import org.repcon.view.ConsoleView;
import org.repcon.view.FindingRow;
import org.repcon.view.Row;

/**
 * The bottom of the stack, never left: the main screen (hosts, or the topology when its layer is open, with the
 * findings below or beside) and the scrolls of its panes, which outlive the focus layers over it. Keys here move
 * the host selection; Esc clears the filter.
 */
final class HostsLayer extends Layer {

    final Scroll hostsScroll = new Scroll();
    final Scroll findingsScroll = new Scroll();
    final Scroll topologyScroll = new Scroll();

    HostsLayer(Ui ui) {
        super(ui);
    }

    @Override
    List<Context> contexts() {
        return List.of(MAIN, MOVE, GLOBAL);
    }

    @Override
    void move(int delta) {
        ui.selection().moveRow(ui.shown(), delta);
    }

    @Override
    void page(int pages) {
        move(hostsScroll.pageLines(pages));
    }

    @Override
    void back() {
        if (!ui.filter().isEmpty()) ui.setFilter("");
    }

    @Override
    void paint(Canvas screen) {
        ConsoleView view = ui.view();
        ViewFilter shown = ui.shown();
        List<FindingRow> findings = shown.findings();
        List<Row> allRows = view.hosts().stream().flatMap(h -> h.rows().stream()).toList();
        boolean topologyMain = ui.find(TopologyLayer.class) != null;
        boolean findingsFocused = ui.find(FindingsLayer.class) != null;
        int mainWidth = topologyMain ? screen.width() : HostsPane.neededWidth(allRows);
        int mainHeight = topologyMain ? view.hops().size() + 4 : HostsPane.neededHeight(shown.hosts()) + 2;
        Layout layout = Layout.of(screen.width(), screen.height(), mainWidth, mainHeight,
                w -> FindingsPane.neededHeight(findings, w - 2, screen.glyphs()) + 2, topologyMain ? 0 : view.hops().size() + 4);

        Canvas main = screen.sub(layout.main());
        if (topologyMain) {
            TopologyPane.paint(main, new TopologyPane.Model(view.hops(), !findingsFocused, waiting(view, "no replication paths")),
                    topologyScroll);
        } else {
            paintHosts(main, shown, allRows, !findingsFocused);
        }
        if (!layout.extra().isEmpty()) {
            TopologyPane.paint(screen.sub(layout.extra()),
                    new TopologyPane.Model(view.hops(), false, waiting(view, "no replication paths")), topologyScroll);
        }
        String title = "Findings" + count(findings.size(), view.findings().size());
        String empty = view.findings().isEmpty() ? "no findings" : "no findings match the filter";
        FindingsPane.paint(screen.sub(layout.findings()),
                new FindingsPane.Model(findings, ui.selection().findingIndex(), findingsFocused, title, empty,
                        ui.marks(findings)), findingsScroll);
    }

    private void paintHosts(Canvas c, ViewFilter shown, List<Row> allRows, boolean focused) {
        String title = "Hosts" + (ui.arrangement().order() == Command.Sort.Order.NAME ? "  by name" : "")
                + (ui.arrangement().collapseHealthy() ? "  healthy folded" : "");
        String empty = waiting(ui.view(), "no hosts");
        if (!ui.filter().isEmpty()) {
            title += "  /" + ui.filter() + count(shown.rows().size(), shown.totalRows());
            empty = "nothing matches /" + ui.filter() + " (Esc clears the filter)";
        }
        HostsPane.paint(c, new HostsPane.Model(shown.hosts(), allRows, ui.selection().rowKey(), focused, title, empty), hostsScroll);
    }

    private static String waiting(ConsoleView view, String otherwise) {
        return view.refreshedAt() == 0 ? "waiting for the first refresh..." : otherwise;
    }

    private static String count(int shown, int total) {
        return shown == total ? " (" + total + ")" : " (" + shown + " of " + total + ")";
    }
}
