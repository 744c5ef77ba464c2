package org.repcon.syntax;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * redis.conf's word syntax, as Redis reads each line (sds.c {@code sdssplitargs}): words are separated by
 * blanks; a word in double quotes may hold anything, with {@code \\}, {@code \"}, {@code \n}, {@code \r},
 * {@code \t}, {@code \b}, {@code \a} and {@code \xHH} escapes; a closing quote must be followed by a blank or
 * the end of the line, or the whole line is refused ("Unbalanced quotes"). A file is split on newlines
 * before that, so no value may carry one unescaped.
 */
public final class RedisConfQuote {

    private RedisConfQuote() {}

    /** One argument as Redis reads it back exactly: bare when it is plain printable ASCII, else double-quoted. */
    public static String arg(String value) {
        if (!value.isEmpty() && value.chars().allMatch(RedisConfQuote::bare)) return value;
        // UTF-8 bytes are taken literally inside quotes
        return DoubleQuote.of(value, c -> c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : null);
    }

    /** A directive line: the name, then each argument quoted. */
    public static String line(String directive, String... args) {
        StringBuilder out = new StringBuilder(directive);
        for (String a : args) out.append(' ').append(arg(a));
        return out.toString();
    }

    private static boolean bare(int c) {
        return c > ' ' && c < 0x7f && c != '"' && c != '\'' && c != '\\';
    }

    /**
     * The words of one line of a config file as redis-server reads it: empty for a blank line or a comment (Redis
     * skips a line whose first non-blank is '#'), and for a line it refuses for unbalanced quotes.
     */
    public static Optional<List<String>> directive(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) return Optional.empty();
        return split(s);
    }

    /**
     * The arguments Redis reads from one line of text (sdssplitargs, byte for byte over the UTF-8 encoding);
     * empty when Redis would refuse the line for unbalanced quotes.
     */
    public static Optional<List<String>> split(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>();
        int p = 0;
        int n = b.length;
        while (true) {
            while (p < n && isSpace(b[p])) p++;
            if (p >= n) return Optional.of(args);
            ByteArrayOutputStream current = new ByteArrayOutputStream();
            boolean inq = false;
            boolean insq = false;
            boolean done = false;
            while (!done) {
                int c = p < n ? b[p] & 0xff : 0;
                int next = p + 1 < n ? b[p + 1] & 0xff : 0;
                if (inq || insq) {
                    int quote = inq ? '"' : '\'';
                    if (inq && c == '\\' && next == 'x' && p + 3 < n && hex(b[p + 2]) >= 0 && hex(b[p + 3]) >= 0) {
                        current.write(hex(b[p + 2]) * 16 + hex(b[p + 3]));
                        p += 3;
                    } else if (inq && c == '\\' && next != 0) {
                        p++;
                        current.write(switch (next) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> 7;
                            default -> next;
                        });
                    } else if (insq && c == '\\' && next == '\'') {
                        p++;
                        current.write('\'');
                    } else if (c == quote) {
                        // A closing quote must be followed by a blank or the end of the line.
                        if (next != 0 && !isSpace((byte) next)) return Optional.empty();
                        done = true;
                    } else if (c == 0) {
                        return Optional.empty(); // unterminated quotes
                    } else {
                        current.write(c);
                    }
                } else {
                    switch (c) {
                        case ' ', '\n', '\r', '\t', 0 -> done = true;
                        case '"' -> inq = true;
                        case '\'' -> insq = true;
                        default -> current.write(c);
                    }
                }
                if (p < n) p++;
            }
            args.add(current.toString(StandardCharsets.UTF_8));
        }
    }

    /** C's isspace in the C locale. */
    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    private static int hex(byte c) {
        return Character.digit(c, 16);
    }
}
