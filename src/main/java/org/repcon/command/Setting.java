package org.repcon.command;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.repcon.util.RepconException;

/**
 * The directives {@code set} changes, the ones repcon manages in an instance's file: each with the value words it takes,
 * checked here (so a bad value is the typed line's one-line error), and how Redis's {@code CONFIG GET} answers for it.
 * Anything else is refused: a directive repcon does not render would be drift no one planned.
 */
public enum Setting {
    REPLICA_READ_ONLY("replica-read-only", "yes|no", List.of("slave-read-only")),
    REPL_BACKLOG_SIZE("repl-backlog-size", "SIZE (16kb or more, e.g. 64mb)", List.of()),
    /** The replica class only: {@code client-output-buffer-limit replica HARD SOFT SECONDS}. */
    CLIENT_OUTPUT_BUFFER_LIMIT("client-output-buffer-limit", "HARD SOFT SECONDS (the replica class, e.g. 512mb 128mb 60)", List.of()),
    MAXMEMORY("maxmemory", "SIZE (0: no limit)", List.of()),
    MIN_REPLICAS_TO_WRITE("min-replicas-to-write", "N (0: off)", List.of("min-slaves-to-write")),
    /** Never typed: the password of the instance's master in the topology (none there: masterauth cleared). */
    MASTERAUTH("masterauth", "no value: the password its master has in the topology", List.of());

    /** Redis's smallest backlog (CONFIG_REPL_BACKLOG_MIN_SIZE): a smaller one is raised to it silently. */
    public static final long MIN_BACKLOG = 16 * 1024;
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})(b|k|kb|m|mb|g|gb)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern COUNT = Pattern.compile("\\d{1,6}");

    private final String word;
    private final String value;
    private final List<String> oldNames;

    Setting(String word, String value, List<String> oldNames) {
        this.word = word;
        this.value = value;
        this.oldNames = oldNames;
    }

    /** As redis.conf and CONFIG SET name it. */
    public String word() {
        return word;
    }

    /** What its value is, for usage lines and errors. */
    public String valueUsage() {
        return value;
    }

    /** The names a file may use for it (the old "slave" ones too), lower case. */
    public List<String> names() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(word), oldNames.stream()).toList();
    }

    public static List<String> words() {
        return Arrays.stream(values()).map(Setting::word).toList();
    }

    public static Optional<Setting> of(String word) {
        return Arrays.stream(values()).filter(s -> s.word.equalsIgnoreCase(word)).findFirst();
    }

    /** The value's words, checked and in the form the file gets (sizes and yes/no in lower case); else invalid input. */
    public List<String> value(List<String> words) {
        List<String> w = words.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        String usage = "; " + word + " takes " + value;
        // No value of these holds more than letters and digits: anything else is refused unechoed (a line break or a
        // quote would end the directive's line in the file and start another).
        if (w.stream().anyMatch(x -> !x.matches("[a-z0-9-]+"))) {
            throw invalid(word + " takes letters and digits only" + usage);
        }
        return switch (this) {
            case MASTERAUTH -> {
                if (!w.isEmpty()) throw invalid("masterauth takes no value: it is set to the password its master has in the"
                        + " topology (a password is never typed on a command line)");
                yield w;
            }
            case CLIENT_OUTPUT_BUFFER_LIMIT -> {
                if (w.size() != 3) throw invalid(word + " takes three words, not " + w.size() + usage);
                long hard = size(w.get(0), usage);
                long soft = size(w.get(1), usage);
                if (!COUNT.matcher(w.get(2)).matches()) throw invalid("'" + w.get(2) + "' is no number of seconds" + usage);
                if (hard != 0 && soft > hard) throw invalid("the soft limit " + w.get(1) + " is above the hard limit " + w.get(0) + usage);
                yield w;
            }
            default -> {
                if (w.size() != 1) throw invalid(word + " takes one value, not " + w.size() + " words" + usage);
                String v = w.get(0);
                switch (this) {
                    case REPLICA_READ_ONLY -> {
                        if (!v.equals("yes") && !v.equals("no")) throw invalid("'" + v + "' is neither yes nor no" + usage);
                    }
                    case REPL_BACKLOG_SIZE -> {
                        if (size(v, usage) < MIN_BACKLOG) throw invalid(v + " is below Redis's smallest backlog, 16kb" + usage);
                    }
                    case MAXMEMORY -> size(v, usage);
                    case MIN_REPLICAS_TO_WRITE -> {
                        if (!COUNT.matcher(v).matches()) throw invalid("'" + v + "' is no number of replicas" + usage);
                    }
                    default -> throw new IllegalStateException(word);
                }
                yield w;
            }
        };
    }

    /** The words after the name in the file and in CONFIG SET: the replica class named for the output-buffer limit. */
    public List<String> arguments(List<String> value) {
        if (this != CLIENT_OUTPUT_BUFFER_LIMIT) return value;
        return java.util.stream.Stream.concat(java.util.stream.Stream.of("replica"), value.stream()).toList();
    }

    /**
     * Whether {@code CONFIG GET}'s value says {@code value} is in force: sizes compare in bytes, the output-buffer limit by
     * its replica class (Redis writes it "slave", Valkey "replica").
     */
    public boolean inForce(String configGet, List<String> value) {
        Optional<String> running = running(configGet);
        return running.isPresent() && running.equals(running(String.join(" ", value)));
    }

    /** The value in a form that compares across the file's and CONFIG GET's writing; empty when unreadable. */
    public Optional<String> running(String text) {
        if (this == MASTERAUTH) return Optional.of(text); // a password: compared as it is
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (this) {
            case REPL_BACKLOG_SIZE, MAXMEMORY -> bytes(t).stream().mapToObj(Long::toString).findFirst();
            case CLIENT_OUTPUT_BUFFER_LIMIT -> {
                List<String> words = List.of(t.split("\\s+"));
                int at = words.indexOf("replica") >= 0 ? words.indexOf("replica") : words.indexOf("slave");
                List<String> three = at >= 0 && at + 3 < words.size() ? words.subList(at + 1, at + 4)
                        : words.size() == 3 ? words : List.of();
                if (three.isEmpty()) yield Optional.empty();
                OptionalLong hard = bytes(three.get(0));
                OptionalLong soft = bytes(three.get(1));
                yield hard.isPresent() && soft.isPresent() ? Optional.of(hard.getAsLong() + " " + soft.getAsLong() + " " + three.get(2))
                        : Optional.empty();
            }
            default -> Optional.of(t);
        };
    }

    /** A size as Redis reads it (memtoull): k 1000, kb 1024, m 1000000, mb 1048576, g, gb; empty when it is none. */
    public static OptionalLong bytes(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) return OptionalLong.empty();
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long factor = switch (unit) {
            case "k" -> 1000L;
            case "kb" -> 1024L;
            case "m" -> 1000_000L;
            case "mb" -> 1024L * 1024;
            case "g" -> 1000_000_000L;
            case "gb" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return n > Long.MAX_VALUE / factor ? OptionalLong.empty() : OptionalLong.of(n * factor);
    }

    private static long size(String v, String usage) {
        OptionalLong b = bytes(v);
        if (b.isEmpty()) throw invalid("'" + v + "' is no size (a number, then b, kb, mb or gb)" + usage);
        return b.getAsLong();
    }

    private static RepconException invalid(String message) {
        return RepconException.invalid(message);
    }
}
