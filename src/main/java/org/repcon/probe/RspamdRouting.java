package org.repcon.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.repcon.topology.Kind;

/**
 * Rspamd's Redis routing on one host: {@code servers}, {@code read_servers} and {@code write_servers} of its default
 * Redis ({@code redis.conf}: the cache), its Bayes classifier ({@code classifier-bayes.conf}) and its fuzzy storage
 * ({@code worker-fuzzy.inc}), in {@code local.d} and {@code override.d} (which wins). Read as plain assignment lines,
 * the way the tutorial writes them; a value in a block or spread over lines is not seen. Read by discover (the
 * topology from the files) and by the monitor (the files against the topology).
 */
public final class RspamdRouting {

    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^\\s*(servers|read_servers|write_servers)\\s*=\\s*\\[?\\s*\"?([^\";\\]]*)\"?\\s*]?\\s*;?\\s*(#.*)?$");

    /** One assignment: which Rspamd part, which key, the ports it names on this host, where it is written. */
    public record Route(Kind kind, String key, List<String> servers, String file, int line) {
        /** "local.d/classifier-bayes.conf:2"; a value from rspamadm's resolution has no line of its own. */
        public String where() {
            return line > 0 ? file + ":" + line : file;
        }

        /** The ports of the servers named, localhost (or the host's loopback) without a port being Redis's 6379. */
        public List<Integer> ports() {
            List<Integer> out = new ArrayList<>();
            for (String s : servers) {
                int colon = s.lastIndexOf(':');
                try {
                    out.add(colon < 0 ? 6379 : Integer.parseInt(s.substring(colon + 1).strip()));
                } catch (NumberFormatException e) {
                    // a unix socket or a name Rspamd resolves: no port of this host to match
                }
            }
            return out;
        }
    }

    private static final List<Part> PARTS = List.of(
            new Part(Kind.CACHE, "redis.conf"), new Part(Kind.BAYES, "classifier-bayes.conf"),
            new Part(Kind.FUZZY, "worker-fuzzy.inc"));

    private record Part(Kind kind, String file) {}

    private final List<Route> routes = new ArrayList<>();

    private RspamdRouting() {}

    /**
     * Reads the routing files under {@code rspamdDir} (override.d's assignment of a key hides local.d's).
     *
     * @param files a file's text by its path, empty when it does not exist
     */
    public static RspamdRouting read(Function<String, Optional<String>> files, String rspamdDir) {
        RspamdRouting conf = new RspamdRouting();
        for (Part part : PARTS) {
            List<Route> local = routes(files, rspamdDir, "local.d/" + part.file(), part.kind());
            List<Route> override = routes(files, rspamdDir, "override.d/" + part.file(), part.kind());
            for (Route r : local) {
                if (override.stream().noneMatch(o -> o.key().equals(r.key()))) conf.routes.add(r);
            }
            conf.routes.addAll(override);
        }
        return conf;
    }

    private static List<Route> routes(Function<String, Optional<String>> files, String dir, String relative, Kind kind) {
        Optional<String> text = files.apply(dir + "/" + relative);
        List<Route> out = new ArrayList<>();
        if (text.isEmpty()) return out;
        String[] lines = text.get().split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            Matcher m = ASSIGNMENT.matcher(lines[n]);
            if (!m.matches()) continue;
            List<String> servers = new ArrayList<>();
            for (String s : m.group(2).split(",")) {
                String v = s.strip().replace("\"", "");
                if (!v.isEmpty()) servers.add(v);
            }
            out.add(new Route(kind, m.group(1), servers, relative, n + 1));
        }
        return out;
    }

    /**
     * The routing as {@code rspamadm configdump -j} resolved it (UCL includes, priorities, blocks): its {@code redis}
     * section, {@code classifier.bayes} and the fuzzy worker. Only those keys are taken from the dump, which also holds
     * secrets (the controller's password). Empty when the text is not such a dump.
     */
    public static Optional<RspamdRouting> fromDump(String json) {
        Object root;
        try {
            root = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                    new org.yaml.snakeyaml.LoaderOptions())).load(json); // JSON is YAML: no second parser needed
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        // Every Rspamd configuration has workers: a map without them is some other output (an error said as "key: text").
        if (!(root instanceof java.util.Map<?, ?> dump) || !(dump.get("worker") instanceof List<?>)) return Optional.empty();
        RspamdRouting conf = new RspamdRouting();
        conf.addDumped(Kind.CACHE, "redis", dump.get("redis"));
        Object classifier = dump.get("classifier") instanceof java.util.Map<?, ?> c ? c.get("bayes") : null;
        conf.addDumped(Kind.BAYES, "classifier.bayes", classifier);
        if (dump.get("worker") instanceof List<?> workers) {
            for (Object w : workers) {
                if (w instanceof java.util.Map<?, ?> one && one.get("fuzzy") != null) conf.addDumped(Kind.FUZZY, "worker.fuzzy", one.get("fuzzy"));
            }
        }
        return Optional.of(conf);
    }

    private void addDumped(Kind kind, String section, Object value) {
        Object block = value instanceof List<?> list && !list.isEmpty() ? list.get(0) : value; // a repeated section: its first
        if (!(block instanceof java.util.Map<?, ?> map)) return;
        for (String key : List.of("servers", "read_servers", "write_servers")) {
            Object v = map.get(key);
            List<String> servers = new ArrayList<>();
            if (v instanceof List<?> many) many.forEach(x -> servers.addAll(split(String.valueOf(x))));
            else if (v != null) servers.addAll(split(String.valueOf(v)));
            if (!servers.isEmpty()) routes.add(new Route(kind, key, servers, "rspamadm configdump (" + section + ")", 0));
        }
    }

    private static List<String> split(String servers) {
        List<String> out = new ArrayList<>();
        for (String s : servers.split(",")) {
            if (!s.isBlank()) out.add(s.strip());
        }
        return out;
    }

    /**
     * These routes as rspamadm resolved them: where the files' line says what rspamadm resolved, the line stays (its
     * file and line are the better evidence); otherwise rspamadm's value, since that is what Rspamd runs with.
     */
    public RspamdRouting resolvedBy(RspamdRouting dump) {
        RspamdRouting out = new RspamdRouting();
        for (Route d : dump.routes) {
            Optional<Route> line = route(d.kind(), d.key()).filter(r -> r.servers().equals(d.servers()));
            out.routes.add(line.orElse(d));
        }
        return out;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The first assignment of {@code key} for a part, if any. */
    public Optional<Route> route(Kind kind, String key) {
        return routes.stream().filter(r -> r.kind() == kind && r.key().equals(key)).findFirst();
    }
}
