package org.repcon.action;

import java.util.Optional;
import org.repcon.diagnosis.LogPatterns;

/**
 * A line an action shows, with what it is, so that a UI draws it by its kind and never guesses from its text (a log
 * line that begins with '-' is a log line, not a removed diff line). A log line that is one of the known replication
 * lines carries its meaning, so a UI can highlight it (good lines one way, trouble another).
 */
public record OutputLine(String text, Kind kind, Optional<LogPatterns.Meaning> meaning) {

    /** What a line is. */
    public enum Kind {
        /** Prose: a fact, a command to run, progress, an explanation. */
        TEXT,
        /** A title: the preview's, "will run:". */
        HEADING,
        /** A line of a log file, as read. */
        LOG,
        /** A diff's file names ({@code ---}, {@code +++}). */
        DIFF_FILE,
        /** A diff's hunk header ({@code @@}). */
        DIFF_HUNK,
        DIFF_ADDED,
        DIFF_REMOVED,
        /** A diff's unchanged line. */
        DIFF_CONTEXT,
        /** A warning, or a result that is not done (refused, failed). */
        WARNING
    }

    public OutputLine {
        if (kind != Kind.LOG && meaning.isPresent()) throw new IllegalArgumentException("only a log line has a meaning");
    }

    public static OutputLine plain(String text) {
        return new OutputLine(text, Kind.TEXT, Optional.empty());
    }

    public static OutputLine of(Kind kind, String text) {
        return new OutputLine(text, kind, Optional.empty());
    }

    public static OutputLine log(String text) {
        return new OutputLine(text, Kind.LOG, LogPatterns.meaning(text));
    }

    /** A line of a unified diff, its kind told by its first characters (here, and only here, that is what they mean). */
    public static OutputLine diff(String text) {
        Kind kind;
        if (text.startsWith("+++") || text.startsWith("---")) kind = Kind.DIFF_FILE;
        else if (text.startsWith("@@")) kind = Kind.DIFF_HUNK;
        else if (text.startsWith("+")) kind = Kind.DIFF_ADDED;
        else if (text.startsWith("-")) kind = Kind.DIFF_REMOVED;
        else kind = Kind.DIFF_CONTEXT;
        return of(kind, text);
    }

    /** The same line with its text replaced (scrubbed of secrets), its kind and meaning kept. */
    public OutputLine withText(String replaced) {
        return new OutputLine(replaced, kind, meaning);
    }

    public boolean known() {
        return meaning.isPresent();
    }
}
