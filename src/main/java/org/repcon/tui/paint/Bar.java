package org.repcon.tui.paint;

/** A horizontal fill bar in eighths of a cell (whole cells in ASCII). */
public final class Bar {

    private Bar() {}

    /** The filled part, to draw in the value's colour; the rest is {@link #empty}. */
    public static String filled(double fraction, int width, Glyphs g) {
        if (fraction < 0 || width <= 0) return "";
        double cells = Math.min(1, fraction) * width;
        int eighths = (int) Math.round(cells * 8);
        if (!g.unicode()) return String.valueOf(g.barEighths().charAt(7)).repeat(Math.round(eighths / 8f));
        String full = String.valueOf(g.barEighths().charAt(7)).repeat(eighths / 8);
        int rest = eighths % 8;
        return rest == 0 ? full : full + g.barEighths().charAt(rest - 1);
    }

    public static String empty(String filled, int width, Glyphs g) {
        return String.valueOf(g.barEmpty()).repeat(Math.max(0, width - Text.width(filled)));
    }
}
