package org.repcon.tui.paint;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.EnumSet;
import org.repcon.tui.theme.Palette;
import org.repcon.tui.theme.Style;

/**
 * A pane's area of the screen. Coordinates are relative to the area and nothing is drawn outside it:
 * text is cut at the right edge with an ellipsis, and a painter that aims outside trips an assertion
 * (tests run with assertions on) rather than drawing over its neighbour.
 */
public record Canvas(TextGraphics g, Rect area, Glyphs glyphs, Palette palette) {

    public int width() {
        return area.width();
    }

    public int height() {
        return area.height();
    }

    /** A canvas on part of this one, given relative to it; cut to fit inside. */
    public Canvas sub(Rect relative) {
        assert new Rect(0, 0, width(), height()).contains(relative) : "sub-area " + relative + " outside " + area;
        int col = Math.max(0, relative.col()), row = Math.max(0, relative.row());
        Rect absolute = new Rect(area.col() + col, area.row() + row,
                Math.min(relative.width(), width() - col), Math.min(relative.height(), height() - row));
        return new Canvas(g, absolute, glyphs, palette);
    }

    /** Writes text from {@code col}; returns the column after it. */
    public int put(int col, int row, String text, Style style) {
        assert row >= 0 && row < height() && col >= 0 && col <= width()
                : "text at " + col + "," + row + " outside a " + width() + "x" + height() + " area: " + text;
        if (row < 0 || row >= height() || col < 0 || col >= width()) return col;
        String fitted = Text.fit(glyphs.clean(text), width() - col, glyphs.ellipsis());
        apply(style);
        g.putString(area.col() + col, area.row() + row, fitted);
        return col + Text.width(fitted);
    }

    /** Writes text ending at the right edge (or at {@code endCol}); returns its first column. */
    public int putRight(int endCol, int row, String text, Style style) {
        String clean = glyphs.clean(text);
        int col = Math.max(0, endCol - Text.width(clean));
        put(col, row, Text.fit(clean, endCol - col, glyphs.ellipsis()), style);
        return col;
    }

    public void repeat(int col, int row, char c, int count, Style style) {
        if (count > 0) put(col, row, String.valueOf(c).repeat(Math.min(count, Math.max(0, width() - col))), style);
    }

    public void fill(Style style) {
        for (int row = 0; row < height(); row++) fillRow(row, style);
    }

    public void fillRow(int row, Style style) {
        apply(style);
        g.putString(area.col(), area.row() + row, " ".repeat(width()));
    }

    /** A border with a title on its top edge; returns the inside. */
    public Canvas box(String title, Style titleStyle, Style border) {
        if (width() < 2 || height() < 2) return sub(new Rect(0, 0, 0, 0));
        int w = width(), h = height();
        put(0, 0, String.valueOf(glyphs.topLeft()), border);
        repeat(1, 0, glyphs.horizontal(), w - 2, border);
        put(w - 1, 0, String.valueOf(glyphs.topRight()), border);
        for (int row = 1; row < h - 1; row++) {
            put(0, row, String.valueOf(glyphs.vertical()), border);
            put(w - 1, row, String.valueOf(glyphs.vertical()), border);
        }
        put(0, h - 1, String.valueOf(glyphs.bottomLeft()), border);
        repeat(1, h - 1, glyphs.horizontal(), w - 2, border);
        put(w - 1, h - 1, String.valueOf(glyphs.bottomRight()), border);
        if (!title.isEmpty() && w > 6) sub(new Rect(2, 0, w - 4, 1)).put(0, 0, " " + title + " ", titleStyle);
        return sub(new Rect(1, 1, w - 2, h - 2));
    }

    /** A short note on the right of the bottom border, such as a scroll position. */
    public void footer(String note, Style style) {
        if (note.isEmpty() || width() < 8 || height() < 2) return;
        String n = " " + glyphs.clean(note) + " ";
        if (Text.width(n) > width() / 2) return;
        sub(new Rect(2, height() - 1, width() - 4, 1)).putRight(width() - 4, 0, n, style);
    }

    private void apply(Style style) {
        g.setForegroundColor(style.fg());
        g.setBackgroundColor(style.bg());
        g.setModifiers(style.attributes().isEmpty() ? EnumSet.noneOf(SGR.class) : EnumSet.copyOf(style.attributes()));
    }
}
