package org.repcon.tui.theme;

import java.util.Arrays;
import java.util.List;

/**
 * What a colour is for. Screen code asks for roles, themes say what they look like; a few roles
 * are optional and borrow another role's colour when a theme leaves them out.
 */
public enum Role {
    TEXT("text", null, false),
    BACKGROUND("background", null, true),
    MUTED("muted", null, false),
    ACCENT("accent", null, false),
    OK("ok", null, false),
    WARN("warn", null, false),
    CRIT("crit", null, false),
    UNKNOWN("unknown", null, false),
    BORDER("border", null, false),
    HEADER_FG("header.fg", null, false),
    HEADER_BG("header.bg", null, true),
    SELECTION_FG("selection.fg", null, false),
    SELECTION_BG("selection.bg", null, true),
    BORDER_FOCUS("border.focus", ACCENT, false),
    TITLE("title", ACCENT, false),
    COLUMN("column", MUTED, false),
    KEY("key", ACCENT, false),
    BADGE_FG("badge.fg", HEADER_BG, false),
    BADGE_BG("badge.bg", WARN, true),
    BAR_EMPTY("bar.empty", BORDER, false);

    private final String key;
    private final Role fallback;
    private final boolean background;

    Role(String key, Role fallback, boolean background) {
        this.key = key;
        this.fallback = fallback;
        this.background = background;
    }

    /** The name in theme files. */
    public String key() {
        return key;
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
            if (r.key.equals(key)) return r;
        }
        return null;
    }
}
