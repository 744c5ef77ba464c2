package org.repcon.topology;

import java.util.Map;
import java.util.Optional;

/**
 * One redis-server process on a host. {@code replicaof} names the master instance as the topology
 * sees it; how the replica reaches it (the local end of a tunnel) is the host's business.
 *
 * @param via the tunnel on this host that carries replication; by default the one named like the instance
 * @param settings further redis.conf directives, written as given
 * @param paths per-instance overrides of the platform conventions (config, pidfile, logfile, dir, dbfilename)
 */
public record Instance(
        String host,
        String name,
        Kind kind,
        int port,
        Optional<Size> maxmemory,
        Optional<InstanceRef> replicaof,
        Optional<String> via,
        Optional<Secret> password,
        Map<String, String> settings,
        Map<Convention, String> paths,
        Position position) {

    public Instance {
        settings = Map.copyOf(settings);
        paths = Map.copyOf(paths);
    }

    public InstanceRef ref() {
        return new InstanceRef(host, name);
    }

    public boolean isReplica() {
        return replicaof.isPresent();
    }

    /** The tunnel this replica uses to reach its master. */
    public String tunnelName() {
        return via.orElse(name);
    }
}
