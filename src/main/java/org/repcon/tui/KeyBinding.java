package org.repcon.tui;

import java.util.List;
import java.util.function.Consumer;

/**
 * A key binding as data: the keys (as {@code Keys} names them: "j", "Down", "Ctrl-C"), what it does
 * in a few words, where it applies, and the action. The help overlay and the hint bar are generated
 * from the table in {@link KeyBindings}.
 */
public record KeyBinding(List<String> keys, String description, Context context, Consumer<Ui> action) {

    /** Where a binding applies; also the help overlay's sections, in this order. */
    public enum Context {
        GLOBAL("Everywhere"),
        MAIN("Hosts, topology and findings"),
        FINDINGS("Findings pane"),
        DETAILS("Details"),
        SETUP("Setup view"),
        MOVE("Moving around"),
        HELP("This help"),
        REPORT("Command output"),
        FILTER("Filter (after /)"),
        COMMAND("Command line (after :)"),
        ANSWER("Answering a question (y/n, or a name typed)"),
        LINE("Editing a line");

        private final String title;

        Context(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    public KeyBinding {
        keys = List.copyOf(keys);
    }

    /** The keys as help shows them: "Down, j". */
    public String keysLabel() {
        return String.join(", ", keys);
    }
}
