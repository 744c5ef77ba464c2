package org.repcon.action;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What an action will do, made by its passed {@link Action#check()} and immutable: the facts it is based on, its
 * steps (exact commands and file writes), warnings, the confirmation it needs, and its verification, which holds
 * what the check read before (a counter, the keys) to judge the change by. The runner shows it as a {@link Preview},
 * executes its steps, then verifies.
 *
 * @param stakes for a typed-name confirmation, what is at stake in words; empty: "this destroys data on NAME"
 */
public record Plan(String title, List<String> facts, List<Step> steps, List<String> warnings, Confirmation confirmation,
                   Verification verification, String stakes) {

    /**
     * After the plan's steps ran: waits until the change has taken effect, reporting progress, and says what proves it
     * in one line; a RepconException when it did not take effect. For a reading action, the reading itself.
     */
    @FunctionalInterface
    public interface Verification {
        Verified verify(Progress progress);
    }

    /** What a verification said, in one line, and what a reading action shows (log lines, an explanation). */
    public record Verified(String said, List<OutputLine> output) {
        public Verified {
            output = List.copyOf(output);
        }
    }

    public Plan {
        facts = List.copyOf(facts);
        steps = List.copyOf(steps);
        warnings = List.copyOf(warnings);
    }

    /** A change: {@code verify} says in one line what proves it. */
    public static Plan change(String title, List<String> facts, List<Step> steps, List<String> warnings,
                              Confirmation confirmation, Function<Progress, String> verify) {
        return new Plan(title, facts, steps, warnings, confirmation, p -> new Verified(verify.apply(p), List.of()), "");
    }

    /**
     * The same plan, its typed-name question saying what is at stake in these words ("this parts replica1/bayes from its
     * master for good (its data stays)") instead of "this destroys data on NAME".
     */
    public Plan stakes(String words) {
        return new Plan(title, facts, steps, warnings, confirmation, verification, words);
    }

    /** A plan that runs nothing and asks nothing (reading actions): its verification is the reading. */
    public static Plan reading(String title, Supplier<Verified> read) {
        return new Plan(title, List.of(), List.of(), List.of(), Confirmation.NONE, p -> read.get(), "");
    }

    /** The hosts it changes, each locked while it runs ({@link HostLock}): where its steps act, a copy's source too. */
    public List<String> hosts() {
        List<String> hosts = new ArrayList<>();
        for (Step s : steps) {
            if (s instanceof Step.CopyFile c && !hosts.contains(c.fromHost())) hosts.add(c.fromHost());
            if (!hosts.contains(s.host())) hosts.add(s.host());
        }
        return hosts;
    }
}
