package org.repcon.tui.theme;

import com.googlecode.lanterna.SGR;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * A named look: for each {@link Role} a colour and text attributes, as read from a theme file ({@link ThemeFile}).
 * Pure data; {@link Palette} turns it into terminal colours for one terminal.
 */
public record Theme(String name, Map<Role, Spec> specs) {

    /** A role's colour and attributes (bold, reverse, underline, italic). */
    public record Spec(ThemeColor color, Set<SGR> attributes) {
        public Spec {
            attributes = Set.copyOf(attributes);
        }
    }

    public Theme {
        specs = Map.copyOf(specs);
    }

    /** The role's spec, following fallbacks for optional roles a theme left out. */
    public Spec spec(Role role) {
        Spec spec = specs.get(role);
        if (spec != null) return spec;
        Spec borrowed = spec(role.fallback());
        // A background borrowing a foreground colour (badge.bg = warn) takes only the colour.
        return role.background() ? new Spec(borrowed.color(), Set.of()) : borrowed;
    }

    static Theme of(String name, Map<Role, Spec> specs) {
        return new Theme(name, new EnumMap<>(specs));
    }
}
