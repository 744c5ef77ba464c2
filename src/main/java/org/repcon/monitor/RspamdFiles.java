package org.repcon.monitor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.repcon.probe.RspamdRouting;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.topology.Topology;
import org.repcon.transport.Transports;
import org.repcon.util.RepconException;

/**
 * Rspamd's routing files on each host, read through its transport about once a minute, never each refresh: they
 * change when someone edits them, and over ssh each file is a command on the host.
 */
final class RspamdFiles {

    static final Duration INTERVAL = Duration.ofSeconds(60);

    private final Topology topology;
    private final Transports transports;
    private Duration interval = INTERVAL;
    private long readAtMs;
    private Map<String, RspamdRouting> last = Map.of();
    private boolean read;

    RspamdFiles(Topology topology, Transports transports) {
        this.topology = topology;
        this.transports = transports;
    }

    void interval(Duration d) {
        interval = d;
    }

    /** By host name, as last read; read again when {@code interval} has passed since. */
    Map<String, RspamdRouting> at(long nowMs) {
        if (read && nowMs - readAtMs < interval.toMillis()) return last;
        Map<String, RspamdRouting> out = new LinkedHashMap<>();
        for (Host host : topology.hosts()) {
            host.path(Convention.RSPAMD_DIR, "").ifPresent(dir -> {
                try {
                    out.put(host.name(), RspamdRouting.read(transports.of(host)::readFile, dir));
                } catch (RepconException e) {
                    // the host cannot be reached: its probes say so
                }
            });
        }
        read = true;
        readAtMs = nowMs;
        last = out;
        return out;
    }
}
