package org.repcon.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.repcon.util.Suggest;

/**
 * Checks a topology for meaning: references that resolve, ports and addresses that do not clash,
 * replication that is one level deep, and a tunnel path from every replica to its own master.
 */
final class TopologyValidator {

    private final Topology topology;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<Set<InstanceRef>> reportedCycles = new HashSet<>();

    private TopologyValidator(Topology topology) {
        this.topology = topology;
    }

    static List<Problem> validate(Topology topology) {
        TopologyValidator v = new TopologyValidator(topology);
        v.run();
        return v.problems;
    }

    private void run() {
        checkAddresses();
        for (Host host : topology.hosts()) {
            checkHost(host);
            host.tunnels().forEach(t -> checkTunnel(host, t));
            host.instances().forEach(i -> checkInstance(host, i));
        }
    }

    private void checkAddresses() {
        Map<String, Host> seen = new HashMap<>();
        for (Host host : topology.hosts()) {
            host.address().ifPresent(address -> {
                Host other = seen.putIfAbsent(address.toLowerCase(), host);
                if (other != null) {
                    error(host.position(), "host '" + host.name() + "' has the address " + address + " of host '"
                            + other.name() + "'; each host needs its own");
                }
            });
        }
    }

    private void checkHost(Host host) {
        if (host.instances().isEmpty()) {
            error(host.position(), "host '" + host.name() + "' has no instances; list its redis instances under 'instances:'");
        }
        // Instances and tunnels share the host's port space.
        Map<Integer, String> ports = new HashMap<>();
        for (Instance i : host.instances()) {
            String clash = ports.putIfAbsent(i.port(), "instance '" + i.name() + "'");
            if (clash != null) error(i.position(), "port " + i.port() + " of instance '" + host.name() + "/" + i.name()
                    + "' is already used by " + clash);
        }
        for (Tunnel t : host.tunnels()) {
            String clash = ports.putIfAbsent(t.accept(), "tunnel '" + t.name() + "'");
            if (clash != null) error(t.position(), "accept port " + t.accept() + " of tunnel '" + host.name() + "/"
                    + t.name() + "' is already used by " + clash);
        }
    }

    private void checkTunnel(Host host, Tunnel tunnel) {
        String context = "tunnel '" + host.name() + "/" + tunnel.name() + "'";
        tunnel.to().ifPresent(to -> {
            if (host.instance(to).isEmpty()) {
                error(tunnel.position(), context + " forwards to instance '" + to + "', which host '" + host.name()
                        + "' does not have" + Suggest.hint(to, instanceNames(host)));
            }
        });
        tunnel.client().ifPresent(target -> {
            Optional<Host> server = topology.host(target.host());
            if (server.isEmpty()) {
                error(tunnel.position(), context + " connects to unknown host '" + target.host() + "'"
                        + Suggest.hint(target.host(), hostNames()));
            } else if (server.get() == host) {
                error(tunnel.position(), context + " connects to its own host; a tunnel crosses from a replica host to the master's");
            } else {
                Optional<Tunnel> end = server.get().tunnel(target.name());
                if (end.isEmpty()) {
                    error(tunnel.position(), context + " connects to tunnel '" + target.shortForm() + "', which does not exist"
                            + Suggest.hint(target.name(), server.get().tunnels().stream().map(Tunnel::name).toList()));
                } else if (!end.get().isServer()) {
                    error(tunnel.position(), context + " connects to '" + target.shortForm() + "', which is itself a client end;"
                            + " it must be a server end ('to: INSTANCE')");
                }
            }
        });
    }

    private void checkInstance(Host host, Instance instance) {
        String context = "instance '" + instance.ref() + "'";
        if (instance.replicaof().isEmpty()) {
            if (instance.via().isPresent()) error(instance.position(), context + " has 'via' but replicates nothing");
            return;
        }
        InstanceRef ref = instance.replicaof().get();
        Optional<Host> masterHost = topology.host(ref.host());
        if (masterHost.isEmpty()) {
            error(instance.position(), context + " replicates from unknown host '" + ref.host() + "'" + Suggest.hint(ref.host(), hostNames()));
            return;
        }
        Optional<Instance> master = masterHost.get().instance(ref.name());
        if (master.isEmpty()) {
            error(instance.position(), context + " replicates from '" + ref + "', but host '" + ref.host()
                    + "' has no instance '" + ref.name() + "'" + Suggest.hint(ref.name(), instanceNames(masterHost.get())));
            return;
        }
        if (master.get() == instance) {
            error(instance.position(), context + " replicates from itself");
            return;
        }
        if (masterHost.get() == host) {
            error(instance.position(), context + " replicates from '" + ref + "' on its own host; a replica's master"
                    + " is on another host, reached through a tunnel");
            return;
        }
        if (!checkChain(instance, master.get())) return;
        if (master.get().kind() != instance.kind()) {
            error(instance.position(), context + " (" + instance.kind().yamlName() + ") replicates from '" + ref + "', a "
                    + master.get().kind().yamlName() + " instance; a replica keeps its master's kind of data");
            return;
        }
        if (instance.kind() == Kind.CACHE) {
            problems.add(Problem.warning(instance.position(), context + " is a cache instance and is replicated;"
                    + " the tutorial keeps each host's cache local"));
        }
        if (instance.kind() != Kind.CACHE) checkRspamdPassword(host, instance, master.get());
        checkTunnelPath(host, instance, master.get());
    }

    /**
     * Rspamd on a replica's host reads the replica and writes to its master with the one {@code password} of
     * the module's config, so both must take it from the same place (or neither have one).
     */
    private void checkRspamdPassword(Host host, Instance replica, Instance master) {
        if (replica.password().equals(master.password())) return;
        String context = "instance '" + replica.ref() + "'";
        String mismatch = replica.password().isEmpty() ? context + " has no password but its master '" + master.ref() + "' has one"
                : master.password().isEmpty() ? context + " has a password but its master '" + master.ref() + "' has none"
                : context + " and its master '" + master.ref() + "' take their passwords from different places";
        problems.add(Problem.warning(replica.position(), mismatch + "; Rspamd on '" + host.name() + "' reads the replica and"
                + " writes to the master with one 'password': give both the same password_file or password_env"));
    }

    /**
     * One level only: a replica's master must be a master. A cycle is the worse mistake, so it is
     * named as such, once for all its members.
     */
    private boolean checkChain(Instance replica, Instance master) {
        if (master.replicaof().isEmpty()) return true;
        List<InstanceRef> path = new ArrayList<>(List.of(replica.ref()));
        Optional<Instance> next = Optional.of(master);
        while (next.isPresent() && !path.contains(next.get().ref())) {
            path.add(next.get().ref());
            next = topology.masterOf(next.get());
        }
        if (next.isPresent() && next.get() == replica) {
            if (reportedCycles.add(Set.copyOf(path))) {
                error(replica.position(), "replication cycle: " + path.stream().map(InstanceRef::toString)
                        .collect(Collectors.joining(" -> ")) + " -> " + replica.ref() + "; one of them must be the master"
                        + " (no 'replicaof')");
            }
            return false;
        }
        // Where the chain ends in a master, name it: that is the fix.
        Optional<InstanceRef> root = next.isPresent() ? Optional.empty()
                : topology.instance(path.get(path.size() - 1)).filter(i -> !i.isReplica()).map(Instance::ref);
        error(replica.position(), "instance '" + replica.ref() + "' replicates from '" + master.ref()
                + "', which is itself a replica of '" + master.replicaof().get() + "'; chained replication is not"
                + " supported: replicate from the master directly" + root.map(r -> " (replicaof: " + r + ")").orElse(""));
        return false;
    }

    private void checkTunnelPath(Host host, Instance replica, Instance master) {
        String context = "instance '" + replica.ref() + "'";
        String tunnelName = replica.tunnelName();
        String tunnelRef = host.name() + "/" + tunnelName;
        Optional<Tunnel> tunnel = host.tunnel(tunnelName);
        if (tunnel.isEmpty()) {
            Optional<String> meant = replica.via().flatMap(v -> Suggest.closest(v, host.tunnels().stream().map(Tunnel::name).toList()));
            if (meant.isPresent()) {
                error(replica.position(), context + " replicates via tunnel '" + tunnelName + "', which host '" + host.name()
                        + "' does not have (did you mean '" + meant.get() + "'?)");
            } else {
                error(replica.position(), context + " has no tunnel '" + tunnelName + "' to reach '" + master.ref()
                        + "'; add under host '" + host.name() + "': tunnels: { " + tunnelName + ": { accept: PORT, client: "
                        + serverEndOf(master).orElse(master.host() + "/TUNNEL") + " } }"
                        + (serverEndOf(master).isPresent() ? "" : "; " + noServerEnd(master)));
            }
            return;
        }
        if (!tunnel.get().isClient()) {
            error(replica.position(), context + " replicates through tunnel '" + tunnelRef + "', which is a server end;"
                    + " a replica needs a client end" + clientFix(master));
            return;
        }
        Optional<Instance> destination = topology.destinationOf(tunnel.get());
        if (destination.isEmpty()) return; // the tunnel's own check has reported why
        Instance reached = destination.get();
        String fix = "; point the tunnel at a server end that forwards to '" + master.ref() + "'" + clientFix(master);
        if (reached.kind() != replica.kind()) {
            error(replica.position(), context + " (" + replica.kind().yamlName() + ") replicates through tunnel '"
                    + tunnelRef + "', which leads to '" + reached.ref() + "', a " + reached.kind().yamlName() + " instance" + fix);
        } else if (!reached.ref().equals(master.ref())) {
            error(replica.position(), context + " replicates from '" + master.ref() + "', but its tunnel '"
                    + tunnelRef + "' leads to '" + reached.ref() + "'" + fix);
        }
    }

    /** The server end that forwards to {@code master}, as a client end names it ("master/bayes"). */
    private Optional<String> serverEndOf(Instance master) {
        return topology.hostOf(master).tunnels().stream()
                .filter(t -> t.to().filter(master.name()::equals).isPresent())
                .map(t -> t.ref().shortForm()).findFirst();
    }

    /** " (client: master/bayes)", or what is missing on the master's side for there to be one. */
    private String clientFix(Instance master) {
        return serverEndOf(master).map(ref -> " (client: " + ref + ")").orElseGet(() -> "; " + noServerEnd(master));
    }

    private static String noServerEnd(Instance master) {
        return "host '" + master.host() + "' has no server end forwarding to '" + master.name() + "' yet: add under it"
                + " tunnels: { TUNNEL: { accept: PORT, to: " + master.name() + " } }";
    }

    private List<String> hostNames() {
        return topology.hosts().stream().map(Host::name).toList();
    }

    private static List<String> instanceNames(Host host) {
        return host.instances().stream().map(Instance::name).toList();
    }

    private void error(Position at, String message) {
        problems.add(Problem.error(at, message));
    }
}
