package org.repcon.tui;

import static org.repcon.tui.KeyBinding.Context.ANSWER;
import static org.repcon.tui.KeyBinding.Context.COMMAND;
import static org.repcon.tui.KeyBinding.Context.FILTER;
import static org.repcon.tui.KeyBinding.Context.GLOBAL;
import static org.repcon.tui.KeyBinding.Context.LINE;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.input.KeyStroke;
import java.util.List;
import java.util.function.Consumer;
import org.repcon.tui.KeyBinding.Context;
import org.repcon.tui.paint.BottomLine;
import org.repcon.tui.paint.Canvas;

/**
 * A line typed on the bottom line, above everything: a filter after '/', a command after ':', or the answer to an
 * action's question (its y/n or a name to type). Keys its bindings do not take are typed; of the rest only the
 * global keys that cannot be typed (Ctrl-C) get through. The note is what shows at the right (completions).
 */
final class LineLayer extends Layer {

    enum Mode { FILTER, COMMAND, ANSWER }

    private final Mode mode;
    private final LineEditor editor;
    private final String label;
    /** ANSWER: who waits for the line; null once answered, so that the answer is given once. */
    private Consumer<String> waiting;
    private String note = "";
    /** The completions offered (their last words), shown a page at a time; Tab again turns the page. */
    private List<String> choices = List.of();
    private int choicePage;

    private LineLayer(Ui ui, Mode mode, LineEditor editor, String initial, String label, Consumer<String> waiting) {
        super(ui);
        this.mode = mode;
        this.editor = editor;
        this.label = label;
        this.waiting = waiting;
        editor.set(initial);
    }

    static LineLayer filter(Ui ui, String current) {
        return new LineLayer(ui, Mode.FILTER, new LineEditor(), current, "/", null);
    }

    /** On the command line of the session, which keeps the history. */
    static LineLayer command(Ui ui, LineEditor commandLine, String initial) {
        return new LineLayer(ui, Mode.COMMAND, commandLine, initial, ":", null);
    }

    /** {@code onAnswer} gets the line typed, or null when the question is cancelled (Esc, Ctrl-C, quitting). */
    static LineLayer answer(Ui ui, String question, Consumer<String> onAnswer) {
        return new LineLayer(ui, Mode.ANSWER, new LineEditor(), "", question, onAnswer);
    }

    Mode mode() {
        return mode;
    }

    LineEditor editor() {
        return editor;
    }

    void note(String text) {
        note = text;
        choices = List.of();
    }

    /** Several completions: the first page of them, or the next page when they are the ones already offered. */
    void offer(List<String> words) {
        if (words.equals(choices)) {
            choicePage++;
        } else {
            choices = List.copyOf(words);
            choicePage = 0;
        }
        note = "";
    }

    @Override
    List<Context> contexts() {
        return switch (mode) {
            case FILTER -> List.of(FILTER, LINE);
            case COMMAND -> List.of(COMMAND, LINE);
            case ANSWER -> List.of(ANSWER, LINE);
        };
    }

    @Override
    boolean onTop() {
        return true;
    }

    @Override
    void unbound(KeyStroke key, String name) {
        char c = Keys.typed(key);
        if (c != 0) {
            editor.insert(c);
            ui.edited(this);
        } else {
            ui.dispatch(name, List.of(GLOBAL));
        }
    }

    /** Enter: keeps the filter, runs the command, or gives the answer. */
    void accept() {
        Consumer<String> w = waiting;
        waiting = null; // answered: leaving the stack says no "cancel"
        ui.remove(this);
        if (mode == Mode.COMMAND) ui.runCommand(editor.text());
        if (w != null) w.accept(editor.text());
    }

    /** Esc: a filter is cleared, a command dropped, a question answered with "cancel". */
    @Override
    void back() {
        if (mode == Mode.FILTER) ui.setFilter("");
        ui.remove(this);
    }

    /** Taken away unanswered (Esc, Ctrl-C, another question, quitting): the action is told "cancelled". */
    @Override
    void closed() {
        Consumer<String> w = waiting;
        waiting = null;
        if (w != null) w.accept(null);
    }

    @Override
    TerminalPosition bottom(Canvas line, long now, int row) {
        String right = !choices.isEmpty() ? Choices.page(choices, choicePage, BottomLine.noteRoom(line, label, editor.text()))
                : note.isEmpty() ? Frame.hintText(contexts()) : note;
        return new TerminalPosition(BottomLine.input(line, label, editor.text(), editor.cursor(), right), row);
    }
}
