package org.repcon.action;

/**
 * Asks the operator; only input and output. What counts as yes, that Enter alone is no answer and that a
 * destructive action needs its exact name are decided by {@link Confirmations}, on the {@link Rails}, in one place.
 */
@FunctionalInterface
public interface Confirmer {

    Reply ask(Question question);
}
