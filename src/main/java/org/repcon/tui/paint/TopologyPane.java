package org.repcon.tui.paint;

import java.util.ArrayList;
import java.util.List;
import org.repcon.tui.theme.Role;
import org.repcon.view.Health;
import org.repcon.view.Hop;

/**
 * The topology view: each replication path on a line, master ── server tunnel ══ client tunnel ──
 * replica, every node in its health colour so the broken hop stands out. Nodes line up in columns.
 */
public final class TopologyPane {

    public record Model(List<Hop> hops, boolean focused, String empty) {}

    private static final int MIN_LABEL = 6;

    private TopologyPane() {}

    public static void paint(Canvas c, Model m, Scroll scroll) {
        Canvas inner = Panes.box(c, "Topology", m.focused());
        if (inner.height() <= 0 || inner.width() <= 0) return;
        List<Line> lines = lines(m, inner.width() - 1, inner.glyphs());
        scroll.fit(lines.size(), inner.height());
        Canvas body = inner.sub(new Rect(1, 0, inner.width() - 1, inner.height()));
        ListView.paint(body, lines, scroll.top());
        Panes.footer(c, ListView.position(scroll, lines.size()), m.focused());
    }

    static List<Line> lines(Model m, int width, Glyphs g) {
        List<Line> lines = new ArrayList<>();
        if (m.hops().isEmpty()) {
            lines.add(Line.of(m.empty(), Role.MUTED));
            return lines;
        }
        int[] widths = labelWidths(m.hops(), width, g);
        for (Hop hop : m.hops()) {
            Line.Builder b = Line.builder();
            List<Hop.Node> nodes = hop.nodes();
            for (int k = 0; k < nodes.size(); k++) {
                Hop.Node node = nodes.get(k);
                String label = Text.fit(g.clean(node.label()), widths[k], g.ellipsis());
                boolean last = k == nodes.size() - 1;
                b.add(last ? label : Text.padRight(label, widths[k]), Looks.signal(node.health()));
                if (!last) {
                    Health link = node.health().worst(nodes.get(k + 1).health());
                    b.add(" " + link(nodes.size(), k, g) + " ", link == Health.OK ? Role.BORDER : Looks.signal(link));
                }
            }
            lines.add(b.build());
        }
        lines.add(Line.EMPTY);
        Line.Builder legend = Line.builder().add(g.localLink(), Role.BORDER).add(" local connection", Role.MUTED);
        // Each kind of tunnel leg that is drawn, by its true name: a plain relay is never called TLS.
        m.hops().stream().map(Hop::tunnels).distinct().sorted()
                .forEach(t -> legend.add("   ", Role.MUTED).add(g.tlsLink(), Role.BORDER).add(" " + t.label(), Role.MUTED));
        lines.add(legend.build());
        return lines;
    }

    /** The stunnel leg (server tunnel to client tunnel, the middle of a four-node path) is drawn double. */
    private static String link(int nodes, int k, Glyphs g) {
        return nodes == 4 && k == 1 ? g.tlsLink() : g.localLink();
    }

    /** Each column as wide as its widest label, the widest columns cut first when the line is too long. */
    private static int[] labelWidths(List<Hop> hops, int width, Glyphs g) {
        int columns = hops.stream().mapToInt(h -> h.nodes().size()).max().orElse(0);
        int[] widths = new int[columns];
        for (Hop hop : hops) {
            for (int k = 0; k < hop.nodes().size(); k++) {
                widths[k] = Math.max(widths[k], Text.width(g.clean(hop.nodes().get(k).label())));
            }
        }
        int links = Math.max(0, columns - 1) * (Text.width(g.localLink()) + 2);
        while (sum(widths) + links > width) {
            int widest = 0;
            for (int k = 1; k < columns; k++) if (widths[k] > widths[widest]) widest = k;
            if (widths[widest] <= MIN_LABEL) break;
            widths[widest]--;
        }
        return widths;
    }

    private static int sum(int[] values) {
        int s = 0;
        for (int v : values) s += v;
        return s;
    }
}
