package org.repcon.tui.paint;

import java.util.function.IntUnaryOperator;

/**
 * Where things go: the header on the first line, key hints on the last, and in between the main
 * pane (hosts or topology) with findings below it, or beside it when the terminal is wide. A wide
 * and tall terminal also gets the topology under the hosts ({@code extra}, else empty).
 */
public record Layout(Rect header, Rect main, Rect extra, Rect findings, Rect bottom) {

    public static final int MIN_WIDTH = 40, MIN_HEIGHT = 10;
    /** From this width findings go beside the hosts rather than below. */
    static final int SIDE_BY_SIDE = 150;
    private static final int FINDINGS_MIN_WIDTH = 50;
    private static final int MAIN_MIN_HEIGHT = 6;

    public static boolean tooSmall(int width, int height) {
        return width < MIN_WIDTH || height < MIN_HEIGHT;
    }

    /** The whole area between the header and the hint line. */
    public static Rect body(int width, int height) {
        return new Rect(0, 1, width, height - 2);
    }

    /**
     * @param mainWidth columns the main pane would use in full
     * @param mainHeight lines the main pane would use in full, border included
     * @param findingsHeight lines the findings pane wants, border included, at a given outer width
     * @param extraHeight lines the extra pane wants, border included; 0 for none
     */
    public static Layout of(int width, int height, int mainWidth, int mainHeight, IntUnaryOperator findingsHeight,
                            int extraHeight) {
        Rect screen = new Rect(0, 0, width, height);
        Rect header = screen.top(1);
        Rect bottom = screen.bottomRows(1);
        Rect body = body(width, height);
        Rect none = new Rect(0, 0, 0, 0);
        if (width >= SIDE_BY_SIDE) {
            int w = Math.max(width * 45 / 100, Math.min(mainWidth, width - FINDINGS_MIN_WIDTH));
            Rect left = body.left(w);
            if (extraHeight > 0 && mainHeight + extraHeight <= left.height()) {
                return new Layout(header, left.top(mainHeight), left.belowTop(mainHeight), body.rightOf(w), bottom);
            }
            return new Layout(header, left, none, body.rightOf(w), bottom);
        }
        int findingsCap = Math.max(5, body.height() * 2 / 5);
        int findingsWanted = Math.min(findingsHeight.applyAsInt(width), findingsCap);
        int mainH = Math.min(mainHeight, body.height() - findingsWanted);
        mainH = Math.max(Math.min(MAIN_MIN_HEIGHT, body.height()), mainH);
        return new Layout(header, body.top(mainH), none, body.belowTop(mainH), bottom);
    }
}
