package org.repcon.tui;

import java.util.List;
import org.jline.reader.History;
import org.repcon.command.LineHistory;

/**
 * Runs what is typed after ':' and a finding's suggested fix. The console only edits the line and shows the result;
 * the language lives behind this interface ({@link ConsoleCommands}: repcon's one command language).
 */
public interface CommandHandler {

    /**
     * Runs one line (without the ':'), on the UI thread: anything slow must run elsewhere and report
     * back through {@link ConsoleControl#post}.
     */
    Result execute(String line, ConsoleControl console);

    /** Runs a command given as its words (a finding's suggested fix): parsed as if typed, nothing split or matched. */
    Result run(List<String> words, ConsoleControl console);

    /** Candidates for the whole line after Tab, e.g. "theme light" for "theme l"; empty when none. */
    default List<String> complete(String line, ConsoleControl console) {
        return List.of();
    }

    /** The ':' line's history (Up/Down), set up as repcon shell's; this one is kept in memory only. */
    default History history() {
        return LineHistory.detached(null);
    }

    /** What the bottom line shows afterwards: a message, an error, or nothing. */
    record Result(String message, boolean error) {

        public static final Result NONE = new Result("", false);

        public static Result ok(String message) {
            return new Result(message, false);
        }

        public static Result error(String message) {
            return new Result(message, true);
        }
    }
}
