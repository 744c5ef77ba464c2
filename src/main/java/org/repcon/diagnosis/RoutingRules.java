package org.repcon.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.repcon.probe.RspamdRouting;
import org.repcon.probe.RspamdRouting.Route;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Kind;
import org.repcon.topology.Tunnel;

/**
 * Rspamd's own routing on each host against the topology: on a replica's host it reads the local replica and writes
 * through the local end of the tunnel to the master; on the master's host it reads and writes the local instance.
 * Ports are compared (a file names localhost or the host's address); a unix socket or a name is not judged.
 */
final class RoutingRules {

    private RoutingRules() {}

    static void apply(Facts f, Findings out) {
        f.in.routing().forEach((hostName, routing) -> f.topology.host(hostName).ifPresent(host -> {
            for (Kind kind : List.of(Kind.BAYES, Kind.FUZZY)) {
                host.instances().stream().filter(i -> i.kind() == kind).findFirst().ifPresent(i -> check(f, host, i, routing, out));
            }
        }));
    }

    private static void check(Facts f, Host host, Instance i, RspamdRouting routing, Findings out) {
        Optional<Tunnel> tunnel = i.isReplica() ? f.topology.replicationTunnel(i) : Optional.empty();
        if (i.isReplica() && tunnel.isEmpty()) return;
        Optional<Route> servers = routing.route(i.kind(), "servers");
        Optional<Route> write = routing.route(i.kind(), "write_servers").or(() -> servers);
        Optional<Route> read = routing.route(i.kind(), "read_servers").or(() -> servers);
        int writeTo = tunnel.map(Tunnel::accept).orElse(i.port());
        String wantedWrite = tunnel.map(t -> "the tunnel to " + i.replicaof().orElseThrow() + " (" + t.accept() + ")")
                .orElse("the local instance " + i.ref() + " (" + i.port() + ")");
        List<String> wrong = new ArrayList<>();
        boolean writesToReplica = false;
        if (write.isPresent() && !write.get().ports().isEmpty() && !write.get().ports().contains(writeTo)) {
            Route r = write.get();
            writesToReplica = i.isReplica() && r.ports().contains(i.port());
            wrong.add(r.where() + ": " + r.key() + " " + String.join(", ", r.servers()) + ": learning goes to port "
                    + r.ports().get(0) + ", not " + wantedWrite);
        }
        if (read.isPresent() && !read.get().ports().isEmpty() && !read.get().ports().contains(i.port())) {
            Route r = read.get();
            wrong.add(r.where() + ": " + r.key() + " " + String.join(", ", r.servers()) + ": classification reads port "
                    + r.ports().get(0) + ", not the local instance " + i.ref() + " (" + i.port() + ")");
        }
        if (wrong.isEmpty()) return;
        List<String> evidence = new ArrayList<>(wrong);
        f.info(i).flatMap(info -> info.string("errorstat_READONLY")).ifPresent(v -> evidence.add("errorstat_READONLY:" + v));
        String part = i.kind() == Kind.BAYES ? "Bayes classifier" : "fuzzy storage";
        out.add(Code.RSPAMD_MISROUTED, writesToReplica ? Severity.CRITICAL : Severity.WARNING, Subject.of(i),
                (writesToReplica ? "learning fails: " : "") + "Rspamd on " + host.name() + " routes its " + part + " elsewhere than "
                        + i.ref() + (writesToReplica ? ": it writes to the replica" : ""), null, evidence);
    }
}
