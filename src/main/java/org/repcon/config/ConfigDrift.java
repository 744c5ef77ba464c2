package org.repcon.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.repcon.syntax.RedisConfQuote;
import org.repcon.topology.Size;

/**
 * Whether a running Redis instance runs with what its files say. The files are read as redis-server reads them
 * (an {@code include} in place, quotes, the last line of a directive winning, {@code save} lines added up as Redis 7
 * adds them, {@code client-output-buffer-limit} class by class) and compared with its CONFIG GET, units normalised
 * ({@code 70mb} is 73400320 bytes, {@code 70M} 70000000, as Redis counts them). A difference in a directive repcon
 * writes means the instance has not been restarted since its file changed: a restart is pending. Pure: the files'
 * texts and the CONFIG GET reply are given, so the setup plan and (later) the monitor judge alike.
 */
public final class ConfigDrift {

    /** Directives whose values are never shown. */
    private static final Set<String> SECRET = Set.of("requirepass", "masterauth", "masteruser");
    /** Directives whose values are compared as written: file names and paths. */
    private static final Set<String> VERBATIM = Set.of("logfile", "pidfile", "dbfilename", "unixsocket", "include");
    /**
     * Directives Redis leaves empty when its files do not set them (an instance whose file has no replicaof is a
     * master); any other directive the files leave out is not compared, its default being Redis's to know.
     */
    public static final Set<String> EMPTY_BY_DEFAULT = Set.of("replicaof", "masterauth", "requirepass");
    private static final int MAX_INCLUDE_DEPTH = 8;

    private ConfigDrift() {}

    /**
     * A directive the instance runs with another value than its files give it.
     *
     * @param running as CONFIG GET reports it
     * @param file the words its files give it, joined by a space ("" when they set it to nothing or leave it out)
     */
    public record Drift(String directive, String running, String file) {

        /** "runs with maxmemory 83886080, its file says 70M (70000000)"; a secret's values are never shown. */
        public String describe() {
            if (SECRET.contains(directive)) return "runs with another " + directive + " than its file says (not shown)";
            if (directive.equals("replicaof")) {
                String runs = running.isEmpty() ? "runs as a master" : "runs as a replica of " + running;
                return runs + ", its file " + (file.isEmpty() ? "has no replicaof" : "says replicaof " + file);
            }
            String bytes = file.contains(" ") ? "" : bytes(file).stream().mapToObj(b -> String.valueOf(b))
                    .filter(b -> !b.equals(file)).map(b -> " (" + b + ")").findFirst().orElse("");
            return "runs with " + directive + " " + shown(running) + ", its file says " + shown(file) + bytes;
        }

        private static String shown(String value) {
            return value.isEmpty() ? "\"\"" : value;
        }
    }

    /** What an instance's files give each directive, and the included files that could not be read. */
    public record FileValues(Map<String, List<String>> values, List<String> unread) {}

    /**
     * The values an instance's files give its directives, names in their current spelling ({@code slaveof} is
     * {@code replicaof}).
     *
     * @param path the instance's own file
     * @param read a file's text by path; empty when it cannot be read (an include of it is then listed as unread)
     */
    public static FileValues fileValues(String path, Function<String, Optional<String>> read) {
        Reader r = new Reader(read);
        Optional<String> text = read.apply(path);
        if (text.isEmpty()) {
            r.unread.add(path);
        } else {
            r.load(text.get(), 0);
        }
        return new FileValues(r.values, r.unread);
    }

    /** How redis-server applies the lines of its files, step by step (see loadServerConfigFromString). */
    private static final class Reader {
        private final Function<String, Optional<String>> read;
        private final Map<String, List<String>> values = new LinkedHashMap<>();
        private final List<String> unread = new ArrayList<>();
        private final Map<String, List<String>> bufferLimits = new LinkedHashMap<>();
        /** Redis clears this flag at the end of every file it reads, included ones too: a save line after an include resets. */
        private boolean reading;
        private boolean saveLoaded;

        Reader(Function<String, Optional<String>> read) {
            this.read = read;
        }

        void load(String text, int depth) {
            reading = true;
            for (String line : text.split("\n", -1)) {
                List<String> words = RedisConfQuote.directive(line).orElse(List.of());
                if (words.isEmpty()) continue;
                String name = canonical(words.get(0));
                List<String> args = words.subList(1, words.size());
                if (name.equals("include") && args.size() == 1) {
                    Optional<String> included = depth < MAX_INCLUDE_DEPTH ? read.apply(args.get(0)) : Optional.empty();
                    if (included.isPresent()) load(included.get(), depth + 1);
                    else unread.add(args.get(0));
                } else if (name.equals("save")) {
                    save(args);
                } else if (name.equals("client-output-buffer-limit")) {
                    bufferLimits(args);
                } else {
                    values.put(name, List.copyOf(args));
                }
            }
            reading = false;
        }

        /** As setConfigSaveOption: {@code ""} clears; outside the first file read each line replaces; within it, lines add up. */
        private void save(List<String> args) {
            List<String> pairs = spaced(args);
            List<String> now = new ArrayList<>(values.getOrDefault("save", List.of()));
            if (pairs.size() == 1 && pairs.get(0).isEmpty()) {
                now.clear();
                pairs = List.of();
            }
            if (!reading || !saveLoaded) {
                saveLoaded = saveLoaded || reading;
                now.clear();
            }
            now.addAll(pairs);
            values.put("save", List.copyOf(now));
        }

        /** Each class a line names (normal, replica, pubsub) gets its three limits; the other classes keep theirs. */
        private void bufferLimits(List<String> args) {
            List<String> words = spaced(args);
            // By class, as the line spells it (replica or slave): the class and its three limits.
            for (int i = 0; i + 3 < words.size(); i += 4) bufferLimits.put(bufferClass(words.get(i)), List.copyOf(words.subList(i, i + 4)));
            List<String> all = new ArrayList<>();
            bufferLimits.values().forEach(all::addAll);
            values.put("client-output-buffer-limit", List.copyOf(all));
        }
    }

    /** A single quoted argument of a multi-argument directive is split by spaces, as Redis 7 does. */
    private static List<String> spaced(List<String> args) {
        if (args.size() == 1 && !args.get(0).isEmpty()) return List.of(args.get(0).strip().split("\\s+"));
        return args;
    }

    private static String bufferClass(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("replica") ? "slave" : n;
    }

    /** The current name of a directive: {@code slaveof} is {@code replicaof}, {@code slave-read-only} {@code replica-read-only}. */
    public static String canonical(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "slaveof" -> "replicaof";
            case "primaryauth" -> "masterauth";
            case "primaryuser" -> "masteruser";
            default -> n.startsWith("slave-") ? "replica-" + n.substring("slave-".length()) : n;
        };
    }

    /**
     * The directives among {@code directives} that run with another value than the files give them. A directive
     * CONFIG GET does not report, or that the files leave to a default repcon does not know, is not compared.
     *
     * @param running the CONFIG GET reply (any spelling of the names)
     */
    public static List<Drift> compare(FileValues files, Map<String, String> running, Collection<String> directives) {
        Map<String, String> now = new LinkedHashMap<>();
        running.forEach((k, v) -> now.merge(canonical(k), v, (a, b) -> k.equals(canonical(k)) ? b : a));
        List<Drift> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String d : directives) {
            String name = canonical(d);
            if (!seen.add(name) || name.equals("include")) continue;
            String runs = now.get(name);
            List<String> words = files.values().get(name);
            if (words == null && EMPTY_BY_DEFAULT.contains(name)) words = List.of();
            if (runs == null || words == null) continue;
            if (!same(name, words, runs)) out.add(new Drift(name, runs, String.join(" ", words)));
        }
        return out;
    }

    private static boolean same(String name, List<String> file, String running) {
        if (SECRET.contains(name) || VERBATIM.contains(name)) return String.join(" ", file).equals(running);
        if (name.equals("dir")) {
            String f = String.join(" ", file);
            return !f.startsWith("/") || trimSlashes(f).equals(trimSlashes(running)); // a relative dir: Redis reports it resolved
        }
        List<String> f = file;
        if (name.equals("replicaof") && f.size() == 2 && f.get(0).equalsIgnoreCase("no") && f.get(1).equalsIgnoreCase("one")) f = List.of();
        if (f.size() == 1 && f.get(0).isEmpty()) f = List.of();
        List<String> r = running.isBlank() ? List.of() : List.of(running.strip().split("\\s+"));
        if (name.equals("client-output-buffer-limit")) return sameBufferLimits(f, r);
        if (f.size() != r.size()) return false;
        for (int i = 0; i < f.size(); i++) {
            if (!sameWord(f.get(i), r.get(i))) return false;
        }
        return true;
    }

    /** Only the classes the files set are compared; Redis reports all three. */
    private static boolean sameBufferLimits(List<String> file, List<String> running) {
        Map<String, List<String>> runs = new LinkedHashMap<>();
        for (int i = 0; i + 3 < running.size(); i += 4) runs.put(bufferClass(running.get(i)), running.subList(i + 1, i + 4));
        for (int i = 0; i + 3 < file.size(); i += 4) {
            List<String> r = runs.get(bufferClass(file.get(i)));
            if (r == null) return false;
            for (int j = 0; j < 3; j++) {
                if (!sameWord(file.get(i + 1 + j), r.get(j))) return false;
            }
        }
        return true;
    }

    private static boolean sameWord(String file, String running) {
        if (file.equalsIgnoreCase(running)) return true;
        OptionalLong a = bytes(file);
        OptionalLong b = bytes(running);
        return a.isPresent() && b.isPresent() && a.getAsLong() == b.getAsLong();
    }

    /** A number with Redis's memory units ({@link Size}: {@code 1k} 1000, {@code 1kb} 1024...); empty for any other word. */
    public static OptionalLong bytes(String word) {
        try {
            return OptionalLong.of(Size.parse(word).bytes());
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    private static String trimSlashes(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p;
    }
}
