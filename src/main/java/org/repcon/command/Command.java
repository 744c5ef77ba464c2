package org.repcon.command;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.repcon.diagnosis.Code;

/** One parsed command, typed by its verb. {@link #text()} writes it back as it would be typed (history, audit). */
public sealed interface Command {

    Verb verb();

    String text();

    /** What the command acts on, if anything: the replica of a re-point, the instance of a start. */
    default Optional<Target> subject() {
        return Optional.empty();
    }

    record Status(Optional<Target> target) implements Command {
        @Override
        public Verb verb() {
            return Verb.STATUS;
        }

        @Override
        public Optional<Target> subject() {
            return target;
        }

        @Override
        public String text() {
            return "status" + target.map(t -> " " + t.key()).orElse("");
        }
    }

    /**
     * start, stop or restart of an instance ({@link Target.OfInstance}) or a host's stunnel ({@link Target.OfTunnel}).
     *
     * @param force start or restart a master although the dataset guard says its replicas would lose data
     */
    record Service(Verb verb, Target target, boolean force) implements Command {
        public Service {
            if (verb != Verb.START && verb != Verb.STOP && verb != Verb.RESTART) throw new IllegalArgumentException(verb.word());
            if (target instanceof Target.OfHost) throw new IllegalArgumentException("a host is no service");
            if (force && !verb.options().contains(Opt.FORCE)) throw new IllegalArgumentException(verb.word() + " takes no --force");
        }

        public Service(Verb verb, Target target) {
            this(verb, target, false);
        }

        @Override
        public Optional<Target> subject() {
            return Optional.of(target);
        }

        @Override
        public String text() {
            return verb.word() + " " + target.key() + (force ? " --force" : "");
        }
    }

    record Repoint(Target.OfInstance replica, Target.OfInstance master, boolean force) implements Command {
        @Override
        public Verb verb() {
            return Verb.REPOINT;
        }

        @Override
        public Optional<Target> subject() {
            return Optional.of(replica);
        }

        @Override
        public String text() {
            return "repoint " + replica.key() + " to " + master.key() + (force ? " --force" : "");
        }
    }

    /**
     * restore MASTER [from REPLICA]: the master's dataset brought back from a replica's fresh snapshot.
     *
     * @param source the replica named; empty: the best one is chosen when it runs
     */
    record Restore(Target.OfInstance master, Optional<Target.OfInstance> source, boolean force) implements Command {
        @Override
        public Verb verb() {
            return Verb.RESTORE;
        }

        @Override
        public Optional<Target> subject() {
            return Optional.of(master);
        }

        @Override
        public String text() {
            return "restore " + master.key() + source.map(s -> " from " + s.key()).orElse("") + (force ? " --force" : "");
        }
    }

    record Resync(Target.OfInstance replica, boolean full) implements Command {
        @Override
        public Verb verb() {
            return Verb.RESYNC;
        }

        @Override
        public Optional<Target> subject() {
            return Optional.of(replica);
        }

        @Override
        public String text() {
            return "resync " + replica.key() + (full ? " --full" : "");
        }
    }

    record Promote(Target.OfInstance instance) implements Command {
        @Override
        public Verb verb() {
            return Verb.PROMOTE;
        }

        @Override
        public Optional<Target> subject() {
            return Optional.of(instance);
        }

        @Override
        public String text() {
            return "promote " + instance.key();
        }
    }

    /**
     * set INSTANCE PARAMETER [VALUE...]: a managed directive changed at runtime and in the instance's file.
     *
     * @param value the value's words as the file gets them (checked by {@link Setting#value}); none for masterauth
     */
    record Set(Target.OfInstance instance, Setting setting, java.util.List<String> value) implements Command {
        public Set {
            value = setting.value(value);
        }

        @Override
        public Verb verb() {
            return Verb.SET;
        }

        @Override
        public Optional<Target> subject() {
            return Optional.of(instance);
        }

        @Override
        public String text() {
            return "set " + instance.key() + " " + setting.word() + (value.isEmpty() ? "" : " " + String.join(" ", value));
        }
    }

    record Logs(Target target, int lines, Optional<Pattern> grep) implements Command {
        public static final int DEFAULT_LINES = 50;

        @Override
        public Verb verb() {
            return Verb.LOGS;
        }

        @Override
        public Optional<Target> subject() {
            return Optional.of(target);
        }

        @Override
        public String text() {
            return "logs " + target.key() + (lines != DEFAULT_LINES ? " -n " + lines : "")
                    + grep.map(g -> " --grep " + g.pattern()).orElse("");
        }
    }

    record Explain(Code code) implements Command {
        @Override
        public Verb verb() {
            return Verb.EXPLAIN;
        }

        @Override
        public String text() {
            return "explain " + code.id();
        }
    }

    record Help(Optional<Verb> about) implements Command {
        @Override
        public Verb verb() {
            return Verb.HELP;
        }

        @Override
        public String text() {
            return "help" + about.map(v -> " " + v.word()).orElse("");
        }
    }

    /** @param name empty: say which theme is in use and which there are */
    record Theme(Optional<String> name) implements Command {
        @Override
        public Verb verb() {
            return Verb.THEME;
        }

        @Override
        public String text() {
            return "theme" + name.map(n -> " " + n).orElse("");
        }
    }

    /** @param match the words to match, as typed; empty: show everything */
    record Filter(String match) implements Command {
        /** The filter word that keeps only what has a problem (a critical or warning row, a finding about one). */
        public static final String PROBLEMS = "problems";

        @Override
        public Verb verb() {
            return Verb.FILTER;
        }

        @Override
        public String text() {
            return match.isEmpty() ? "filter" : "filter " + match;
        }
    }

    /** The order of the hosts on the console. */
    record Sort(Order order) implements Command {
        public enum Order {
            /** The worst host first (critical, warning, unknown, healthy), the topology's order within each. */
            HEALTH,
            NAME;

            public String word() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }

            /** As the console says it: "hosts by name". */
            public String said() {
                return this == HEALTH ? "hosts by health, the worst first" : "hosts by name";
            }
        }

        @Override
        public Verb verb() {
            return Verb.SORT;
        }

        @Override
        public String text() {
            return "sort " + order.word();
        }
    }

    /** @param lasts empty: until the finding changes */
    record Ack(Optional<Duration> lasts) implements Command {
        @Override
        public Verb verb() {
            return Verb.ACK;
        }

        @Override
        public String text() {
            return "ack" + lasts.map(d -> " " + durationText(d)).orElse("");
        }

        /** As typed: "30m", "8h", "2d". */
        public static String durationText(Duration d) {
            long m = d.toMinutes();
            if (m % (24 * 60) == 0) return m / (24 * 60) + "d";
            if (m % 60 == 0) return m / 60 + "h";
            return m + "m";
        }
    }

    /** @param host empty: the first host in setup's order */
    record Setup(Optional<String> host) implements Command {
        @Override
        public Verb verb() {
            return Verb.SETUP;
        }

        @Override
        public String text() {
            return "setup" + host.map(h -> " " + h).orElse("");
        }
    }

    /** A new probe interval. The bounds are written here once: the verb's help, the parser and {@code --refresh} read them. */
    record Refresh(Duration interval) implements Command {
        public static final double MIN_SECONDS = 0.2;
        public static final double MAX_SECONDS = 3600;
        /** The bounds as help and errors write them. */
        public static final String RANGE = MIN_SECONDS + " to " + (int) MAX_SECONDS;

        public Refresh {
            if (!within(interval.toMillis() / 1000.0)) throw new IllegalArgumentException("refresh interval " + interval);
        }

        public static boolean within(double seconds) {
            return seconds >= MIN_SECONDS && seconds <= MAX_SECONDS;
        }

        /** The interval of a number of seconds already checked {@link #within} the bounds. */
        public static Duration of(double seconds) {
            return Duration.ofMillis(Math.round(seconds * 1000));
        }

        @Override
        public Verb verb() {
            return Verb.REFRESH;
        }

        @Override
        public String text() {
            long ms = interval.toMillis();
            return "refresh " + (ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0));
        }
    }

    record Quit() implements Command {
        @Override
        public Verb verb() {
            return Verb.QUIT;
        }

        @Override
        public String text() {
            return "quit";
        }
    }
}
