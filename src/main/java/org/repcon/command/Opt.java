package org.repcon.command;

import java.util.List;
import java.util.Optional;

/** An option a verb takes: a flag, or a name followed by a value ({@code -n 50}, {@code --grep=RE}). */
public enum Opt {
    FORCE(List.of("--force"), null, "Do it although repcon's data guard says it destroys data (re-point over a larger"
            + " dataset or the topology's master; start or restart a master its replicas would copy empty or behind;"
            + " restore over a master holding more keys); the instance name must then be typed."),
    FULL(List.of("--full"), null, "A full sync (REPLICAOF NO ONE, then REPLICAOF again) instead of reconnecting;"
            + " the replica's data is thrown away and fetched anew, so the instance name must be typed."),
    LINES(List.of("-n", "--lines"), "N", "How many lines (default 50; with --grep, the last N that match)."),
    GREP(List.of("--grep"), "RE", "Only lines matching the regular expression (Java syntax).");

    private final List<String> names;
    private final String valueLabel;
    private final String description;

    Opt(List<String> names, String valueLabel, String description) {
        this.names = names;
        this.valueLabel = valueLabel;
        this.description = description;
    }

    /** The name completion offers and usage lines show. */
    public String primary() {
        return names.get(0);
    }

    public List<String> names() {
        return names;
    }

    public boolean takesValue() {
        return valueLabel != null;
    }

    public Optional<String> valueLabel() {
        return Optional.ofNullable(valueLabel);
    }

    public String description() {
        return description;
    }

    /** {@code -n N}, {@code --force}. */
    public String usage() {
        return primary() + (takesValue() ? " " + valueLabel : "");
    }
}
