package org.repcon.tui.theme;

import com.googlecode.lanterna.TextColor;
import java.util.Map;

/**
 * How many colours the terminal shows, and how a theme's 24-bit colours are brought down to that:
 * the nearest xterm-256 colour (cube and grey ramp only, never the 16 the user may have re-tinted),
 * or the nearest of the 16 ANSI colours.
 */
public enum ColorDepth {
    TRUECOLOR, XTERM_256, ANSI_16;

    /** COLORTERM=truecolor|24bit, else TERM containing 256color, else 16; SSH does not forward COLORTERM. */
    public static ColorDepth detect(Map<String, String> env) {
        String colorterm = env.getOrDefault("COLORTERM", "").toLowerCase();
        if (colorterm.equals("truecolor") || colorterm.equals("24bit")) return TRUECOLOR;
        if (env.getOrDefault("TERM", "").contains("256color")) return XTERM_256;
        return ANSI_16;
    }

    public TextColor toTerminal(ThemeColor color) {
        if (color instanceof ThemeColor.Named named) return named.ansi();
        ThemeColor.Rgb rgb = (ThemeColor.Rgb) color;
        return switch (this) {
            case TRUECOLOR -> new TextColor.RGB(rgb.r(), rgb.g(), rgb.b());
            case XTERM_256 -> new TextColor.Indexed(nearest256(rgb.r(), rgb.g(), rgb.b()));
            case ANSI_16 -> nearestAnsi(rgb.r(), rgb.g(), rgb.b());
        };
    }

    private static final int[] CUBE = {0, 95, 135, 175, 215, 255};

    /** Index 16..255 of the xterm palette closest to the colour. */
    static int nearest256(int r, int g, int b) {
        int ri = nearestLevel(r), gi = nearestLevel(g), bi = nearestLevel(b);
        int cube = 16 + 36 * ri + 6 * gi + bi;
        int cubeDistance = distance(r, g, b, CUBE[ri], CUBE[gi], CUBE[bi]);
        int average = (r + g + b) / 3;
        int greyIndex = Math.max(0, Math.min(23, Math.round((average - 8) / 10f)));
        int grey = 8 + 10 * greyIndex;
        return distance(r, g, b, grey, grey, grey) < cubeDistance ? 232 + greyIndex : cube;
    }

    private static int nearestLevel(int v) {
        int best = 0;
        for (int i = 1; i < CUBE.length; i++) {
            if (Math.abs(CUBE[i] - v) < Math.abs(CUBE[best] - v)) best = i;
        }
        return best;
    }

    private static final TextColor.ANSI[] HUES = {TextColor.ANSI.RED, TextColor.ANSI.YELLOW, TextColor.ANSI.GREEN,
            TextColor.ANSI.CYAN, TextColor.ANSI.BLUE, TextColor.ANSI.MAGENTA};
    private static final TextColor.ANSI[] BRIGHT_HUES = {TextColor.ANSI.RED_BRIGHT, TextColor.ANSI.YELLOW_BRIGHT,
            TextColor.ANSI.GREEN_BRIGHT, TextColor.ANSI.CYAN_BRIGHT, TextColor.ANSI.BLUE_BRIGHT,
            TextColor.ANSI.MAGENTA_BRIGHT};

    /**
     * The ANSI colour of the same kind: greys by lightness, other colours by hue (bright when light).
     * Plain RGB distance would turn a soft red into grey, and a theme's "crit" must stay red.
     */
    static TextColor.ANSI nearestAnsi(int r, int g, int b) {
        int max = Math.max(r, Math.max(g, b)), min = Math.min(r, Math.min(g, b));
        int chroma = max - min;
        if (chroma < 40) {
            int lightness = (max + min) / 2;
            if (lightness < 60) return TextColor.ANSI.BLACK;
            if (lightness < 160) return TextColor.ANSI.BLACK_BRIGHT;
            return lightness < 230 ? TextColor.ANSI.WHITE : TextColor.ANSI.WHITE_BRIGHT;
        }
        double hue;
        if (max == r) hue = 60.0 * (g - b) / chroma;
        else if (max == g) hue = 120 + 60.0 * (b - r) / chroma;
        else hue = 240 + 60.0 * (r - g) / chroma;
        int sector = (int) Math.round(((hue % 360) + 360) % 360 / 60) % 6;
        return max >= 230 ? BRIGHT_HUES[sector] : HUES[sector];
    }

    /** Squared distance weighted for the eye ("redmean"), good enough to pick among a few candidates. */
    private static int distance(int r1, int g1, int b1, int r2, int g2, int b2) {
        int rm = (r1 + r2) / 2;
        int dr = r1 - r2, dg = g1 - g2, db = b1 - b2;
        return (((512 + rm) * dr * dr) >> 8) + 4 * dg * dg + (((767 - rm) * db * db) >> 8);
    }
}
