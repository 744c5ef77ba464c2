package org.repcon.tui.theme;

import com.googlecode.lanterna.TextColor;
import java.util.EnumMap;
import java.util.Map;

/** A theme resolved for one terminal's colour depth: the styles the screen code draws with. */
public final class Palette {

    private final Theme theme;
    private final Map<Role, TextColor> colors = new EnumMap<>(Role.class);
    private final Map<Role, Style> onBackground = new EnumMap<>(Role.class);

    public Palette(Theme theme, ColorDepth depth) {
        this.theme = theme;
        for (Role role : Role.values()) colors.put(role, depth.toTerminal(theme.spec(role).color()));
    }

    public Theme theme() {
        return theme;
    }

    public TextColor color(Role role) {
        return colors.get(role);
    }

    /** Text in a role's colour and attributes on the theme's background. */
    public Style style(Role fg) {
        return onBackground.computeIfAbsent(fg, r -> style(r, Role.BACKGROUND));
    }

    /** Text in a role's colour and attributes on another role's background colour. */
    public Style style(Role fg, Role bg) {
        return new Style(colors.get(fg), colors.get(bg), theme.spec(fg).attributes());
    }
}
