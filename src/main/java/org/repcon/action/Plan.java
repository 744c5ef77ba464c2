package org.repcon.action;

import java.util.List;

/**
 * What an action will do, computed after its preconditions passed and before anything is asked:
 * the facts it is based on, its steps (exact commands and file writes), warnings, and the
 * confirmation it needs. The runner shows it as a {@link Preview} and then executes these steps.
 */
public record Plan(String title, List<String> facts, List<Step> steps, List<String> warnings, Confirmation confirmation) {

    public Plan {
        facts = List.copyOf(facts);
        steps = List.copyOf(steps);
        warnings = List.copyOf(warnings);
    }

    /** A plan that runs nothing (reading actions). */
    public static Plan none(String title) {
        return new Plan(title, List.of(), List.of(), List.of(), Confirmation.NONE);
    }
}
