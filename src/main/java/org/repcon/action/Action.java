package org.repcon.action;

import org.repcon.command.Command;
import org.repcon.command.Target;

/**
 * One operation on the deployment, made from a {@link Command} by {@link Actions}. Every action goes
 * through {@link ActionRunner}, on the {@link Rails}: the read-only check, then {@link #check()}, whose plan (the only
 * way to one) is shown as a preview and confirmed; after the answer the runner checks again, under the host locks, and
 * runs the fresh plan's steps, then its verification. An action does not run commands itself: its plan says what
 * runs, so the preview is exactly what happens. An action keeps nothing between checks: each reads anew.
 */
public interface Action {

    Command command();

    /** What it acts on, as typed: {@code replica1/bayes}; empty for none (explain). */
    default String subject() {
        return command().subject().map(Target::key).orElse("");
    }

    /** The host it acts on, for the audit; empty for none. */
    default String host() {
        return command().subject().map(t -> t.host().name()).orElse("");
    }

    /**
     * Whether it changes the deployment (start, re-point...) rather than reading it (logs, explain): the verb table's
     * word, the one truth the runner goes by.
     */
    default boolean mutates() {
        return command().verb().mutates();
    }

    /**
     * The preconditions, read from the deployment's state (INFO, files), never changing it: refused with why in one
     * line, or ready with the plan made from what was read. Called before anything is shown or asked, and again after
     * the answer.
     */
    Checked check();
}
