package org.repcon.action;

/** What a {@link Confirmer} got. */
public sealed interface Reply {

    /** What was typed, as typed; the runner decides what it means. */
    record Answer(String text) implements Reply {}

    /** The operator broke off (Ctrl-C, end of input): declined. */
    record Cancelled() implements Reply {}

    /** Nobody can be asked (no terminal, a script without --yes or --confirm): refused, for this reason. */
    record Unavailable(String reason) implements Reply {}
}
