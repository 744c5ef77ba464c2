package org.repcon.tui.paint;

import java.util.List;

/** A trend drawn with one block character per value, scaled between the series' min and max. */
public final class Sparkline {

    private Sparkline() {}

    /** The last {@code width} values; a flat series sits on the lowest level. */
    public static String of(List<Double> values, int width, Glyphs g) {
        if (values.isEmpty() || width <= 0) return "";
        List<Double> shown = values.subList(Math.max(0, values.size() - width), values.size());
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (double v : shown) {
            if (Double.isNaN(v)) continue;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        String levels = g.spark();
        StringBuilder b = new StringBuilder();
        for (double v : shown) {
            if (Double.isNaN(v)) {
                b.append(' ');
                continue;
            }
            int level = max > min ? (int) Math.round((v - min) / (max - min) * (levels.length() - 1)) : 0;
            b.append(levels.charAt(level));
        }
        return b.toString();
    }
}
