package org.repcon.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** Key strokes as the names bindings use and help shows: "j", "Ctrl-C", "Up", "PgDn", "Shift-Tab". */
final class Keys {

    private Keys() {}

    /** The stroke's name, or null for what no binding can name (mouse, cursor reports). */
    static String name(KeyStroke k) {
        if (k.getKeyType() == KeyType.Character) {
            char c = k.getCharacter();
            String base = c == ' ' ? "Space" : String.valueOf(k.isCtrlDown() ? Character.toUpperCase(c) : c);
            if (k.isCtrlDown()) return "Ctrl-" + base;
            if (k.isAltDown()) return "Alt-" + base;
            return base;
        }
        return switch (k.getKeyType()) {
            case ArrowUp -> "Up";
            case ArrowDown -> "Down";
            case ArrowLeft -> "Left";
            case ArrowRight -> "Right";
            case PageUp -> "PgUp";
            case PageDown -> "PgDn";
            case Home -> "Home";
            case End -> "End";
            case Enter -> "Enter";
            case Escape -> "Esc";
            case Tab -> "Tab";
            case ReverseTab -> "Shift-Tab";
            case Backspace -> "Backspace";
            case Delete -> "Delete";
            case Insert -> "Insert";
            case EOF -> "EOF";
            case F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12 -> k.getKeyType().name();
            default -> null;
        };
    }

    /** A character to insert into a line being typed, or 0. */
    static char typed(KeyStroke k) {
        if (k.getKeyType() != KeyType.Character || k.isCtrlDown() || k.isAltDown()) return 0;
        char c = k.getCharacter();
        return c >= 0x20 && c != 0x7f ? c : 0;
    }
}
