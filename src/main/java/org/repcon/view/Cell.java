package org.repcon.view;

/** One value as shown, with the health it is drawn in. */
public record Cell(String text, Health health) {

    public static final Cell EMPTY = new Cell("", Health.MUTED);

    public static Cell of(String text) {
        return new Cell(text, Health.OK);
    }

    public static Cell muted(String text) {
        return new Cell(text, Health.MUTED);
    }
}
