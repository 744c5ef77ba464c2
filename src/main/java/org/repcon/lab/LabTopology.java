package org.repcon.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.repcon.topology.Access;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Platform;
import org.repcon.topology.Topology;
import org.repcon.util.Xdg;

/**
 * A topology as the lab runs it. A lab topology (platform: lab) is taken as it is; any other is
 * mapped onto this machine: host N gets the loopback address 127.0.0.(N+2) and the lab's
 * conventions (for its server: a Valkey host runs valkey-server), so a production topology can be rehearsed here unchanged.
 */
public final class LabTopology {

    private LabTopology() {}

    public static Topology of(Topology topology, Optional<Path> dir) {
        boolean allLab = topology.hosts().stream().allMatch(h -> h.platform() == Platform.LAB);
        if (allLab) return dir.map(topology::withRoot).orElse(topology);
        Path root = dir.orElse(Xdg.stateHome().resolve("lab").resolve(topology.name())).toAbsolutePath();
        List<Host> hosts = new ArrayList<>();
        for (int n = 0; n < topology.hosts().size(); n++) {
            Host h = topology.hosts().get(n);
            String address = "127.0.0." + (n + 2);
            List<Instance> instances = h.instances().stream().map(i -> new Instance(i.host(), i.name(), i.kind(), i.port(),
                    i.maxmemory(), i.replicaof(), i.via(), i.password(), i.settings(), Map.of(), i.position())).toList();
            hosts.add(new Host(h.name(), Optional.of(address), Access.LOCAL, Platform.LAB, h.declaredServer(), Platform.LAB.defaults(h.server()),
                    Platform.LAB.loopback(address), Platform.LAB.bind(address), h.pskIdentity(), instances, h.tunnels(),
                    root.toString(), h.position()));
        }
        return new Topology(topology.name(), topology.source(), hosts, root.resolve("secrets.psk"),
                topology.commonMaxmemory(), topology.commonSettings(), topology.warnings(), topology.heartbeat());
    }

    public static Path root(Topology labTopology) {
        return Path.of(labTopology.hosts().get(0).root());
    }
}
