package org.repcon.tui.paint;

import java.util.ArrayList;
import java.util.List;
import org.repcon.tui.theme.Role;

/** One line of a pane: spans left to right, and whether it is the selected one. */
public record Line(List<Span> spans, boolean selected) {

    public static final Line EMPTY = new Line(List.of(), false);

    public Line {
        spans = List.copyOf(spans);
    }

    public static Line of(String text, Role role) {
        return new Line(List.of(new Span(text, role)), false);
    }

    public static Builder builder() {
        return new Builder();
    }

    public int width() {
        return spans.stream().mapToInt(Span::width).sum();
    }

    public Line selected(boolean on) {
        return new Line(spans, on);
    }

    /** Padded with spaces to a width, so that a column beside it lines up. */
    public Line padTo(int width) {
        int w = width();
        if (w >= width) return this;
        List<Span> padded = new ArrayList<>(spans);
        padded.add(new Span(" ".repeat(width - w), Role.TEXT));
        return new Line(padded, selected);
    }

    /** This line followed by another, as the columns of a multi-column pane. */
    public Line append(Line other) {
        List<Span> all = new ArrayList<>(spans);
        all.addAll(other.spans);
        return new Line(all, selected || other.selected);
    }

    public static final class Builder {
        private final List<Span> spans = new ArrayList<>();
        private boolean selected;

        public Builder add(String text, Role role) {
            if (!text.isEmpty()) spans.add(new Span(text, role));
            return this;
        }

        public Builder selected(boolean on) {
            selected = on;
            return this;
        }

        public int width() {
            return spans.stream().mapToInt(Span::width).sum();
        }

        public Line build() {
            return new Line(spans, selected);
        }
    }
}
