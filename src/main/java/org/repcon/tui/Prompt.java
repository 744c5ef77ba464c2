package org.repcon.tui;

/**
 * The bottom line while something is typed: a filter after '/', a command after ':'. Each keeps
 * its own line, so the command history survives filtering; the note is what shows at the right
 * (completions, or nothing).
 */
final class Prompt {

    /** ANSWER: a question an action asks (y/n, or a name to type); its line keeps no history. */
    enum Mode { NONE, FILTER, COMMAND, ANSWER }

    private Mode mode = Mode.NONE;
    private final LineEditor filterLine = new LineEditor();
    private final LineEditor commandLine = new LineEditor();
    private final LineEditor answerLine = new LineEditor();
    private String note = "";
    private String question = "";

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
        return switch (mode) {
            case COMMAND -> commandLine;
            case ANSWER -> answerLine;
            default -> filterLine;
        };
    }

    /** Opens the answer line with the question as its prompt. */
    void ask(String text) {
        question = text;
        start(Mode.ANSWER, "");
    }

    /** What the line starts with: "/", ":" or the question. */
    String label() {
        return switch (mode) {
            case FILTER -> "/";
            case ANSWER -> question;
            default -> ":";
        };
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
