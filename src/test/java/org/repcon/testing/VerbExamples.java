package org.repcon.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.repcon.command.Completion;
import org.repcon.command.Opt;
import org.repcon.command.Verb;
import org.repcon.topology.Topology;

/** Valid command lines for the verb table's verbs, made from the table itself: a verb added later is covered too. */
public final class VerbExamples {

    private VerbExamples() {}

    /** Every verb that changes something, once plain and once with its flag options (--force, --full). */
    public static List<String> mutating(Topology topology) {
        List<String> commands = new ArrayList<>();
        for (Verb verb : Verb.values()) {
            if (!verb.mutates()) continue;
            commands.add(String.join(" ", example(topology, verb, false)));
            if (verb.options().stream().anyMatch(o -> !o.takesValue())) commands.add(String.join(" ", example(topology, verb, true)));
        }
        return commands;
    }

    /** A valid command line for the verb, each word the first completion candidate (plus the flag options). */
    public static List<String> example(Topology topology, Verb verb, boolean withFlags) {
        Completion completion = Completion.console(topology, List::of);
        List<String> words = new ArrayList<>(List.of(verb.word()));
        for (int k = 0; k < verb.params().size(); k++) {
            List<String> next = new ArrayList<>(words);
            next.add("");
            List<String> candidates = completion.candidates(next, words.size());
            assertThat(candidates).as("candidates for " + next).isNotEmpty();
            words.add(candidates.get(0));
        }
        if (withFlags) verb.options().stream().filter(o -> !o.takesValue()).map(Opt::primary).forEach(words::add);
        return words;
    }
}
