package org.repcon.tui;

import java.util.ArrayList;
import java.util.List;

/** The line typed after '/' or ':': text, cursor, and for commands a history of earlier lines. */
final class LineEditor {

    private static final int HISTORY_MAX = 100;

    private final StringBuilder text = new StringBuilder();
    private int cursor;
    private final List<String> history = new ArrayList<>();
    private int historyIndex;

    String text() {
        return text.toString();
    }

    int cursor() {
        return cursor;
    }

    void set(String line) {
        text.setLength(0);
        text.append(line);
        cursor = text.length();
        historyIndex = history.size();
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

    void remember(String line) {
        if (line.isBlank()) return;
        history.remove(line);
        history.add(line);
        if (history.size() > HISTORY_MAX) history.remove(0);
        historyIndex = history.size();
    }

    void previous() {
        if (historyIndex == 0) return;
        String line = history.get(--historyIndex);
        int keep = historyIndex;
        set(line);
        historyIndex = keep;
    }

    void next() {
        if (historyIndex >= history.size()) return;
        historyIndex++;
        int keep = historyIndex;
        set(historyIndex == history.size() ? "" : history.get(historyIndex));
        historyIndex = keep;
    }
}
