package org.repcon.tui;

import static org.repcon.tui.KeyBinding.Context.CONFIRM;

import com.googlecode.lanterna.TerminalPosition;
import java.util.List;
import org.repcon.action.Question;
import org.repcon.tui.KeyBinding.Context;
import org.repcon.tui.paint.BottomLine;
import org.repcon.tui.paint.Canvas;

/**
 * Setup's y/n question on the bottom line, above everything until answered: y, n, Enter alone (asked again), and
 * Esc, q or Ctrl-C to cancel, so that no key leaves the runner waiting. Any answer takes the layer away; a question
 * asked again comes as a new one.
 */
final class ConfirmLayer extends Layer {

    private final SetupView setup;
    private final Question question;

    ConfirmLayer(Ui ui, SetupView setup, Question question) {
        super(ui);
        this.setup = setup;
        this.question = question;
    }

    @Override
    List<Context> contexts() {
        return List.of(CONFIRM);
    }

    @Override
    boolean onTop() {
        return true;
    }

    /** Answered first, so that leaving the stack cancels nothing. */
    void answer(String text) {
        setup.answer(text);
        ui.remove(this);
    }

    void cancel() {
        setup.cancelQuestion();
        ui.remove(this);
    }

    @Override
    void back() {
        cancel();
    }

    @Override
    TerminalPosition bottom(Canvas line, long now, int row) {
        BottomLine.message(line, question.prompt() + (question.again() ? " (y or n; Esc cancels)" : ""), false);
        return null;
    }

    /** Taken away unanswered (the setup view closed, the console quit): the runner is told "cancelled". */
    @Override
    void closed() {
        setup.cancelQuestion();
    }
}
