package org.repcon.view;

/** How a cell, a row or a hop is coloured: a role the theme maps to colours, never a colour itself. */
public enum Health {
    OK, WARN, CRIT, UNKNOWN, MUTED;

    /** The worse of two. */
    public Health worst(Health other) {
        return rank(other) > rank(this) ? other : this;
    }

    private static int rank(Health h) {
        return switch (h) {
            case MUTED -> 0;
            case OK -> 1;
            case UNKNOWN -> 2;
            case WARN -> 3;
            case CRIT -> 4;
        };
    }
}
