package org.repcon.topology;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A loaded and validated topology: hosts, their instances and tunnels, and the relations between
 * them. Immutable; every question about "who replicates from whom, through what" is answered here.
 *
 * @param secrets the file holding one {@code identity:secret} PSK line per replica host
 * @param warnings doubts that do not stop the topology from being used (a replicated cache, say)
 * @param heartbeat whether monitoring writes its clock's time into each master ({@code repcon:heartbeat}) and reads it
 *                  on the replicas, for the true replication delay; off by default, since it writes a key
 */
public record Topology(
        String name,
        Path source,
        List<Host> hosts,
        Path secrets,
        Optional<Size> commonMaxmemory,
        Map<String, String> commonSettings,
        List<Problem> warnings,
        boolean heartbeat) {

    public Topology {
        hosts = List.copyOf(hosts);
        commonSettings = Map.copyOf(commonSettings);
        warnings = List.copyOf(warnings);
    }

    public Optional<Host> host(String hostName) {
        return hosts.stream().filter(h -> h.name().equals(hostName)).findFirst();
    }

    public Optional<Instance> instance(InstanceRef ref) {
        return host(ref.host()).flatMap(h -> h.instance(ref.name()));
    }

    public Optional<Tunnel> tunnel(TunnelRef ref) {
        return host(ref.host()).flatMap(h -> h.tunnel(ref.name()));
    }

    public Host hostOf(Instance instance) {
        return host(instance.host()).orElseThrow();
    }

    public Host hostOf(Tunnel tunnel) {
        return host(tunnel.host()).orElseThrow();
    }

    public Stream<Instance> instances() {
        return hosts.stream().flatMap(h -> h.instances().stream());
    }

    public Stream<Tunnel> tunnels() {
        return hosts.stream().flatMap(h -> h.tunnels().stream());
    }

    public Optional<Instance> masterOf(Instance replica) {
        return replica.replicaof().flatMap(this::instance);
    }

    public List<Instance> replicasOf(Instance master) {
        return instances().filter(i -> i.replicaof().filter(master.ref()::equals).isPresent()).toList();
    }

    /** The client tunnel on the replica's host that carries its replication. */
    public Optional<Tunnel> replicationTunnel(Instance replica) {
        if (!replica.isReplica()) return Optional.empty();
        return hostOf(replica).tunnel(replica.tunnelName()).filter(Tunnel::isClient);
    }

    /** The server tunnel a client tunnel connects to. */
    public Optional<Tunnel> serverOf(Tunnel client) {
        return client.client().flatMap(this::tunnel).filter(Tunnel::isServer);
    }

    /** The instance a tunnel finally delivers to: its own {@code to} for a server end, the server's for a client end. */
    public Optional<Instance> destinationOf(Tunnel tunnel) {
        Optional<Tunnel> server = tunnel.isServer() ? Optional.of(tunnel) : serverOf(tunnel);
        return server.flatMap(s -> hostOf(s).instance(s.to().orElseThrow()));
    }

    /** The client tunnels that connect to a server tunnel: one per replica host. */
    public List<Tunnel> clientsOf(Tunnel server) {
        return tunnels().filter(t -> t.client().filter(server.ref()::equals).isPresent()).toList();
    }

    /** The same deployment with every path placed under {@code root}: the lab, or a test's temporary directory. */
    public Topology withRoot(Path root) {
        Path newRoot = root.toAbsolutePath().normalize();
        // A secrets file that lives under the old root (the lab's default) moves with it.
        Path oldRoot = hosts.isEmpty() ? Path.of("/") : Path.of(hosts.get(0).root());
        Path movedSecrets = !oldRoot.equals(Path.of("/")) && secrets.startsWith(oldRoot)
                ? newRoot.resolve(oldRoot.relativize(secrets)) : secrets;
        return new Topology(name, source, hosts.stream().map(h -> h.withRoot(newRoot.toString())).toList(), movedSecrets,
                commonMaxmemory, commonSettings, warnings, heartbeat);
    }

    public String counts() {
        long instances = instances().count();
        long tunnels = tunnels().count();
        return hosts.size() + (hosts.size() == 1 ? " host, " : " hosts, ")
                + instances + (instances == 1 ? " instance, " : " instances, ")
                + tunnels + (tunnels == 1 ? " tunnel" : " tunnels");
    }
}
