package org.repcon.action;

import java.util.List;
import java.util.Optional;
import org.repcon.command.Command;

/**
 * One operation on the deployment, made from a {@link Command} by {@link Actions}. Every action goes
 * through {@link ActionRunner}, on the {@link Rails}: the read-only check, {@link #check()}, the {@link #plan()} shown as a
 * preview and confirmed, the plan's steps executed, then {@link #verify}. An action does not run
 * commands itself: its plan says what runs, so the preview is exactly what happens.
 */
public interface Action {

    Command command();

    /** What it acts on, as typed: {@code replica1/bayes}; empty for none (explain). */
    String subject();

    /** The host it acts on, for the audit; empty for none. */
    String host();

    /**
     * The hosts it changes, each locked while it runs ({@link HostLock}): by default its {@link #host()}; an action
     * that changes two hosts (a copy from one to another) names both.
     */
    default List<String> hosts() {
        return host().isEmpty() ? List.of() : List.of(host());
    }

    /**
     * Whether it changes the deployment (start, re-point...) rather than reading it (logs, explain): the verb table's
     * word, the one truth the runner goes by.
     */
    default boolean mutates() {
        return command().verb().mutates();
    }

    /**
     * The preconditions, checked before anything is shown or asked: empty when the action may go on,
     * else why not, in one line. May read the deployment's state (INFO, files), never change it.
     */
    Optional<String> check();

    /** After a passed check: the steps, the facts behind them, warnings, and the confirmation needed. */
    Plan plan();

    /**
     * After the plan's steps ran: waits until the change has taken effect, reporting progress, and says
     * what proves it in one line; a RepconException when it did not take effect.
     */
    default String verify(Progress progress) {
        return "done";
    }

    /** What a reading action shows (log lines, an explanation); called after {@link #check()}. */
    default List<OutputLine> output() {
        return List.of();
    }
}
