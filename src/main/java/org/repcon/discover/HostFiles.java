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

    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(10);

    private final String host;
    private final Transport transport;
    private final String prefix;
    private final Report report;
    /** Files that exist but could not be read: reported once, not again as missing. */
    private final java.util.Set<String> unreadable = new java.util.HashSet<>();

    HostFiles(String host, Transport transport, String prefix, Report report) {
        this.host = host;
        this.transport = transport;
        this.prefix = prefix;
        this.report = report;
    }

    String host() {
        return host;
    }

    Transport transport() {
        return transport;
    }

    /** The file as the host sees it at {@code path}; empty when missing, or unreadable (then reported). */
    Optional<String> read(String path) {
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
