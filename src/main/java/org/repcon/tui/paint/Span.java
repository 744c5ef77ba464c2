package org.repcon.tui.paint;

import org.repcon.tui.theme.Role;

/** A run of text in one role's colour; the line it is on decides the background. */
public record Span(String text, Role role) {

    public int width() {
        return Text.width(text);
    }
}
