package org.repcon.topology;

/** One thing wrong (or doubtful) in a topology file, printed as {@code FILE:LINE:COLUMN: message}. */
public record Problem(Severity severity, Position position, String message) {

    public enum Severity { ERROR, WARNING }

    public static Problem error(Position at, String message) {
        return new Problem(Severity.ERROR, at, message);
    }

    public static Problem warning(Position at, String message) {
        return new Problem(Severity.WARNING, at, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return position + ": " + (isError() ? "" : "warning: ") + message;
    }
}
