package org.repcon.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Topology;
import org.repcon.topology.Tunnel;
import org.repcon.util.RepconException;
import org.repcon.util.Suggest;

/** Targets as typed ({@code HOST}, {@code HOST/INSTANCE}, {@code HOST/tunnel/NAME}): resolving them and listing them. */
final class Targets {

    static final String TUNNEL_WORD = "tunnel";

    private final Topology topology;

    Targets(Topology topology) {
        this.topology = topology;
    }

    /** The target a word names; a RepconException (invalid input) says what is wrong with it, with a did-you-mean. */
    Target resolve(String text) {
        String[] parts = text.split("/", -1);
        for (String p : parts) {
            if (p.isEmpty()) throw RepconException.invalid("'" + text + "' is not HOST, HOST/INSTANCE or HOST/tunnel/NAME");
        }
        if (parts.length > 3) throw RepconException.invalid("'" + text + "' is not HOST, HOST/INSTANCE or HOST/tunnel/NAME");
        Host host = topology.host(parts[0]).orElseThrow(() -> RepconException.invalid("no host '" + parts[0] + "'"
                + Suggest.hint(parts[0], hostNames())));
        if (parts.length == 1) return new Target.OfHost(host);
        if (parts.length == 3) {
            if (!parts[1].equals(TUNNEL_WORD)) {
                throw RepconException.invalid("'" + text + "': a tunnel is written HOST/tunnel/NAME"
                        + (Suggest.closest(parts[1], List.of(TUNNEL_WORD)).isPresent()
                        ? " (did you mean '" + parts[0] + "/tunnel/" + parts[2] + "'?)" : ""));
            }
            Tunnel tunnel = host.tunnel(parts[2]).orElseThrow(() -> RepconException.invalid("host " + host.name()
                    + " has no tunnel '" + parts[2] + "'" + hintOrList(parts[2], tunnelNames(host), "tunnels")));
            return new Target.OfTunnel(host, tunnel);
        }
        Optional<Instance> instance = host.instance(parts[1]);
        if (instance.isPresent()) return new Target.OfInstance(host, instance.get());
        if (host.tunnel(parts[1]).isPresent()) { // a tunnel's exact name beats an instance's near one
            throw RepconException.invalid("host " + host.name() + " has no instance '" + parts[1] + "'; its tunnel is "
                    + host.name() + "/tunnel/" + parts[1]);
        }
        throw RepconException.invalid("host " + host.name() + " has no instance '" + parts[1] + "'"
                + hintOrList(parts[1], instanceNames(host), "instances"));
    }

    /** The masters {@code replica} may follow: same kind of data, on another host, no replica themselves. */
    List<Instance> mastersFor(Instance replica) {
        return topology.instances().filter(i -> !i.isReplica() && i.kind() == replica.kind()
                && !i.host().equals(replica.host())).toList();
    }

    /** The instances that replicate from {@code master} in the topology. */
    List<Instance> replicasOf(Instance master) {
        return topology.instances().filter(i -> i.replicaof().equals(java.util.Optional.of(master.ref()))).toList();
    }

    /** Masters that have replicas: what restore brings back. */
    List<String> primaries() {
        return topology.instances().filter(i -> !replicasOf(i).isEmpty()).map(i -> i.host() + "/" + i.name()).toList();
    }

    List<String> hosts() {
        return hostNames();
    }

    List<String> instances() {
        return topology.instances().map(i -> i.host() + "/" + i.name()).toList();
    }

    List<String> replicas() {
        return topology.instances().filter(Instance::isReplica).map(i -> i.host() + "/" + i.name()).toList();
    }

    List<String> tunnels() {
        return topology.tunnels().map(t -> t.host() + "/" + TUNNEL_WORD + "/" + t.name()).toList();
    }

    List<String> all() {
        List<String> out = new ArrayList<>(hosts());
        out.addAll(instances());
        out.addAll(tunnels());
        return out;
    }

    List<String> services() {
        return Stream.concat(instances().stream(), tunnels().stream()).toList();
    }

    private List<String> hostNames() {
        return topology.hosts().stream().map(Host::name).toList();
    }

    private static List<String> instanceNames(Host host) {
        return host.instances().stream().map(Instance::name).toList();
    }

    private static List<String> tunnelNames(Host host) {
        return host.tunnels().stream().map(Tunnel::name).toList();
    }

    /** " (did you mean 'x'?)", or the list when nothing is close: the names are few. */
    private static String hintOrList(String typed, List<String> names, String what) {
        String hint = Suggest.hint(typed, names);
        if (!hint.isEmpty()) return hint;
        return names.isEmpty() ? "; it has no " + what : "; its " + what + ": " + String.join(", ", names);
    }
}
