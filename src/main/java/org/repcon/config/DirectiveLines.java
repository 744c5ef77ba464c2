package org.repcon.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.repcon.syntax.RedisConfQuote;

/**
 * Edits one directive of an instance's redis.conf and nothing else (no CONFIG REWRITE, which would copy every
 * non-default value, the common file's included, into it): its first active line replaced, later ones dropped (a later
 * one would override it), or the line appended, after the include of the common file, so it wins over that.
 */
public final class DirectiveLines {

    private DirectiveLines() {}

    /** Whether an active line's words ({@link RedisConfQuote#directive}) are the directive wanted. */
    public static Predicate<List<String>> named(List<String> names) {
        return words -> !words.isEmpty() && names.contains(words.get(0).toLowerCase(Locale.ROOT));
    }

    /** The file with {@code line} in place of the first line {@code which} accepts (later ones dropped), or appended. */
    public static String set(String text, Predicate<List<String>> which, String line) {
        List<String> out = new ArrayList<>();
        boolean done = false;
        for (String l : lines(text)) {
            if (!matches(l, which)) {
                out.add(l);
            } else if (!done) {
                out.add(line);
                done = true;
            }
        }
        if (!done) out.add(line);
        return String.join("\n", out) + "\n";
    }

    /** The file without the lines {@code which} accepts. */
    public static String remove(String text, Predicate<List<String>> which) {
        List<String> out = lines(text).stream().filter(l -> !matches(l, which)).toList();
        return out.isEmpty() ? "" : String.join("\n", out) + "\n";
    }

    /** The active lines {@code which} accepts, as written. */
    public static List<String> find(String text, Predicate<List<String>> which) {
        return lines(text).stream().filter(l -> matches(l, which)).toList();
    }

    private static boolean matches(String line, Predicate<List<String>> which) {
        return RedisConfQuote.directive(line).filter(which).isPresent();
    }

    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
        return lines;
    }
}
