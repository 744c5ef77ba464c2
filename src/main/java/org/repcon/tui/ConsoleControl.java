package org.repcon.tui;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

    /** Opens the output box (a preview, logs, an explanation). */
    void showReport(String title, List<String> lines);

    /** Opens the output box; {@code onClose} runs when it closes (Esc, another box, quitting): a follow stops. */
    default void showReport(String title, List<String> lines, Runnable onClose) {
        showReport(title, lines);
    }

    /** Says the output box now follows its source live (the heading tells, Space pauses). */
    default void reportFollowing() {
    }

    /** Adds a line to the output box: an action's progress. */
    void appendReport(String line);

    /** Asks on the bottom line; {@code onAnswer} gets the typed line, or null when cancelled. */
    void ask(String question, java.util.function.Consumer<String> onAnswer);

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
