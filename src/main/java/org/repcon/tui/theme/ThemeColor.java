package org.repcon.tui.theme;

import com.googlecode.lanterna.TextColor;

/** A colour as a theme file writes it: {@code #rrggbb}, or an ANSI name that the terminal's own palette decides. */
public sealed interface ThemeColor {

    /** A 24-bit colour, mapped down to what the terminal can show. */
    record Rgb(int r, int g, int b) implements ThemeColor {}

    /** One of the 16 ANSI colours, or the terminal's default: shown as is at every depth. */
    record Named(TextColor.ANSI ansi) implements ThemeColor {}

    ThemeColor DEFAULT = new Named(TextColor.ANSI.DEFAULT);
}
