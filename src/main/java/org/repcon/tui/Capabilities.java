package org.repcon.tui;

import java.util.Locale;
import java.util.Map;
import org.repcon.tui.theme.ColorDepth;

/**
 * What the terminal can show, from the environment: colour depth, whether the locale is UTF-8
 * (else borders and sparklines are ASCII), and whether the user asked for no colour.
 */
record Capabilities(ColorDepth depth, boolean unicode, boolean noColor) {

    static Capabilities detect(Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return new Capabilities(ColorDepth.detect(env), utf8(env), noColor != null && !noColor.isEmpty());
    }

    /** The first of LC_ALL, LC_CTYPE, LANG that is set decides, as for any C program. */
    static boolean utf8(Map<String, String> env) {
        for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                String v = value.toLowerCase(Locale.ROOT);
                return v.contains("utf-8") || v.contains("utf8");
            }
        }
        return false;
    }
}
