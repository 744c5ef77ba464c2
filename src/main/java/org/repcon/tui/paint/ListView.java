package org.repcon.tui.paint;

import java.util.List;

/** Draws lines from a scroll position into a canvas, the selected line on the selection colour. */
public final class ListView {

    private ListView() {}

    public static void paint(Canvas c, List<Line> lines, int top) {
        for (int row = 0; row < c.height(); row++) {
            int i = top + row;
            if (i >= lines.size()) break;
            Line line = lines.get(i);
            if (line.selected()) c.fillRow(row, Looks.line(c.palette(), true));
            int col = 0;
            for (Span span : line.spans()) {
                if (col >= c.width()) break;
                col = c.put(col, row, span.text(), Looks.style(c.palette(), span.role(), line.selected()));
            }
        }
    }

    /** "12-30/45" when the lines do not all fit, else empty; for a pane's bottom border. */
    public static String position(Scroll scroll, int total) {
        if (total <= scroll.viewport()) return "";
        int last = Math.min(total, scroll.top() + scroll.viewport());
        return (scroll.top() + 1) + "-" + last + "/" + total;
    }
}
