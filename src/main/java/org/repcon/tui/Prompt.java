package org.repcon.tui;

/**
 * The bottom line while something is typed: a filter after '/', a command after ':'. Each keeps
 * its own line, so the command history survives filtering; the note is what shows at the right
 * (completions, or nothing).
 */
final class Prompt {

    enum Mode { NONE, FILTER, COMMAND }

    private Mode mode = Mode.NONE;
    private final LineEditor filterLine = new LineEditor();
    private final LineEditor commandLine = new LineEditor();
    private String note = "";

    Mode mode() {
        return mode;
    }

    boolean open() {
        return mode != Mode.NONE;
    }

    void start(Mode m, String initial) {
        mode = m;
        editor().set(initial);
        note = "";
    }

    /** Closes the prompt; returns the mode it was in. */
    Mode close() {
        Mode was = mode;
        mode = Mode.NONE;
        note = "";
        return was;
    }

    LineEditor editor() {
        return mode == Mode.COMMAND ? commandLine : filterLine;
    }

    LineEditor commandLine() {
        return commandLine;
    }

    String note() {
        return note;
    }

    void note(String text) {
        note = text;
    }
}
