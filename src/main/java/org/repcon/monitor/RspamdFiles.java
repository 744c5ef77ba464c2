package org.repcon.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.repcon.probe.RspamdRouting;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.topology.Topology;
import org.repcon.transport.ExecResult;
import org.repcon.transport.Transport;
import org.repcon.transport.Transports;
import org.repcon.util.RepconException;

/**
 * Rspamd's routing files on each host, read through its transport about once a minute, never each refresh: they
 * change when someone edits them, and over ssh each file is a command on the host. Where the host has rspamadm, its
 * {@code configdump -j} (Rspamd's own resolution of includes and priorities) settles what the lines say: every five
 * minutes, first half a minute after the start, one host at a time on a thread of its own, since it costs the host a
 * second or more of CPU and must neither slow a refresh nor the console's first frame. A dump holds only for the files
 * it was made from: once their text changes, the lines alone count until a new dump (asked for at once) comes.
 */
final class RspamdFiles implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofSeconds(60);
    private static final Duration DUMP_TIMEOUT = Duration.ofSeconds(20);

    private final Topology topology;
    private final Transports transports;
    private Duration interval = INTERVAL;
    private Duration firstDump = Duration.ofSeconds(30);
    private Duration dumpEvery = Duration.ofMinutes(5);
    private long readAtMs;
    private boolean read;
    private Map<String, RspamdRouting> lines = Map.of();
    private long startedMs = -1;
    private long nextDumpMs;
    private Future<?> dumping;
    /** By host: rspamadm's last resolution, where it ran and answered, with the files' text it was made from. */
    private final Map<String, Dump> dumps = new ConcurrentHashMap<>();
    /** By host: the routing files' text as last read. */
    private Map<String, String> texts = Map.of();

    private record Dump(String texts, RspamdRouting routing) {}
    /** Hosts without rspamadm: not asked again in this run. */
    private final Set<String> noRspamadm = ConcurrentHashMap.newKeySet();
    private final ExecutorService dumper = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "repcon-rspamadm");
        t.setDaemon(true);
        return t;
    });

    RspamdFiles(Topology topology, Transports transports) {
        this.topology = topology;
        this.transports = transports;
    }

    void interval(Duration d) {
        interval = d;
    }

    /** When rspamadm's resolution is first asked for, and then how often (half a minute, five minutes; tests shorten them). */
    void dumpEvery(Duration first, Duration every) {
        firstDump = first;
        dumpEvery = every;
        startedMs = -1; // scheduled anew from the next refresh
    }

    /** By host name: the files as last read (read again when {@code interval} has passed), settled by rspamadm's last dump. */
    Map<String, RspamdRouting> at(long nowMs) {
        if (startedMs < 0) {
            startedMs = nowMs;
            nextDumpMs = nowMs + firstDump.toMillis();
        }
        if (!read || nowMs - readAtMs >= interval.toMillis()) {
            Map<String, RspamdRouting> out = new LinkedHashMap<>();
            Map<String, String> read = new LinkedHashMap<>();
            for (Host host : topology.hosts()) {
                host.path(Convention.RSPAMD_DIR, "").ifPresent(dir -> {
                    try {
                        StringBuilder text = new StringBuilder();
                        out.put(host.name(), RspamdRouting.read(recording(transports.of(host), text), dir));
                        read.put(host.name(), text.toString());
                    } catch (RepconException e) {
                        // the host cannot be reached: its probes say so
                    }
                });
            }
            this.read = true;
            readAtMs = nowMs;
            lines = out;
            texts = read;
            // Files changed since their dump: that dump no longer says what Rspamd runs with; ask for a new one now.
            if (dumps.entrySet().stream().anyMatch(d -> !d.getValue().texts().equals(read.get(d.getKey())))) nextDumpMs = nowMs;
        }
        if (nowMs >= nextDumpMs && (dumping == null || dumping.isDone())) {
            nextDumpMs = nowMs + dumpEvery.toMillis();
            try {
                dumping = dumper.submit(this::dumpAll);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closed
            }
        }
        Map<String, RspamdRouting> out = new LinkedHashMap<>();
        lines.forEach((host, routing) -> out.put(host, Optional.ofNullable(dumps.get(host))
                .filter(d -> d.texts().equals(texts.get(host))).map(d -> routing.resolvedBy(d.routing())).orElse(routing)));
        return out;
    }

    /** The host's files, each one's path and text added to {@code text} as it is read: what a dump is valid for. */
    private static java.util.function.Function<String, Optional<String>> recording(Transport t, StringBuilder text) {
        return path -> {
            Optional<String> content = t.readFile(path);
            text.append(path).append('\0').append(content.orElse("\0absent")).append('\0');
            return content;
        };
    }

    private void dumpAll() {
        for (Host host : topology.hosts()) {
            if (Thread.currentThread().isInterrupted()) return;
            if (noRspamadm.contains(host.name())) continue;
            host.path(Convention.RSPAMD_DIR, "").ifPresent(dir -> {
                try {
                    dump(host, dir);
                } catch (RepconException e) {
                    // the host cannot be reached: its probes say so
                }
            });
        }
    }

    private void dump(Host host, String dir) {
        Transport t = transports.of(host);
        StringBuilder text = new StringBuilder();
        RspamdRouting.read(recording(t, text), dir); // the files as this dump sees them
        List<String> argv = new ArrayList<>(List.of("rspamadm", "--var=LOCAL_CONFDIR=" + dir, "configdump", "-j"));
        // Rspamd's own main file where the directory has one; else (the lab's bare local.d) the installed one.
        if (t.readFile(dir + "/rspamd.conf").isPresent()) argv.addAll(List.of("-c", dir + "/rspamd.conf"));
        ExecResult r = t.exec(argv, DUMP_TIMEOUT);
        if (r.exitCode() == 127) {
            noRspamadm.add(host.name());
            return;
        }
        Optional<RspamdRouting> resolved = r.exitCode() == 0 && !r.truncated() ? RspamdRouting.fromDump(r.stdout()) : Optional.empty();
        if (resolved.isPresent()) dumps.put(host.name(), new Dump(text.toString(), resolved.get()));
        else dumps.remove(host.name()); // failed this time: the lines alone count until it answers again
    }

    /** Stops a dump in flight (its rspamadm is killed), before the transports close. */
    @Override
    public void close() {
        dumper.shutdownNow();
        try {
            dumper.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
