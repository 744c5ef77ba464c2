package org.repcon.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges rendered lines into a file the system owns (the stock redis.conf, rc.conf): each rendered
 * line replaces the active line that sets the same directive or variable, or is appended; every
 * other line, comments included, stays where it is.
 */
public final class FileMerge {

    private FileMerge() {}

    /** The new content of a file that has {@code existing} (empty when absent) once {@code file} is applied. */
    public static String apply(String existing, RenderedFile file) {
        if (file.merge() == RenderedFile.Merge.WHOLE) return file.content();
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String line : file.content().split("\n")) {
            String key = key(line, file.merge());
            if (key != null) wanted.put(key, line);
        }
        List<String> out = new ArrayList<>();
        Map<String, String> pending = new LinkedHashMap<>(wanted);
        for (String line : existing.isEmpty() ? new String[0] : existing.split("\n", -1)) {
            String key = key(line, file.merge());
            if (key != null && wanted.containsKey(key)) {
                // The first setting is replaced in place; later duplicates would override it, so they go.
                if (pending.remove(key) != null) out.add(wanted.get(key));
            } else {
                out.add(line);
            }
        }
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
        out.addAll(pending.values());
        return String.join("\n", out) + "\n";
    }

    /** The directive or variable a line sets, or null for comments, blanks and other lines. */
    static String key(String line, RenderedFile.Merge merge) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) return null;
        if (merge == RenderedFile.Merge.SHELL_VARIABLES) {
            int eq = s.indexOf('=');
            return eq > 0 && s.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*") ? s.substring(0, eq) : null;
        }
        int space = s.indexOf(' ');
        return (space < 0 ? s : s.substring(0, space)).toLowerCase(java.util.Locale.ROOT);
    }
}
