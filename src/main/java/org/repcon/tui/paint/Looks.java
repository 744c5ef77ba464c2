package org.repcon.tui.paint;

import org.repcon.tui.theme.Palette;
import org.repcon.tui.theme.Role;
import org.repcon.tui.theme.Style;
import org.repcon.view.Health;

/** Which theme role shows a health, and how a selected line restyles its text. */
public final class Looks {

    private Looks() {}

    /** Health as a signal (a bullet, a hop node, a count): green for OK. */
    public static Role signal(Health health) {
        return switch (health) {
            case OK -> Role.OK;
            case WARN -> Role.WARN;
            case CRIT -> Role.CRIT;
            case UNKNOWN -> Role.UNKNOWN;
            case MUTED -> Role.MUTED;
        };
    }

    /** Health of a table value: only what is wrong is coloured, so a healthy screen stays calm. */
    public static Role value(Health health) {
        return health == Health.OK ? Role.TEXT : signal(health);
    }

    /** A span on a normal or a selected line. */
    public static Style style(Palette p, Role role, boolean selected) {
        if (!selected) return p.style(role);
        Role fg = role == Role.TEXT || role == Role.MUTED ? Role.SELECTION_FG : role;
        return p.style(fg, Role.SELECTION_BG).plus(p.theme().spec(Role.SELECTION_FG).attributes());
    }

    public static Style line(Palette p, boolean selected) {
        return style(p, Role.TEXT, selected);
    }

    /** A marker readable without colour: "!!" critical, "! " warning, "? " unknown. */
    public static String marker(Health health) {
        return switch (health) {
            case CRIT -> "!!";
            case WARN -> "! ";
            case UNKNOWN -> "? ";
            default -> "  ";
        };
    }
}
