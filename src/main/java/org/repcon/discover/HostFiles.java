package org.repcon.discover;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.repcon.transport.ExecResult;
import org.repcon.transport.Transport;
import org.repcon.util.RepconException;

/**
 * A host's files, read through its transport and nothing else (discover writes nothing anywhere). {@code prefix} is
 * where the host's "/" is: empty on a real host, {@code ROOT/HOST} for files laid out by {@code render --out ROOT}.
 * A file that exists but cannot be read is reported once as an error, never skipped silently.
 */
final class HostFiles {

    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(20);
    /**
     * For each path after the token: a header line (token, F/A/D/U, the path), then a file's content and a newline, or
     * a directory's names. U: there but not a readable regular file.
     */
    private static final String BATCH = "t=$1; shift; for f; do if [ -d \"$f\" ]; then printf '%s D %s\\n' \"$t\" \"$f\"; ls -1A -- \"$f\";"
            + " elif [ ! -e \"$f\" ]; then printf '%s A %s\\n' \"$t\" \"$f\";"
            + " elif [ -f \"$f\" ] && [ -r \"$f\" ]; then printf '%s F %s\\n' \"$t\" \"$f\"; cat -- \"$f\"; printf '\\n';"
            + " else printf '%s U %s\\n' \"$t\" \"$f\"; fi; done";

    final String host;
    final Transport transport;
    private final String prefix;
    private final Report report;
    /** Files that exist but could not be read: reported once, not again as missing. */
    private final java.util.Set<String> unreadable = new java.util.HashSet<>();
    private final java.util.Map<String, Optional<String>> cache = new java.util.HashMap<>();
    private final java.util.Map<String, List<String>> listings = new java.util.HashMap<>();

    HostFiles(String host, Transport transport, String prefix, Report report) {
        this.host = host;
        this.transport = transport;
        this.prefix = prefix;
        this.report = report;
    }

    /**
     * Reads many files and directory listings in one command: over ssh each command is a round trip, and a host has
     * a dozen files to read. What this could not settle (a file it may not read, a directory where a file should be)
     * is left to {@link #read}, which asks again and says why. False when the host cannot be reached (reported).
     */
    boolean prefetch(java.util.Collection<String> paths) {
        if (paths.isEmpty()) return true;
        String token = "--repcon-" + java.util.UUID.randomUUID() + "--";
        List<String> argv = new ArrayList<>(List.of("sh", "-c", BATCH, "sh", token));
        paths.forEach(p -> argv.add(prefix + p));
        ExecResult r = transport.exec(argv, LIST_TIMEOUT);
        if (r.connectionFailed()) {
            report.error(host + ": cannot be reached: " + r.stderr().strip().lines().findFirst().orElse("no answer"));
            return false;
        }
        if (!r.ok() || r.truncated()) return true; // each file is then read on its own
        String out = r.stdout();
        int at = out.startsWith(token + " ") ? 0 : -1;
        while (at >= 0) {
            int eol = out.indexOf('\n', at);
            if (eol < 0) break;
            String[] header = out.substring(at + token.length() + 1, eol).split(" ", 2);
            int next = out.indexOf("\n" + token + " ", eol);
            String body = out.substring(eol + 1, next < 0 ? out.length() : next + 1);
            String path = header.length == 2 && header[1].startsWith(prefix) ? header[1].substring(prefix.length()) : null;
            if (path != null) {
                switch (header[0]) {
                    case "F" -> cache.put(path, Optional.of(body.endsWith("\n") ? body.substring(0, body.length() - 1) : body));
                    case "A" -> cache.put(path, Optional.empty());
                    case "D" -> listings.put(path, body.lines().filter(l -> !l.isBlank()).toList());
                    default -> { }
                }
            }
            at = next < 0 ? -1 : next + 1;
        }
        return true;
    }

    /** The file as the host sees it at {@code path}; empty when missing, or unreadable (then reported). */
    Optional<String> read(String path) {
        Optional<String> cached = cache.get(path);
        if (cached != null) return cached;
        try {
            return transport.readFile(prefix + path);
        } catch (RepconException e) {
            if (unreadable.add(path)) report.error(host + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether {@link #read} found the file there but could not read it. */
    boolean unreadable(String path) {
        return unreadable.contains(path);
    }

    /** The names in a directory (empty when it is missing), through {@code ls}: read-only on the host. */
    List<String> list(String dir) {
        List<String> listed = listings.get(dir);
        if (listed != null) return listed;
        if (cache.containsKey(dir)) return List.of(); // fetched: missing
        String onHost = prefix + dir;
        ExecResult r = transport.exec(List.of("sh", "-c", "if [ -d \"$1\" ]; then ls -1A -- \"$1\"; fi", "sh", onHost),
                LIST_TIMEOUT);
        if (!r.ok()) {
            report.error(host + ": cannot list " + onHost + ": " + r.summary());
            return List.of();
        }
        List<String> out = new ArrayList<>();
        r.stdout().lines().filter(l -> !l.isBlank()).forEach(out::add);
        return out;
    }

    /** Where a path the host's files name is, for messages: the path itself on a real host. */
    String shown(String path) {
        return prefix.isEmpty() ? path : prefix + path;
    }
}
