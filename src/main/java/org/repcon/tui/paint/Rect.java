package org.repcon.tui.paint;

/** A screen area in cells; panes get disjoint ones so nothing overlaps. */
public record Rect(int col, int row, int width, int height) {

    public Rect {
        width = Math.max(0, width);
        height = Math.max(0, height);
    }

    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    public int right() {
        return col + width;
    }

    public int bottom() {
        return row + height;
    }

    /** The top {@code h} rows. */
    public Rect top(int h) {
        return new Rect(col, row, width, Math.min(h, height));
    }

    /** What is left below the top {@code h} rows. */
    public Rect belowTop(int h) {
        int k = Math.min(h, height);
        return new Rect(col, row + k, width, height - k);
    }

    public Rect bottomRows(int h) {
        int k = Math.min(h, height);
        return new Rect(col, bottom() - k, width, k);
    }

    public Rect left(int w) {
        return new Rect(col, row, Math.min(w, width), height);
    }

    public Rect rightOf(int w) {
        int k = Math.min(w, width);
        return new Rect(col + k, row, width - k, height);
    }

    /** Centred inside this area, at most as big. */
    public Rect centred(int w, int h) {
        int cw = Math.min(w, width), ch = Math.min(h, height);
        return new Rect(col + (width - cw) / 2, row + (height - ch) / 2, cw, ch);
    }

    public boolean contains(Rect other) {
        return other.col >= col && other.row >= row && other.right() <= right() && other.bottom() <= bottom();
    }

    public boolean intersects(Rect o) {
        return !isEmpty() && !o.isEmpty() && col < o.right() && o.col < right() && row < o.bottom() && o.row < bottom();
    }
}
