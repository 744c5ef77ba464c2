package org.repcon.tui.paint;

/**
 * The first visible line of a list taller than its pane. The pane sets the viewport when it paints,
 * so key handling (page up/down) knows how far a page is.
 */
public final class Scroll {

    private int top;
    private int viewport = 1;

    public int top() {
        return top;
    }

    public int viewport() {
        return viewport;
    }

    /** Scrolls as little as needed to show lines {@code first..last}, then clamps to the content. */
    public void follow(int first, int last, int total, int viewport) {
        follow(first, last, total, viewport, 0);
    }

    /**
     * As {@link #follow(int, int, int, int)}, keeping up to {@code margin} lines of context around
     * them when the viewport has room, so that what comes next is not always just off-screen.
     */
    public void follow(int first, int last, int total, int viewport, int margin) {
        int m = Math.max(0, Math.min(margin, (viewport - 1 - (last - first)) / 2));
        first = Math.max(0, first - m);
        last = Math.min(Math.max(0, total - 1), last + m);
        this.viewport = Math.max(1, viewport);
        if (last >= top + this.viewport) top = last - this.viewport + 1;
        if (first < top) top = first;
        clamp(total);
    }

    /** Keeps the current position, clamped to the content; for panes scrolled freely. */
    public void fit(int total, int viewport) {
        this.viewport = Math.max(1, viewport);
        clamp(total);
    }

    public void by(int lines) {
        top = Math.max(0, top + lines);
    }

    /** Lines in {@code pages} pages (negative: up): the viewport less a line each, so that one line of context stays. */
    public int pageLines(int pages) {
        return Math.max(1, viewport - 1) * pages;
    }

    public void reset() {
        top = 0;
    }

    private void clamp(int total) {
        top = Math.max(0, Math.min(top, total - viewport));
    }
}
