package org.repcon.tui;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.repcon.action.OutputLine;
import org.repcon.view.ConsoleView;

/** What a command may do to the console. Call on the UI thread, except {@link #post}. */
public interface ConsoleControl {

    ConsoleView view();

    /** The selected row's key ("replica1/bayes"), or null: the target of commands about "this". */
    String selectedKey();

    boolean readOnly();

    void quit();

    List<String> themes();

    String theme();

    /** @throws org.repcon.util.RepconException when the theme is unknown or its file is invalid */
    void setTheme(String name);

    void setRefreshInterval(Duration interval);

    void refreshNow();

    /** Narrows hosts and rows as '/' does; empty clears. */
    void setFilter(String text);

    void showMessage(String text, boolean error);

    /** Orders the hosts (the worst first, or by name). */
    default void sortHosts(org.repcon.command.Command.Sort.Order order) {
    }

    /**
     * Acknowledges the selected finding, until it changes (empty) or for a time; returns the line that says so.
     *
     * @throws org.repcon.util.RepconException when no finding is selected or it cannot be kept or recorded
     */
    default String acknowledge(Optional<Duration> lasts) {
        throw org.repcon.util.RepconException.invalid("nothing to acknowledge in this console");
    }

    /** Opens the output box with plain text (help). */
    default void showReport(String title, List<String> lines) {
        showOutput(title, lines.stream().map(OutputLine::plain).toList(), null);
    }

    /**
     * Opens the output box with an action's lines (a preview, logs, an explanation), each drawn by its kind;
     * {@code onClose} (or null) runs when it closes (Esc, another box, quitting): a follow stops.
     */
    void showOutput(String title, List<OutputLine> lines, Runnable onClose);

    /** Says the output box now follows its source live (the heading tells, Space pauses). */
    default void reportFollowing() {
    }

    /** Adds a line to the output box: an action's progress. */
    default void appendReport(String line) {
        appendOutput(OutputLine.plain(line));
    }

    /** Adds a line to the output box: a followed log line, an action's result. */
    void appendOutput(OutputLine line);

    /**
     * Asks on the bottom line; {@code onAnswer} gets the typed line, or null when cancelled. Returns what withdraws the
     * question if it is still open (on the UI thread).
     */
    Runnable ask(String question, java.util.function.Consumer<String> onAnswer);

    /** Runs a task on the UI thread, from any thread: how slow work reports back. */
    void post(Runnable task);

    /**
     * Opens the setup view on a host (null: the first in setup's order); empty when it opened, else why not in one
     * line (no setup in this console, no such host).
     */
    default Optional<String> openSetup(String host) {
        return Optional.of("setup is not available here");
    }
}
