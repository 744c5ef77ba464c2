package org.repcon.tui;

import java.util.function.Supplier;
import org.jline.reader.History;

/**
 * The line typed after '/' or ':': text, cursor, and for commands the history of earlier lines: JLine's, as repcon
 * shell keeps it ({@link org.repcon.command.LineHistory}), walked with Up and Down.
 */
final class LineEditor {

    private final StringBuilder text = new StringBuilder();
    private int cursor;
    /** Where the history comes from, asked once on first use: setting up JLine's can wait until a line is typed. */
    private Supplier<History> historySource;
    /** Null: a line without a history (a filter, an answer), or not asked for yet. */
    private History history;

    LineEditor() {
        this(() -> null);
    }

    LineEditor(History history) {
        this(() -> history);
    }

    LineEditor(Supplier<History> history) {
        this.historySource = history;
    }

    private History history() {
        if (historySource != null) {
            history = historySource.get();
            historySource = null;
        }
        return history;
    }

    String text() {
        return text.toString();
    }

    int cursor() {
        return cursor;
    }

    /** A new line: Up starts again from the newest in the history. */
    void set(String line) {
        show(line);
        if (history() != null) history.moveToEnd();
    }

    private void show(String line) {
        text.setLength(0);
        text.append(line);
        cursor = text.length();
    }

    void insert(char c) {
        text.insert(cursor++, c);
    }

    void backspace() {
        if (cursor > 0) text.deleteCharAt(--cursor);
    }

    void delete() {
        if (cursor < text.length()) text.deleteCharAt(cursor);
    }

    void left() {
        cursor = Math.max(0, cursor - 1);
    }

    void right() {
        cursor = Math.min(text.length(), cursor + 1);
    }

    void home() {
        cursor = 0;
    }

    void end() {
        cursor = text.length();
    }

    void clear() {
        set("");
    }

    /** Deletes the word before the cursor, as Ctrl-W does in a shell. */
    void deleteWord() {
        int start = cursor;
        while (start > 0 && text.charAt(start - 1) == ' ') start--;
        while (start > 0 && text.charAt(start - 1) != ' ') start--;
        text.delete(start, cursor);
        cursor = start;
    }

    /** Adds a line run to the history (and so to its file); a filter's or an answer's is not kept. */
    void remember(String line) {
        if (history() == null || line.isBlank()) return;
        history.add(line);
        history.moveToEnd();
    }

    void previous() {
        if (history() != null && history.previous()) show(history.current());
    }

    void next() {
        if (history() != null && history.next()) show(history.current());
    }
}
