package org.repcon.tui.theme;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.repcon.util.RepconException;
import org.repcon.util.Suggest;

/**
 * Reads the {@code .theme} format: one {@code role = colour [bold] [reverse] [underline] [italic]} per line,
 * {@code #} comments, colours as {@code #rrggbb} or ANSI names. Errors name the file and line.
 */
public final class ThemeParser {

    private static final Map<String, TextColor.ANSI> ANSI_NAMES = ansiNames();
    private static final Map<String, SGR> ATTRIBUTES = Map.of("bold", SGR.BOLD, "reverse", SGR.REVERSE,
            "underline", SGR.UNDERLINE, "italic", SGR.ITALIC);

    private ThemeParser() {}

    /** @param origin how errors name the file ("dark.theme", or a path) */
    public static Theme parse(String name, String origin, List<String> lines) {
        Map<Role, Theme.Spec> specs = new EnumMap<>(Role.class);
        Map<Role, Integer> definedOn = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int eq = line.indexOf('=');
            if (eq < 0) throw error(origin, lineNo, "expected 'role = colour [bold] [reverse] [underline] [italic]'");
            String key = line.substring(0, eq).strip();
            Role role = Role.byKey(key);
            if (role == null) {
                throw error(origin, lineNo, "unknown role '" + key + "'" + Suggest.hint(key, Role.keys())
                        + "; roles: " + String.join(", ", Role.keys()));
            }
            if (definedOn.containsKey(role)) {
                throw error(origin, lineNo, "'" + key + "' is already set on line " + definedOn.get(role));
            }
            specs.put(role, spec(role, words(line.substring(eq + 1)), origin, lineNo));
            definedOn.put(role, lineNo);
        }
        List<String> missing = new ArrayList<>();
        for (Role role : Role.values()) {
            if (role.fallback() == null && !specs.containsKey(role)) missing.add(role.key());
        }
        if (!missing.isEmpty()) throw RepconException.invalid(origin + ": missing roles: " + String.join(", ", missing));
        return Theme.of(name, specs);
    }

    /** The value's words, up to a comment (a word starting with '#' after the colour). */
    private static List<String> words(String value) {
        List<String> words = new ArrayList<>();
        for (String w : value.strip().split("\\s+")) {
            if (w.isEmpty()) continue;
            if (!words.isEmpty() && w.startsWith("#")) break;
            words.add(w);
        }
        return words;
    }

    private static Theme.Spec spec(Role role, List<String> words, String origin, int lineNo) {
        if (words.isEmpty()) throw error(origin, lineNo, "'" + role.key() + "' needs a colour");
        ThemeColor color = color(words.get(0));
        if (color == null) {
            throw error(origin, lineNo, "'" + words.get(0) + "' is not a colour: use #rrggbb or an ANSI name ("
                    + String.join(", ", ANSI_NAMES.keySet()) + ")");
        }
        Set<SGR> attributes = EnumSet.noneOf(SGR.class);
        for (String word : words.subList(1, words.size())) {
            SGR sgr = ATTRIBUTES.get(word.toLowerCase());
            if (sgr == null) {
                throw error(origin, lineNo, "unknown attribute '" + word + "'" + Suggest.hint(word, ATTRIBUTES.keySet())
                        + "; attributes: bold, reverse, underline, italic");
            }
            if (role.background()) {
                String fg = role.key().replace(".bg", ".fg").replace("background", "text");
                throw error(origin, lineNo, "'" + role.key() + "' is a background colour: put '" + word + "' on '" + fg + "'");
            }
            attributes.add(sgr);
        }
        return new Theme.Spec(color, attributes);
    }

    static ThemeColor color(String word) {
        if (word.matches("#[0-9a-fA-F]{6}")) {
            int v = Integer.parseInt(word.substring(1), 16);
            return new ThemeColor.Rgb(v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff);
        }
        TextColor.ANSI ansi = ANSI_NAMES.get(word.toLowerCase());
        return ansi == null ? null : new ThemeColor.Named(ansi);
    }

    private static Map<String, TextColor.ANSI> ansiNames() {
        Map<String, TextColor.ANSI> names = new LinkedHashMap<>();
        names.put("default", TextColor.ANSI.DEFAULT);
        for (String c : List.of("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")) {
            names.put(c, TextColor.ANSI.valueOf(c.toUpperCase()));
        }
        for (String c : List.of("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")) {
            names.put("bright_" + c, TextColor.ANSI.valueOf(c.toUpperCase() + "_BRIGHT"));
        }
        names.put("gray", TextColor.ANSI.BLACK_BRIGHT);
        names.put("grey", TextColor.ANSI.BLACK_BRIGHT);
        return names;
    }

    private static RepconException error(String origin, int line, String message) {
        return RepconException.invalid(origin + ":" + line + ": " + message);
    }
}
