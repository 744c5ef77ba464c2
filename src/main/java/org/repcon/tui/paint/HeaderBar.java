package org.repcon.tui.paint;

import java.util.ArrayList;
import java.util.List;
import org.repcon.tui.theme.Role;

/** The top line: topology, health counts, how fresh the data is, and the read-only badge. */
public final class HeaderBar {

    /**
     * @param refreshed "refreshed 3s ago" and its short form "3s ago"
     * @param stale the data is older than a few refresh intervals: shown as a warning
     */
    public record Model(String topology, int ok, int warn, int crit, String refreshed, String refreshedShort,
                        boolean stale, String interval, boolean readOnly) {}

    private static final int GAP = 3;

    private HeaderBar() {}

    public static void paint(Canvas c, Model m) {
        c.fillRow(0, c.palette().style(Role.HEADER_FG, Role.HEADER_BG));
        List<Segment> right = m.readOnly() ? List.of(Segment.of(" READ-ONLY ", Role.BADGE_FG, 0)) : List.of();
        int rightWidth = Segment.width(right, GAP);
        List<Segment> left = new ArrayList<>();
        left.add(new Segment("repcon: " + m.topology(), m.topology(), Role.HEADER_FG, 0));
        left.add(Segment.of(c.glyphs().bullet() + " " + m.crit() + " crit", m.crit() > 0 ? Role.CRIT : Role.HEADER_FG, 0));
        left.add(Segment.of(c.glyphs().bullet() + " " + m.warn() + " warn", m.warn() > 0 ? Role.WARN : Role.HEADER_FG, 0));
        left.add(Segment.of(c.glyphs().bullet() + " " + m.ok() + " ok", Role.HEADER_FG, 1));
        left.add(new Segment(m.refreshed(), m.refreshedShort(), m.stale() ? Role.WARN : Role.HEADER_FG, 2));
        if (!m.interval().isEmpty()) left.add(Segment.of(m.interval(), Role.HEADER_FG, 3));
        int col = 1;
        for (Segment s : Segment.fit(left, c.width() - 2 - (rightWidth > 0 ? rightWidth + 1 : 0), GAP)) {
            col = c.put(col, 0, s.text(), c.palette().style(s.role(), Role.HEADER_BG)) + GAP;
            if (col >= c.width()) break;
        }
        if (rightWidth > 0 && rightWidth + 2 <= c.width()) {
            c.putRight(c.width() - 1, 0, right.get(0).text(), c.palette().style(Role.BADGE_FG, Role.BADGE_BG));
        }
    }
}
