package org.repcon.topology;

import org.repcon.syntax.ControlCharacters;

/** One thing wrong (or doubtful) in a topology file, printed as {@code FILE:LINE:COLUMN: message}. */
public record Problem(Severity severity, Position position, String message) {

    public enum Severity { ERROR, WARNING }

    /** Messages quote the user's text; control characters in it are shown escaped, so a message stays one line. */
    public Problem {
        StringBuilder safe = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            if (c == '\n') safe.append("\\n");
            else if (c == '\t') safe.append("\\t");
            else if (ControlCharacters.isControl(c)) safe.append(String.format("\\u%04x", c));
            else safe.appendCodePoint(c);
        });
        message = safe.toString();
    }

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
