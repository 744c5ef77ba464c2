package org.repcon.tui.theme;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a colour is for. Screen code asks for roles, themes say what they look like; a few roles
 * are optional and borrow another role's colour when a theme leaves them out.
 */
public enum Role {
    TEXT(null, false),
    BACKGROUND(null, true),
    MUTED(null, false),
    ACCENT(null, false),
    OK(null, false),
    WARN(null, false),
    CRIT(null, false),
    UNKNOWN(null, false),
    BORDER(null, false),
    HEADER_FG(null, false),
    HEADER_BG(null, true),
    SELECTION_FG(null, false),
    SELECTION_BG(null, true),
    BORDER_FOCUS(ACCENT, false),
    TITLE(ACCENT, false),
    COLUMN(MUTED, false),
    KEY(ACCENT, false),
    BADGE_FG(HEADER_BG, false),
    BADGE_BG(WARN, true),
    BAR_EMPTY(BORDER, false);

    private final Role fallback;
    private final boolean background;

    Role(Role fallback, boolean background) {
        this.fallback = fallback;
        this.background = background;
    }

    /** The name in theme files: the constant's name in lower case, '_' written '.' ({@code header.fg}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The role whose colour an absent optional role takes; null when the role is required. */
    public Role fallback() {
        return fallback;
    }

    /** A background colour: text attributes (bold, reverse) belong on the matching foreground role. */
    public boolean background() {
        return background;
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(Role::key).toList();
    }

    public static Role byKey(String key) {
        for (Role r : values()) {
            if (r.key().equals(key)) return r;
        }
        return null;
    }
}
