package org.repcon.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.repcon.diagnosis.Code;
import org.repcon.diagnosis.Suggestion;
import org.repcon.topology.Instance;
import org.repcon.topology.Topology;
import org.repcon.util.RepconException;
import org.repcon.util.Suggest;

/**
 * Turns the words of one command line (split by the caller: JLine's parser, say) into a typed
 * {@link Command}. Every mistake is a RepconException with exit code 2 and a one-line message that
 * names the verb and, where a name is close, what was meant.
 */
public final class CommandParser {

    static final int MAX_LINES = 100_000;

    private final Targets targets;
    private final Supplier<List<String>> themes;

    /** @param themes the theme names the front end knows; an empty list accepts any name */
    public CommandParser(Topology topology, Supplier<List<String>> themes) {
        this.targets = new Targets(topology);
        this.themes = themes;
    }

    public CommandParser(Topology topology) {
        this(topology, List::of);
    }

    /** A typed line: split as the shell's prompt splits it ({@link Words}), then parsed. */
    public Command parse(String line) {
        return parse(Words.split(line));
    }

    /** A finding's suggested fix: its words, parsed as if typed (no splitting, no matching of its text). */
    public Command parse(Suggestion suggestion) {
        return parse(suggestion.words());
    }

    public Command parse(List<String> words) {
        List<String> w = words.stream().filter(s -> !s.isEmpty()).toList();
        if (w.isEmpty()) throw RepconException.invalid("no command; 'help' lists them");
        Verb verb = Verb.of(w.get(0)).orElseThrow(() -> RepconException.invalid("unknown command '" + w.get(0) + "'"
                + Suggest.hint(w.get(0), Verb.words()) + "; 'help' lists the commands"));
        try {
            return build(verb, w.subList(1, w.size()));
        } catch (RepconException e) {
            throw RepconException.invalid(verb.word() + ": " + e.getMessage());
        }
    }

    private Command build(Verb verb, List<String> rest) {
        if (takesText(verb)) return new Command.Filter(String.join(" ", rest));
        Map<Opt, String> options = new EnumMap<>(Opt.class);
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            String word = rest.get(i);
            if (!isOption(word)) {
                positional.add(word);
                continue;
            }
            int eq = word.indexOf('=');
            String name = eq > 0 ? word.substring(0, eq) : word;
            Opt opt = option(verb, name);
            if (opt.takesValue()) {
                if (eq > 0) {
                    options.put(opt, word.substring(eq + 1));
                } else if (i + 1 < rest.size()) {
                    options.put(opt, rest.get(++i));
                } else {
                    throw RepconException.invalid(name + " needs a value (" + opt.usage() + ")");
                }
            } else {
                if (eq > 0) throw RepconException.invalid(name + " takes no value");
                options.put(opt, "");
            }
        }
        if (verb == Verb.SET) return set(positional);
        List<Verb.Param> params = verb.params();
        for (int k = 0; k < params.size() && k < positional.size(); k++) {
            if (params.get(k).slot() == Slot.TO && !positional.get(k).equals("to")) {
                throw RepconException.invalid("write 'to' before the master: " + verb.word() + " " + positional.get(0) + " to HOST/INSTANCE");
            }
            if (params.get(k).slot() == Slot.FROM && !positional.get(k).equals("from")) {
                throw RepconException.invalid("write 'from' before the replica: " + verb.word() + " " + positional.get(0) + " from REPLICA");
            }
        }
        long required = params.stream().filter(p -> !p.optional()).count();
        if (positional.size() > params.size()) {
            throw RepconException.invalid("unexpected '" + positional.get(params.size()) + "' (usage: " + verb.usage() + ")");
        }
        if (positional.size() < required) {
            throw RepconException.invalid("missing " + params.get(positional.size()).slot().label() + " (usage: " + verb.usage() + ")");
        }
        return switch (verb) {
            case STATUS -> new Command.Status(positional.isEmpty() ? Optional.empty() : Optional.of(targets.resolve(positional.get(0))));
            case START, STOP, RESTART -> new Command.Service(verb, service(verb, positional.get(0)), options.containsKey(Opt.FORCE));
            case RESTORE -> restore(positional, options.containsKey(Opt.FORCE));
            case REPOINT -> repoint(positional, options.containsKey(Opt.FORCE));
            case RESYNC -> new Command.Resync(instance(positional.get(0)), options.containsKey(Opt.FULL));
            case PROMOTE -> new Command.Promote(instance(positional.get(0)));
            case SET -> throw new IllegalStateException("its value words, taken above");
            case LOGS -> new Command.Logs(service(verb, positional.get(0)), lines(options.get(Opt.LINES)),
                    Optional.ofNullable(options.get(Opt.GREP)).map(CommandParser::regex));
            case EXPLAIN -> new Command.Explain(code(positional.get(0)));
            case HELP -> new Command.Help(positional.isEmpty() ? Optional.empty() : Optional.of(Verb.of(positional.get(0))
                    .orElseThrow(() -> RepconException.invalid("no command '" + positional.get(0) + "'"
                            + Suggest.hint(positional.get(0), Verb.words())))));
            case THEME -> new Command.Theme(positional.stream().findFirst().map(this::theme));
            case REFRESH -> new Command.Refresh(interval(positional.get(0)));
            case FILTER -> throw new IllegalStateException("free text, taken above");
            case SORT -> new Command.Sort(order(positional.get(0)));
            case ACK -> new Command.Ack(positional.stream().findFirst().map(CommandParser::lasting));
            case SETUP -> new Command.Setup(positional.stream().findFirst()); // the console knows setup's hosts
            case QUIT -> new Command.Quit();
        };
    }

    /** A verb whose only word is free text to the end of the line: no options, the words joined as typed. */
    private static boolean takesText(Verb verb) {
        return verb.params().size() == 1 && verb.params().get(0).slot() == Slot.TEXT;
    }

    /** "-n", "--grep=x"; not "-" alone nor a negative number (an out-of-range value, said as such). */
    private static boolean isOption(String word) {
        return word.startsWith("-") && word.length() > 1 && !Character.isDigit(word.charAt(1)) && word.charAt(1) != '.';
    }

    private static Opt option(Verb verb, String name) {
        for (Opt o : verb.options()) if (o.names().contains(name)) return o;
        if (verb.options().isEmpty()) throw RepconException.invalid("takes no options, not '" + name + "'");
        List<String> names = verb.options().stream().flatMap(o -> o.names().stream()).toList();
        String hint = Suggest.hint(name, names);
        return fail("unknown option '" + name + "'" + (hint.isEmpty() ? "; options: "
                + verb.options().stream().map(Opt::usage).collect(Collectors.joining(", ")) : hint));
    }

    private Target service(Verb verb, String text) {
        Target t = targets.resolve(text);
        if (t instanceof Target.OfHost h) {
            String example = h.host().instances().stream().findFirst().map(i -> h.host().name() + "/" + i.name()).orElse("HOST/INSTANCE")
                    + h.host().tunnels().stream().findFirst().map(x -> " or " + h.host().name() + "/tunnel/" + x.name()).orElse("");
            throw RepconException.invalid("'" + text + "' is a host; " + verb.word() + " an instance or a tunnel (" + example + ")");
        }
        return t;
    }

    private Target.OfInstance instance(String text) {
        Target t = targets.resolve(text);
        if (t instanceof Target.OfInstance i) return i;
        throw RepconException.invalid("'" + text + "' is " + (t instanceof Target.OfHost ? "a host" : "a tunnel")
                + "; name an instance (HOST/INSTANCE)");
    }

    private Command repoint(List<String> positional, boolean force) {
        Target.OfInstance replica = instance(positional.get(0));
        Target.OfInstance master = instance(positional.get(2));
        Instance r = replica.instance();
        Instance m = master.instance();
        String valid = "; masters for " + replica.key() + ": " + Optional.of(targets.mastersFor(r).stream()
                .map(i -> i.host() + "/" + i.name()).collect(Collectors.joining(", "))).filter(s -> !s.isEmpty()).orElse("none");
        if (m.ref().equals(r.ref())) throw RepconException.invalid(replica.key() + " cannot replicate from itself" + valid);
        if (m.host().equals(r.host())) {
            throw RepconException.invalid(master.key() + " is on " + r.host() + " itself; a master is on another host" + valid);
        }
        if (m.kind() != r.kind()) {
            throw RepconException.invalid(replica.key() + " holds " + r.kind().yamlName() + " data, " + master.key() + " "
                    + m.kind().yamlName() + " data" + valid);
        }
        if (m.isReplica()) {
            throw RepconException.invalid(master.key() + " is itself a replica (of " + m.replicaof().orElseThrow()
                    + "); chained replication is not supported" + valid);
        }
        return new Command.Repoint(replica, master, force);
    }

    /** {@code set INSTANCE PARAMETER [VALUE...]}: the value is the rest of the words, checked by its directive. */
    private Command set(List<String> positional) {
        if (positional.size() < 2) {
            throw RepconException.invalid("missing " + (positional.isEmpty() ? "HOST/INSTANCE" : "PARAMETER (one of "
                    + String.join(", ", Setting.words()) + ")") + " (usage: " + Verb.SET.usage() + ")");
        }
        Target.OfInstance instance = instance(positional.get(0));
        String name = positional.get(1);
        Setting setting = Setting.of(name).orElseThrow(() -> RepconException.invalid("'" + name + "' is not a directive repcon"
                + " manages" + Suggest.hint(name, Setting.words()) + "; it sets " + String.join(", ", Setting.words())));
        return new Command.Set(instance, setting, positional.subList(2, positional.size()));
    }

    private Command restore(List<String> positional, boolean force) {
        Target.OfInstance master = instance(positional.get(0));
        Instance m = master.instance();
        List<Instance> replicas = targets.replicasOf(m);
        String valid = "; replicas of " + master.key() + ": " + Optional.of(replicas.stream().map(i -> i.host() + "/" + i.name())
                .collect(Collectors.joining(", "))).filter(s -> !s.isEmpty()).orElse("none");
        if (m.isReplica()) {
            throw RepconException.invalid(master.key() + " is a replica (of " + m.replicaof().orElseThrow() + "); restore a master"
                    + " from one of its replicas");
        }
        if (replicas.isEmpty()) throw RepconException.invalid(master.key() + " has no replicas in the topology to restore it from");
        if (positional.size() == 2) throw RepconException.invalid("missing REPLICA after 'from' (usage: " + Verb.RESTORE.usage() + ")" + valid);
        Optional<Target.OfInstance> source = Optional.empty();
        if (positional.size() == 3) {
            Target.OfInstance r = instance(positional.get(2));
            if (!r.instance().replicaof().equals(Optional.of(m.ref()))) {
                throw RepconException.invalid(r.key() + " is no replica of " + master.key() + valid);
            }
            source = Optional.of(r);
        }
        return new Command.Restore(master, source, force);
    }

    private static int lines(String value) {
        if (value == null) return Command.Logs.DEFAULT_LINES;
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MAX_LINES) return n;
        } catch (NumberFormatException e) {
            // said below
        }
        return fail("-n takes a number of lines from 1 to " + MAX_LINES + ", not '" + value + "'");
    }

    private static Pattern regex(String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            return fail("--grep: invalid regular expression '" + value + "': " + e.getDescription()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        }
    }

    private static Code code(String id) {
        return Code.of(id).orElseThrow(() -> RepconException.invalid("no code '" + id + "'"
                + Suggest.hint(id, Arrays.stream(Code.values()).map(Code::id).toList())
                + "; codes are those the findings show (e.g. " + Code.LINK_DOWN.id() + ")"));
    }

    private String theme(String name) {
        List<String> known = themes.get();
        if (known.isEmpty() || known.contains(name)) return name;
        return fail("no theme '" + name + "'" + Suggest.hint(name, known) + "; themes: " + String.join(", ", known));
    }

    private static Duration interval(String value) {
        try {
            double seconds = Double.parseDouble(value);
            if (Command.Refresh.within(seconds)) return Command.Refresh.of(seconds);
        } catch (NumberFormatException e) {
            // said below
        }
        return fail("takes SECONDS from " + Command.Refresh.RANGE + ", not '" + value + "'");
    }

    private static Command.Sort.Order order(String word) {
        for (Command.Sort.Order o : Command.Sort.Order.values()) if (o.word().equals(word)) return o;
        List<String> words = Arrays.stream(Command.Sort.Order.values()).map(Command.Sort.Order::word).toList();
        return fail("sorts by " + String.join(" or ", words) + ", not '" + word + "'" + Suggest.hint(word, words));
    }

    /** The longest acknowledgement: a finding hidden for longer is a finding forgotten. */
    static final Duration MAX_ACK = Duration.ofDays(30);

    /** "30m", "8h", "2d": a whole number of minutes, hours or days, up to {@link #MAX_ACK}. */
    private static Duration lasting(String value) {
        var m = Pattern.compile("([1-9][0-9]{0,5})([mhd])").matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            if (d.compareTo(MAX_ACK) <= 0) return d;
        }
        return fail("takes a DURATION such as 30m, 8h or 2d (at most " + MAX_ACK.toDays() + "d), not '" + value + "'");
    }

    private static <T> T fail(String message) {
        throw RepconException.invalid(message);
    }
}
