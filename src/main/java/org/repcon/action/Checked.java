package org.repcon.action;

/**
 * What an action's {@link Action#check()} found: refused, with why in one line, or ready, with the plan. The plan
 * exists only here, so no caller can have a plan that did not pass its check, nor a plan that outlived the state
 * it was made from: each check reads the deployment anew and makes a plan of its own.
 */
public sealed interface Checked {

    /** The action may not go on: why, in one line. */
    record Refused(String why) implements Checked {}

    /** It may go on: the steps, the facts behind them, warnings, the confirmation, and how it is verified. */
    record Ready(Plan plan) implements Checked {}

    static Checked refused(String why) {
        return new Refused(why);
    }

    static Checked ready(Plan plan) {
        return new Ready(plan);
    }
}
