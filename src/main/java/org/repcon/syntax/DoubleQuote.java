package org.repcon.syntax;

import java.util.function.IntFunction;

/**
 * A value in double quotes with backslash escapes, as redis.conf and UCL both write one: {@code \\}, {@code \"},
 * {@code \n}, {@code \r} and {@code \t} in both; what else a target escapes, and how, is its own.
 */
final class DoubleQuote {

    private DoubleQuote() {}

    /** @param other the target's escape of any other code point, or null to write it as it is */
    static String of(String value, IntFunction<String> other) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(c -> {
            String escape = switch (c) {
                case '\\' -> "\\\\";
                case '"' -> "\\\"";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> other.apply(c);
            };
            if (escape != null) out.append(escape);
            else out.appendCodePoint(c);
        });
        return out.append('"').toString();
    }
}
