package org.repcon.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.repcon.topology.Host;
import org.repcon.topology.Topology;
import org.repcon.util.RepconException;
import org.repcon.util.Xdg;

/**
 * The transport of each host of a topology, made on first use and shared by everything that reaches
 * that host (probe, logs, actions). Closing this closes them all.
 */
public final class Transports implements AutoCloseable {

    private final Topology topology;
    private final Function<Host, Transport> factory;
    private final Map<String, Transport> byHost = new LinkedHashMap<>();
    private boolean closed;

    /**
     * Local hosts get a {@link LocalTransport}, ssh hosts an {@link SshTransport}. With an ssh host, the socket
     * directory is made or checked first: a RepconException says in one line that it is not private.
     */
    public Transports(Topology topology) {
        this(topology, Transports::defaultFor);
        if (topology.hosts().stream().anyMatch(h -> !h.access().isLocal())) SshSockets.prepareDirectory(Xdg.runtimeDir());
    }

    /** With another way of making a host's transport: tests, or ssh with other settings. */
    public Transports(Topology topology, Function<Host, Transport> factory) {
        this.topology = topology;
        this.factory = factory;
    }

    /** The host's transport; a RepconException says why a host cannot be reached at all. */
    public synchronized Transport of(Host host) {
        if (closed) throw new IllegalStateException("transports are closed");
        Transport t = byHost.get(host.name());
        if (t == null) {
            t = factory.apply(host);
            byHost.put(host.name(), t);
        }
        return t;
    }

    public Transport of(String hostName) {
        return of(topology.host(hostName).orElseThrow(() -> RepconException.invalid("no host '" + hostName + "'")));
    }

    public Topology topology() {
        return topology;
    }

    /** The transport a host's {@code access} asks for, with default settings. */
    private static Transport defaultFor(Host host) {
        if (host.access().isLocal()) return new LocalTransport();
        String address = host.address().orElseThrow(() ->
                RepconException.invalid("host " + host.name() + " is reached by ssh but has no 'address'"));
        return new SshTransport(host.name(), address, host.access());
    }

    @Override
    public synchronized void close() {
        closed = true;
        byHost.values().forEach(Transport::close);
        byHost.clear();
    }
}
