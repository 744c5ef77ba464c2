package org.repcon.topology;

import org.repcon.tui.Console;

/** Where something stands in a topology file; 1-based line and column as editors show them. */
public record Position(String file, int line, int column) {

    // DELIBERATELY WRONG (architecture test demo): topology must not reach up into tui.
    static final Class<?> WRONG = org.repcon.tui.paint.TextOverlay.class;

    public static Position unknown(String file) {
        return new Position(file, 0, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
