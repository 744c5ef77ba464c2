package org.repcon.tui;

import java.util.List;

/**
 * Runs what is typed after ':'. The console only edits the line and shows the result; the language
 * lives behind this interface, so a full one (parsing, verbs, JLine completion and history) can
 * replace {@link BuiltinCommands} without touching the screen code.
 */
public interface CommandHandler {

    /**
     * Runs one line (without the ':'), on the UI thread: anything slow must run elsewhere and report
     * back through {@link ConsoleControl#post}.
     */
    Result execute(String line, ConsoleControl console);

    /** Candidates for the whole line after Tab, e.g. "theme light" for "theme l"; empty when none. */
    default List<String> complete(String line, ConsoleControl console) {
        return List.of();
    }

    /** Earlier command lines, oldest first, for Up/Down from the start (a handler that keeps a history file). */
    default List<String> history() {
        return List.of();
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
