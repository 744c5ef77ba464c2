package org.repcon.tui;

import static org.repcon.tui.KeyBinding.Context.ANSWER;
import static org.repcon.tui.KeyBinding.Context.COMMAND;
import static org.repcon.tui.KeyBinding.Context.DETAILS;
import static org.repcon.tui.KeyBinding.Context.FILTER;
import static org.repcon.tui.KeyBinding.Context.FINDINGS;
import static org.repcon.tui.KeyBinding.Context.GLOBAL;
import static org.repcon.tui.KeyBinding.Context.HELP;
import static org.repcon.tui.KeyBinding.Context.LINE;
import static org.repcon.tui.KeyBinding.Context.REPORT;
import static org.repcon.tui.KeyBinding.Context.MAIN;
import static org.repcon.tui.KeyBinding.Context.MOVE;
import static org.repcon.tui.KeyBinding.Context.SETUP;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.repcon.tui.KeyBinding.Context;
import org.repcon.tui.paint.BottomLine;
import org.repcon.tui.paint.HelpOverlay;

/**
 * Every key the console answers, as data. The top layer of the console's stack says which contexts answer
 * ({@link Layer#contexts}). Order matters twice: the first binding for a key in the most specific of those
 * contexts wins, and the hint bar shows bindings in this order until it is full.
 */
public final class KeyBindings {

    public static final List<KeyBinding> ALL = List.of(
            bind(GLOBAL, "command", Ui::startCommand, ":"),
            bind(GLOBAL, "quit", Ui::quit, "q", "Ctrl-C"),
            bind(GLOBAL, "refresh now", Ui::refreshNow, "r"),
            bind(GLOBAL, "next theme", Ui::cycleTheme, "t"),
            bind(GLOBAL, "help", Ui::toggleHelp, "?"),

            bind(MAIN, "details", Ui::openDetails, "Enter"),
            bind(MAIN, "filter", Ui::startFilter, "/"),
            bind(MAIN, "next pane", Ui::nextPane, "Tab", "Shift-Tab"),
            bind(MAIN, "topology", Ui::toggleTopology, "T"),
            bind(MAIN, "setup", Ui::openSetupHere, "S"),
            bind(MAIN, "next problem", ui -> ui.nextProblem(1), "n"),
            bind(MAIN, "previous problem", ui -> ui.nextProblem(-1), "N"),
            bind(MAIN, "back, clear filter", Ui::back, "Esc"),
            bind(MAIN, "problems only, or everything", Ui::toggleProblems, "p"),
            bind(MAIN, "sort hosts: health or name", Ui::toggleSort, "s"),
            bind(MAIN, "fold healthy hosts, or unfold", Ui::toggleFold, "z"),
            bind(MAIN, "copy the screen as text", Ui::copyScreen, "Y"),

            bind(FINDINGS, "run the suggested command (asks first)", Ui::runFinding, "x"),
            bind(FINDINGS, "suggested command on the line", Ui::commandFromFinding, "c"),
            bind(FINDINGS, "acknowledge until it changes (again: take back)", Ui::toggleAcknowledged, "a"),
            bind(FINDINGS, "copy the finding as text", Ui::copyFinding, "y"),

            bind(DETAILS, "back", Ui::back, "Esc", "Left", "h"),

            bind(SETUP, "apply step", ui -> ui.setup().applySelected(), "a"),
            bind(SETUP, "apply all", ui -> ui.setup().applyAll(), "A"),
            bind(SETUP, "step or output", ui -> ui.setup().toggleOutput(), "Enter"),
            bind(SETUP, "next to do", ui -> ui.setup().nextPending(), "n"),
            bind(SETUP, "check again", ui -> ui.setup().recheck(), "r"),
            bind(SETUP, "next host", ui -> ui.setup().nextHost(1), "Tab"),
            bind(SETUP, "previous host", ui -> ui.setup().nextHost(-1), "Shift-Tab"),
            bind(SETUP, "back", Ui::back, "Esc"),

            bind(MOVE, "down", ui -> ui.move(1), "Down", "j"),
            bind(MOVE, "up", ui -> ui.move(-1), "Up", "k"),
            bind(MOVE, "page down", ui -> ui.page(1), "PgDn", "Ctrl-F"),
            bind(MOVE, "page up", ui -> ui.page(-1), "PgUp", "Ctrl-B"),
            bind(MOVE, "first", Ui::first, "Home", "g"),
            bind(MOVE, "last", Ui::last, "End", "G"),

            bind(HELP, "close help", Ui::toggleHelp, "Esc", "?"),

            bind(REPORT, "close output (stops a log follow)", Ui::closeReport, "Esc"),
            bind(REPORT, "pause or go on (log follow)", Ui::togglePause, "Space"),

            bind(FILTER, "keep filter", Ui::acceptInput, "Enter"),
            bind(FILTER, "clear filter", Ui::cancelInput, "Esc"),

            bind(COMMAND, "run", Ui::acceptInput, "Enter"),
            bind(COMMAND, "cancel", Ui::cancelInput, "Esc"),
            bind(COMMAND, "complete", Ui::complete, "Tab"),
            bind(COMMAND, "previous command", Ui::historyPrevious, "Up"),
            bind(COMMAND, "next command", Ui::historyNext, "Down"),

            bind(ANSWER, "answer", Ui::acceptInput, "Enter"),
            bind(ANSWER, "cancel: nothing done", Ui::cancelInput, "Esc", "Ctrl-C"),
            bind(ANSWER, "scroll what it asks about", ui -> ui.scrollAsked(0, 1), "PgDn"),
            bind(ANSWER, "scroll back", ui -> ui.scrollAsked(0, -1), "PgUp"),
            bind(ANSWER, "a line down", ui -> ui.scrollAsked(1, 0), "Down"),
            bind(ANSWER, "a line up", ui -> ui.scrollAsked(-1, 0), "Up"),

            bind(LINE, "delete back", ui -> ui.editLine(LineEditor::backspace), "Backspace"),
            bind(LINE, "delete", ui -> ui.editLine(LineEditor::delete), "Delete"),
            bind(LINE, "cursor left", ui -> ui.editLine(LineEditor::left), "Left"),
            bind(LINE, "cursor right", ui -> ui.editLine(LineEditor::right), "Right"),
            bind(LINE, "start of line", ui -> ui.editLine(LineEditor::home), "Home", "Ctrl-A"),
            bind(LINE, "end of line", ui -> ui.editLine(LineEditor::end), "End", "Ctrl-E"),
            bind(LINE, "delete word", ui -> ui.editLine(LineEditor::deleteWord), "Ctrl-W"),
            bind(LINE, "clear line", ui -> ui.editLine(LineEditor::clear), "Ctrl-U"));

    /** The help key, pinned to the hint bar's right end. */
    static final BottomLine.Hint HELP_HINT = new BottomLine.Hint("?", "help");

    private KeyBindings() {}

    private static KeyBinding bind(Context context, String description, Consumer<Ui> action, String... keys) {
        return new KeyBinding(List.of(keys), description, context, action);
    }

    /** Keys help lists but the hint bar leaves out, being the mirror of one it shows. */
    private static final Set<String> UNHINTED = Set.of("N", "Shift-Tab");

    /** Hints for the active contexts: their first key each; moving and line editing go without saying. */
    static List<BottomLine.Hint> hints(List<Context> contexts) {
        List<BottomLine.Hint> hints = new ArrayList<>();
        Set<String> taken = new java.util.HashSet<>();
        for (Context context : contexts) {
            if (context == MOVE || context == LINE) continue;
            for (KeyBinding b : ALL) {
                if (b.context() != context || b.keys().contains(HELP_HINT.keys())) continue;
                // A key a more specific context binds does the other thing here: its hint would mislead.
                if (!taken.add(b.keys().get(0))) continue;
                if (UNHINTED.contains(b.keys().get(0))) continue;
                hints.add(new BottomLine.Hint(b.keys().get(0), b.description()));
            }
        }
        return hints;
    }

    /** The help overlay's sections: every binding, by context. */
    static List<HelpOverlay.Section> help() {
        List<HelpOverlay.Section> sections = new ArrayList<>();
        for (Context context : Context.values()) {
            List<HelpOverlay.Entry> entries = ALL.stream().filter(b -> b.context() == context)
                    .map(b -> new HelpOverlay.Entry(b.keysLabel(), b.description())).toList();
            if (!entries.isEmpty()) sections.add(new HelpOverlay.Section(context.title(), entries));
        }
        return sections;
    }
}
