package org.repcon.topology;

/** Where something stands in a topology file; 1-based line and column as editors show them. */
public record Position(String file, int line, int column) {

    public static Position unknown(String file) {
        return new Position(file, 0, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
