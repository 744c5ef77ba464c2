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
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '$' -> out.append("\\u0024");
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
