package org.repcon.syntax;

/**
 * A string in Rspamd's UCL configuration: double-quoted with JSON's escapes, and every {@code $} doubled,
 * because UCL expands {@code $VAR} and {@code ${VAR}} inside quoted strings too ({@code $$} is a plain '$').
 */
public final class UclQuote {

    private UclQuote() {}

    public static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '$' -> out.append("$$");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (ControlCharacters.isControl(c)) out.append(String.format("\\u%04x", c));
                    else out.appendCodePoint(c);
                }
            }
        });
        return out.append('"').toString();
    }

    /** {@code key = "value";} as Rspamd's files are written. */
    public static String assignment(String key, String value) {
        return key + " = " + string(value) + ";";
    }
}
