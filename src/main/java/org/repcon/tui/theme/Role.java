package org.repcon.tui.theme;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a colour is for. Screen code asks for roles, themes say what they look like; a few roles
 * are optional and borrow another role's colour when a theme leaves them out.
 */
public enum Role {
    TEXT,
    BACKGROUND,
    MUTED,
    ACCENT,
    OK,
    WARN,
    CRIT,
    UNKNOWN,
    BORDER,
    HEADER_FG,
    HEADER_BG,
    SELECTION_FG,
    SELECTION_BG,
    BORDER_FOCUS(ACCENT),
    TITLE(ACCENT),
    COLUMN(MUTED),
    KEY(ACCENT),
    BADGE_FG(HEADER_BG),
    BADGE_BG(WARN),
    BAR_EMPTY(BORDER);

    private final Role fallback;

    /** A required role. */
    Role() {
        this(null);
    }

    Role(Role fallback) {
        this.fallback = fallback;
    }

    /** The name in theme files: the constant's name in lower case, '_' written '.' ({@code header.fg}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The role whose colour an absent optional role takes; null when the role is required. */
    public Role fallback() {
        return fallback;
    }

    /** A background colour (BACKGROUND, the *_BG roles): text attributes (bold, reverse) belong on the foreground role. */
    public boolean background() {
        return this == BACKGROUND || name().endsWith("_BG");
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
