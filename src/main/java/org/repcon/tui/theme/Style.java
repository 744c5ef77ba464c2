package org.repcon.tui.theme;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import java.util.EnumSet;
import java.util.Set;

/** Terminal colours and attributes for a run of text, resolved from theme roles by {@link Palette}. */
public record Style(TextColor fg, TextColor bg, Set<SGR> attributes) {

    public Style {
        attributes = attributes.isEmpty() ? Set.of() : Set.copyOf(attributes);
    }

    /** The same text on another background, as on a selected row. */
    public Style withBg(TextColor newBg) {
        return new Style(fg, newBg, attributes);
    }

    /** Adds another style's attributes, as a selection's reverse in the mono theme. */
    public Style plus(Set<SGR> more) {
        if (more.isEmpty()) return this;
        EnumSet<SGR> all = EnumSet.noneOf(SGR.class);
        all.addAll(attributes);
        all.addAll(more);
        return new Style(fg, bg, all);
    }
}
