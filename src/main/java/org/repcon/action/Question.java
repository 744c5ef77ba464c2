package org.repcon.action;

/**
 * A confirmation asked of the operator.
 *
 * @param prompt the question as one line ("repoint replica1/bayes to master2/bayes? [y/n] ")
 * @param expected for {@link Confirmation#TYPE_NAME}: the name that must be typed
 * @param again the previous answer was no answer (Enter alone, or something else than y/n): say so
 */
public record Question(Confirmation kind, String prompt, String expected, boolean again) {}
