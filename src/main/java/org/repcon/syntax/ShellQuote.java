package org.repcon.syntax;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * POSIX shell quoting: what a script ({@code commands.sh}), rc.conf or a preview shows is read back by
 * {@code sh} as exactly the words meant, whatever they hold. Inside single quotes nothing is special; a
 * single quote itself is written {@code '\''}.
 */
public final class ShellQuote {

    /** Words that mean themselves unquoted (no glob, expansion, operator, comment or tilde). */
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private ShellQuote() {}

    /** One word: as it is when it means itself, else single-quoted. */
    public static String word(String word) {
        return BARE.matcher(word).matches() ? word : always(word);
    }

    /** One word, single-quoted whatever it holds (for a script sent to another shell, as ssh does). */
    public static String always(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * A command line running {@code argv}; the first word is quoted also when it holds '=', which would
     * otherwise make it a variable assignment.
     */
    public static String line(List<String> argv) {
        if (argv.isEmpty()) return "";
        String first = argv.get(0).contains("=") ? always(argv.get(0)) : word(argv.get(0));
        return argv.size() == 1 ? first
                : first + " " + argv.subList(1, argv.size()).stream().map(ShellQuote::word).collect(Collectors.joining(" "));
    }

    /**
     * A value inside double quotes, as rc.conf's {@code name="value"} lines are written: {@code \}, {@code "},
     * {@code $} and {@code `} escaped, so the value is never expanded when rc.conf is sourced.
     */
    public static String doubleQuoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '"' || c == '$' || c == '`') out.append('\\');
            out.append(c);
        }
        return out.append('"').toString();
    }
}
