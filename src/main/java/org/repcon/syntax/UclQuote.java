package org.repcon.syntax;

/**
 * A string in Rspamd's UCL configuration: double-quoted with JSON's escapes. UCL expands {@code $VAR} and
 * {@code ${VAR}} inside double-quoted strings, and {@code $$} means '$' only when the string also names a known
 * variable, so a '$' is written as the JSON escape of U+0024: libucl unescapes it, and expands only strings written with a
 * '$' of their own (checked against rspamadm configdump).
 */
public final class UclQuote {

    private UclQuote() {}

    public static String string(String value) {
        return DoubleQuote.of(value, c -> switch (c) {
            case '$' -> "\\u0024";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            default -> ControlCharacters.isControl(c) ? String.format("\\u%04x", c) : null;
        });
    }

    /** {@code key = "value";} as Rspamd's files are written. */
    public static String assignment(String key, String value) {
        return key + " = " + string(value) + ";";
    }
}
