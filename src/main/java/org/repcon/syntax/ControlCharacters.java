package org.repcon.syntax;

import java.util.OptionalInt;

/** Characters no value may hold in any target: they end a line, hide text on a terminal or cut a C string. */
public final class ControlCharacters {

    private ControlCharacters() {}

    /** The first control character of {@code text} (C0, DEL, C1, or a Unicode line or paragraph separator). */
    public static OptionalInt first(String text) {
        return text.codePoints().filter(ControlCharacters::isControl).findFirst();
    }

    public static boolean isControl(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    /**
     * {@code text} with each control character shown as '?': for text read from a host that goes onto a terminal or
     * into a comment, where a line break or an escape would end the line or drive the terminal.
     */
    public static String masked(String text) {
        StringBuilder s = new StringBuilder(text.length());
        text.codePoints().forEach(c -> s.appendCodePoint(isControl(c) ? '?' : c));
        return s.toString();
    }

    /** How a message names it: "newline", "tab", "NUL", "ESC", or U+XXXX. */
    public static String name(int c) {
        return switch (c) {
            case '\n' -> "a newline";
            case '\r' -> "a carriage return";
            case '\t' -> "a tab";
            case 0 -> "a NUL";
            case 0x1b -> "an ESC";
            default -> String.format("the control character U+%04X", c);
        };
    }
}
