package org.repcon.tui.paint;

import java.util.ArrayList;
import java.util.List;
import org.repcon.tui.theme.Role;

/**
 * A piece of a one-line bar (the header, the key hints) with a short form and a priority: when
 * the bar is too narrow the least important pieces first get short, then go.
 *
 * @param priority 0 is never dropped; higher numbers go first
 */
public record Segment(String text, String shortText, Role role, int priority) {

    public static Segment of(String text, Role role, int priority) {
        return new Segment(text, text, role, priority);
    }

    public Segment shortened() {
        return new Segment(shortText, shortText, role, priority);
    }

    /** The segments that fit {@code width} with {@code gap} columns between them, in their order. */
    public static List<Segment> fit(List<Segment> segments, int width, int gap) {
        List<Segment> kept = new ArrayList<>(segments);
        while (width(kept, gap) > width) {
            int worst = -1;
            for (int i = 0; i < kept.size(); i++) {
                Segment s = kept.get(i);
                if (!s.text.equals(s.shortText) && (worst < 0 || s.priority >= kept.get(worst).priority)) worst = i;
            }
            if (worst >= 0) {
                kept.set(worst, kept.get(worst).shortened());
                continue;
            }
            for (int i = 0; i < kept.size(); i++) {
                if (kept.get(i).priority > 0 && (worst < 0 || kept.get(i).priority >= kept.get(worst).priority)) worst = i;
            }
            if (worst < 0) break;
            kept.remove(worst);
        }
        return kept;
    }

    public static int width(List<Segment> segments, int gap) {
        int w = 0;
        for (Segment s : segments) w += Text.width(s.text);
        return w + Math.max(0, segments.size() - 1) * gap;
    }
}
