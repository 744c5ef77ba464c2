package org.repcon.discover;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.repcon.config.ConfigDrift;
import org.repcon.syntax.RedisConfQuote;

/**
 * One Redis (or Valkey) config file as redis-server reads it, line by line with Redis's own word splitting, and the
 * files it includes, each directive with where it was written. The common file is kept apart: what an instance's own
 * files say is the instance's, what the common file says is the deployment's.
 */
final class RedisConf {

    private static final int MAX_INCLUDE_DEPTH = 8;

    /** A directive as written: its current name ({@code slaveof} is {@code replicaof}), words, file and line. */
    record Line(String name, List<String> args, String file, int line) {
        String where() {
            return file + ":" + line;
        }

        String value() {
            return String.join(" ", args);
        }

        /** The arguments as redis.conf text again, each quoted as Redis reads it back. */
        String text() {
            return String.join(" ", args.stream().map(RedisConfQuote::arg).toList());
        }
    }

    private final List<Line> lines = new ArrayList<>();
    private final List<String> includes = new ArrayList<>();

    private RedisConf() {}

    /**
     * Reads {@code path} and what it includes, except {@code common} (the deployment's file, read on its own); empty
     * when the file itself is missing. A missing or unreadable include is an error of the report.
     */
    static Optional<RedisConf> read(HostFiles files, String path, String common, Report report) {
        Optional<String> text = files.read(path);
        if (text.isEmpty()) return Optional.empty();
        RedisConf conf = new RedisConf();
        conf.load(files, path, text.get(), common, report, 0);
        return Optional.of(conf);
    }

    private void load(HostFiles files, String path, String text, String common, Report report, int depth) {
        String[] raw = text.split("\n", -1);
        for (int n = 0; n < raw.length; n++) {
            Optional<List<String>> words = RedisConfQuote.directive(raw[n]);
            if (words.isPresent() && words.get().isEmpty()) continue;
            if (words.isEmpty()) {
                if (!raw[n].isBlank() && !raw[n].strip().startsWith("#")) {
                    report.error(files.host + ": " + files.shown(path) + ":" + (n + 1) + ": Redis refuses this line (unbalanced quotes)");
                }
                continue;
            }
            String name = ConfigDrift.canonical(words.get().get(0));
            List<String> args = List.copyOf(words.get().subList(1, words.get().size()));
            if (name.equals("include") && args.size() == 1) {
                String included = args.get(0);
                includes.add(included);
                if (included.equals(common)) continue;
                Optional<String> inner = depth < MAX_INCLUDE_DEPTH ? files.read(included) : Optional.empty();
                if (inner.isPresent()) {
                    load(files, included, inner.get(), common, report, depth + 1);
                } else if (!files.unreadable(included)) {
                    report.error(files.host + ": " + files.shown(path) + ":" + (n + 1) + ": include " + included
                            + ": no such file (redis-server would not start)");
                }
                continue;
            }
            lines.add(new Line(name, args, path, n + 1));
        }
    }

    /** The last line setting {@code name}: the one Redis applies. */
    Optional<Line> last(String name) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).name().equals(name)) return Optional.of(lines.get(i));
        }
        return Optional.empty();
    }

    boolean includes(String path) {
        return includes.contains(path);
    }

    List<String> includes() {
        return List.copyOf(includes);
    }

    /** Every directive but those named, the last line of each winning ({@code save} lines joined, as Redis adds them up). */
    Map<String, Line> others(java.util.Set<String> except) {
        Map<String, Line> out = new LinkedHashMap<>();
        for (Line l : lines) {
            if (except.contains(l.name())) continue;
            Line before = out.get(l.name());
            if (l.name().equals("save") && before != null && !l.args().equals(List.of(""))) {
                List<String> joined = new ArrayList<>(before.args());
                joined.addAll(l.args());
                out.put(l.name(), new Line(l.name(), joined, l.file(), l.line()));
            } else {
                out.put(l.name(), l);
            }
        }
        return out;
    }
}
