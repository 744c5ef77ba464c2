package org.repcon.tui.paint;

import java.util.List;
import org.repcon.tui.theme.Role;

/** The bottom line: key hints, or a message, or the line being typed after ':' or '/'. */
public final class BottomLine {

    /** A key hint: the keys as shown ("Enter") and what they do. */
    public record Hint(String keys, String description) {}

    private static final int GAP = 2;

    private BottomLine() {}

    /**
     * Hints in order of importance, as many as fit; {@code pinned} (the help key) always shows, at
     * the right end, so that a narrow terminal still says where the rest is.
     */
    public static void hints(Canvas c, List<Hint> hints, Hint pinned, String note) {
        c.fillRow(0, c.palette().style(Role.HEADER_FG, Role.HEADER_BG));
        int pinnedWidth = pinned == null ? 0 : width(pinned);
        int end = c.width() - 1 - (pinnedWidth > 0 ? pinnedWidth + GAP : 0);
        int col = 1;
        if (!note.isEmpty()) {
            String n = Text.fit(c.glyphs().clean(note), Math.max(0, end - col), c.glyphs().ellipsis());
            col = c.put(col, 0, n, c.palette().style(Role.KEY, Role.HEADER_BG)) + GAP;
        }
        for (Hint h : hints) {
            // A long hint that does not fit leaves room for shorter ones after it.
            if (col + width(h) > end) continue;
            col = hint(c, col, h) + GAP;
        }
        if (pinned != null && pinnedWidth + 2 <= c.width()) hint(c, c.width() - 1 - pinnedWidth, pinned);
    }

    /** The prompt and the text typed, a note at the right if there is room; returns the cursor's column. */
    public static int input(Canvas c, String prompt, String text, int cursor, String note) {
        c.fillRow(0, c.palette().style(Role.TEXT));
        int col = c.put(0, 0, prompt, c.palette().style(Role.ACCENT));
        String clean = c.glyphs().clean(text);
        int room = c.width() - col - 1;
        // Keep the cursor in view on a long line by showing its tail.
        int start = 0;
        while (Text.width(clean.substring(start, cursor)) > room && start < cursor) start++;
        int end = c.put(col, 0, clean.substring(start), c.palette().style(Role.TEXT));
        String n = c.glyphs().clean(note);
        if (!n.isEmpty() && end + 4 + Text.width(n) <= c.width()) c.putRight(c.width() - 1, 0, n, c.palette().style(Role.MUTED));
        return Math.min(c.width() - 1, col + Text.width(clean.substring(start, cursor)));
    }

    /** The width a note has beside this prompt and text (what {@link #input} would still show). */
    public static int noteRoom(Canvas c, String prompt, String text) {
        return c.width() - Text.width(prompt) - Text.width(c.glyphs().clean(text)) - 4;
    }

    public static void message(Canvas c, String text, boolean error) {
        c.fillRow(0, c.palette().style(Role.TEXT));
        c.put(1, 0, text, c.palette().style(error ? Role.CRIT : Role.TEXT));
    }

    private static int hint(Canvas c, int col, Hint h) {
        int next = c.put(col, 0, h.keys(), c.palette().style(Role.KEY, Role.HEADER_BG));
        return c.put(next, 0, " " + h.description(), c.palette().style(Role.HEADER_FG, Role.HEADER_BG));
    }

    private static int width(Hint h) {
        return Text.width(h.keys()) + 1 + Text.width(h.description());
    }
}
