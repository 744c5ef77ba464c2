package org.repcon.tui.paint;

import org.repcon.tui.theme.Role;

/** The frame every pane shares: a border, the focused pane's in the focus colour, and a title. */
public final class Panes {

    private Panes() {}

    public static Canvas box(Canvas c, String title, boolean focused) {
        Role border = focused ? Role.BORDER_FOCUS : Role.BORDER;
        return c.box(title, c.palette().style(focused ? Role.TITLE : Role.TEXT), c.palette().style(border));
    }

    public static void footer(Canvas c, String note, boolean focused) {
        c.footer(note, c.palette().style(focused ? Role.BORDER_FOCUS : Role.BORDER));
    }
}
