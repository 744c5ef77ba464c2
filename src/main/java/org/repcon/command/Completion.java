package org.repcon.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.repcon.diagnosis.Code;
import org.repcon.topology.Instance;
import org.repcon.topology.Topology;

/**
 * Completion candidates as plain strings, from the verb table and the topology: verbs, options,
 * targets. {@code repoint X to} offers only masters X may follow; {@code explain} the diagnosis codes.
 * The shell's JLine completer hands it JLine's words; the console's ':' line its whole line ({@link #forLine}).
 * The shell is not offered the verbs only the full-screen console has.
 */
public final class Completion {

    private final Targets targets;
    private final Supplier<List<String>> themes;
    private final List<String> verbs;

    private Completion(Topology topology, Supplier<List<String>> themes, boolean console) {
        this.targets = new Targets(topology);
        this.themes = themes;
        this.verbs = Arrays.stream(Verb.values()).filter(v -> console || !v.consoleOnly()).map(Verb::word).toList();
    }

    /** The full-screen console's: every verb, {@code themes} for {@code theme}. */
    public static Completion console(Topology topology, Supplier<List<String>> themes) {
        return new Completion(topology, themes, true);
    }

    /** {@code repcon shell}'s: the verbs it runs. */
    public static Completion shell(Topology topology) {
        return new Completion(topology, List::of, false);
    }

    /** Whole-line candidates for a line being typed with the cursor at its end: "theme light" for "theme l". */
    public List<String> forLine(String line) {
        List<String> words = Words.upToCursor(line);
        if (words.isEmpty()) return List.of();
        int index = words.size() - 1;
        String before = line.substring(0, line.length() - words.get(index).length());
        return candidates(words, index).stream().map(c -> before + c).toList();
    }

    /**
     * The candidates for {@code words.get(index)}, the word being completed (possibly empty), that start
     * with what is typed of it; the words before it decide what fits.
     */
    public List<String> candidates(List<String> words, int index) {
        String typed = index < words.size() ? words.get(index) : "";
        return startingWith(typed, all(words, index, typed));
    }

    private List<String> all(List<String> words, int index, String typed) {
        if (index == 0) return verbs;
        Verb verb = Verb.of(words.get(0)).orElse(null);
        if (verb == null) return List.of();
        Set<Opt> used = EnumSet.noneOf(Opt.class);
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < index && i < words.size(); i++) {
            String w = words.get(i);
            Opt opt = optionNamed(verb, w);
            if (opt != null) {
                used.add(opt);
                if (opt.takesValue() && !w.contains("=")) {
                    if (i + 1 == index) return List.of(); // the option's value: free text
                    i++;
                }
            } else {
                positional.add(w);
            }
        }
        List<String> unusedOptions = verb.options().stream().filter(o -> !used.contains(o)).map(Opt::primary).toList();
        if (typed.startsWith("-")) return unusedOptions;
        if (positional.size() < verb.params().size()) return forSlot(verb.params().get(positional.size()).slot(), positional);
        return unusedOptions;
    }

    private List<String> forSlot(Slot slot, List<String> before) {
        return switch (slot) {
            case ANY_TARGET -> targets.all();
            case SERVICE -> targets.services();
            case REPLICA -> targets.replicas();
            case TO -> List.of("to");
            case MASTER -> related(before.get(0), targets::mastersFor); // only masters it may follow
            case PRIMARY -> targets.primaries();
            case FROM -> List.of("from");
            case SOURCE -> related(before.get(0), targets::replicasOf);
            case CODE -> Arrays.stream(Code.values()).map(Code::id).toList();
            case VERB -> verbs;
            case HOST -> targets.hosts();
            case THEME -> themes.get();
            case INSTANCE -> targets.instances();
            case PARAMETER -> Setting.words();
            case VALUE -> before.size() > 1 && Setting.of(before.get(1)).orElse(null) == Setting.REPLICA_READ_ONLY
                    ? List.of("yes", "no") : List.of(); // sizes and counts are free
            case ORDER -> Arrays.stream(Command.Sort.Order.values()).map(Command.Sort.Order::word).toList();
            case TEXT -> List.of(Command.Filter.PROBLEMS); // else free words
            case SECONDS, DURATION -> List.of(); // free
        };
    }

    /** Instances related to the one a word names (the masters it may follow, its replicas); none when it names none. */
    private List<String> related(String word, Function<Instance, List<Instance>> how) {
        try {
            Target t = targets.resolve(word);
            if (!(t instanceof Target.OfInstance i)) return List.of();
            return how.apply(i.instance()).stream().map(m -> m.host() + "/" + m.name()).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static Opt optionNamed(Verb verb, String word) {
        String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        return verb.options().stream().filter(o -> o.names().contains(name)).findFirst().orElse(null);
    }

    private static List<String> startingWith(String typed, List<String> candidates) {
        return candidates.stream().filter(c -> c.startsWith(typed)).distinct().toList();
    }
}
