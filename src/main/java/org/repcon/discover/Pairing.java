package org.repcon.discover;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.repcon.probe.RspamdRouting;
import org.repcon.topology.Kind;
import org.repcon.topology.Platform;

/**
 * The hosts read one by one, put together: each client end paired with its server end (by the address and port it
 * connects to), each replica's {@code replicaof} followed through its tunnel to its master, each instance's kind (its
 * name, Rspamd's routing, its master's), and what does not fit said: a replicaof not through a tunnel, Rspamd writing to
 * the wrong port, a PSK identity without a client.
 */
final class Pairing {

    private final List<FoundHost> hosts;
    private final Report report;

    private Pairing(List<FoundHost> hosts, Report report) {
        this.hosts = hosts;
        this.report = report;
    }

    static void pair(List<FoundHost> hosts, Report report) {
        Pairing p = new Pairing(hosts, report);
        hosts.forEach(p::addressOf);
        hosts.forEach(p::servers);
        hosts.forEach(p::clients);
        hosts.forEach(p::ports);
        // Tunnels that do not pair make no topology: what would follow from them is not said.
        if (!report.errors().isEmpty()) return;
        hosts.forEach(p::replicas);
        hosts.forEach(p::kinds);
        hosts.forEach(p::routing);
        hosts.forEach(p::identities);
    }

    /** Over ssh the address given; in the lab the address the host binds; elsewhere what the clients connect to. */
    private void addressOf(FoundHost h) {
        if (h.spec.address().isPresent()) {
            h.address = h.spec.address().get();
        } else if (h.platform == Platform.LAB) {
            if (h.boundAddresses().isEmpty()) report.error(h.name() + ": the lab host's common file has no bind: its address is unknown");
            else h.address = h.boundAddresses().get(0);
        }
    }

    private void servers(FoundHost h) {
        for (FoundTunnel t : h.tunnels) {
            if (t.service.client()) continue;
            Optional<FoundInstance> target = h.instanceOnPort(t.service.connect());
            if (target.isEmpty()) {
                report.error(h.name() + ": " + h.files.shown(t.service.where()) + ": stunnel server [" + t.name() + "] forwards to port "
                        + t.service.connect() + ", where no instance of " + h.name() + " listens");
            } else {
                t.to = target.get().name;
            }
        }
    }

    private void clients(FoundHost h) {
        for (FoundTunnel t : h.tunnels) {
            if (!t.service.client()) continue;
            String address = t.service.connectAddress().orElse("localhost");
            int port = t.service.connect();
            List<FoundHost> known = new ArrayList<>();
            List<FoundHost> unknown = new ArrayList<>();
            for (FoundHost g : hosts) {
                if (g == h || g.tunnels.stream().noneMatch(s -> !s.service.client() && s.service.accept() == port)) continue;
                if (address.equals(g.address) || address.equals(g.name())) known.add(g);
                else if (g.address == null) unknown.add(g);
            }
            FoundHost server;
            if (known.size() == 1) {
                server = known.get(0);
            } else if (known.isEmpty() && unknown.size() == 1) {
                server = unknown.get(0);
                server.address = address;
                server.comments.add("address " + address + ": what " + h.name() + "'s stunnel client [" + t.name() + "] connects to ("
                        + t.service.where() + ")");
            } else {
                report.error(h.name() + ": " + h.files.shown(t.service.where()) + ": stunnel client [" + t.name() + "] connects to " + address + ":" + port
                        + (unknown.size() > 1 ? ", which more than one host could be (" + names(unknown) + "); give their addresses"
                        : ", which is no server end among the hosts (" + names(hosts) + ")"));
                continue;
            }
            server.tunnels.stream().filter(s -> !s.service.client() && s.service.accept() == port).findFirst()
                    .ifPresent(s -> t.client = s.ref());
        }
    }

    private static String names(List<FoundHost> hs) {
        return String.join(", ", hs.stream().map(FoundHost::name).toList());
    }

    /** A replica's replicaof goes to a client end on its own host; through it, to its master. */
    private void replicas(FoundHost h) {
        for (FoundInstance i : h.instances) {
            if (i.replicaof.isEmpty()) continue;
            RedisConf.Line line = i.replicaof.get();
            String address = line.args().isEmpty() ? "" : line.args().get(0);
            int port = line.args().size() > 1 ? parse(line.args().get(1)) : -1;
            Optional<FoundTunnel> tunnel = h.isSelf(address)
                    ? h.tunnels.stream().filter(t -> t.service.client() && t.service.accept() == port).findFirst() : Optional.empty();
            if (tunnel.isEmpty() || tunnel.get().client == null) {
                String why = tunnel.isEmpty() ? "does not go through a stunnel client end of " + h.name()
                        : "goes to stunnel client [" + tunnel.get().name() + "], whose server end is unknown";
                report.warning(i.ref() + ": " + h.files.shown(line.file()) + ":" + line.line() + ": replicaof " + line.value() + " " + why);
                i.comments.add("replicaof " + line.value() + " (" + line.where() + ") " + why + ": not written");
                continue;
            }
            FoundTunnel client = tunnel.get();
            String[] server = client.client.split("/", 2);
            FoundHost masterHost = host(server[0]);
            FoundTunnel serverEnd = masterHost.tunnel(server[1]).orElseThrow();
            if (serverEnd.to == null) continue; // said where the server end was read
            i.master = masterHost.name() + "/" + serverEnd.to;
            if (!client.name().equals(i.name)) i.via = client.name();
            i.comments.add("replicaof " + line.value() + " (" + line.where() + "): through stunnel [" + client.name() + "] to " + i.master);
            masterHost.instance(serverEnd.to).ifPresent(m -> checkAuth(i, m));
        }
    }

    private void checkAuth(FoundInstance replica, FoundInstance master) {
        if (master.requirepass.isPresent() && replica.masterauth.isEmpty()) {
            report.warning(replica.ref() + ": its master " + master.ref() + " has a requirepass, its files no masterauth: it cannot sync");
        }
        if (master.requirepass.isEmpty() && replica.masterauth.isPresent()) {
            report.warning(replica.ref() + ": masterauth set (" + replica.masterauth.get().where() + "), but its master " + master.ref()
                    + " has no requirepass");
        }
    }

    /** Kind: by name where the name says, else by the Rspamd file reading its port, else like its master; else undecided. */
    private void kinds(FoundHost h) {
        for (FoundInstance i : h.instances) {
            Optional<Kind> named = Kind.impliedByName(i.name);
            Optional<RspamdRouting.Route> read = h.rspamd.routes().stream()
                    .filter(r -> !r.key().equals("write_servers") && r.ports().contains(i.port)).findFirst();
            read.ifPresent(r -> i.comments.add("kind " + r.kind().yamlName() + ", from " + r.where()));
            if (named.isPresent()) {
                i.kind = named.get();
                read.filter(r -> r.kind() != named.get()).ifPresent(r -> report.warning(h.name() + ": " + r.where() + ": Rspamd's "
                        + part(r.kind()) + " reads port " + i.port + ", which is " + i.ref() + " (" + named.get().yamlName() + ")"));
            } else if (read.isPresent()) {
                i.kind = read.get().kind();
            }
        }
        // A replica whose kind neither its name nor Rspamd says takes its master's.
        for (FoundInstance i : h.instances) {
            if (i.kind != null || i.master == null) continue;
            String[] m = i.master.split("/", 2);
            Optional<FoundInstance> master = host(m[0]).instance(m[1]);
            if (master.isPresent() && master.get().kind != null) {
                i.kind = master.get().kind;
                i.comments.add("kind " + i.kind.yamlName() + ", as its master's");
            }
        }
        for (FoundInstance i : h.instances) {
            if (i.kind != null) continue;
            i.kind = Kind.CACHE;
            i.comments.add("kind undecided (neither its name nor an Rspamd file says): written as cache; say bayes or fuzzy if it is one");
            report.warning(i.ref() + ": kind undecided (no Rspamd file reads port " + i.port + "): written as cache");
        }
        for (FoundInstance i : h.instances) {
            if (i.master == null) continue;
            String[] m = i.master.split("/", 2);
            host(m[0]).instance(m[1]).filter(master -> master.kind != i.kind).ifPresent(master -> report.warning(i.ref() + " ("
                    + i.kind.yamlName() + ") replicates " + master.ref() + " (" + master.kind.yamlName() + ")"));
        }
    }

    /** Rspamd reads and writes a master locally; on a replica it reads locally and writes through the tunnel. */
    private void routing(FoundHost h) {
        for (Kind kind : List.of(Kind.BAYES, Kind.FUZZY)) {
            Optional<FoundInstance> instance = h.instances.stream().filter(i -> i.kind == kind).findFirst();
            Optional<RspamdRouting.Route> servers = h.rspamd.route(kind, "servers");
            Optional<RspamdRouting.Route> write = h.rspamd.route(kind, "write_servers").or(() -> servers);
            if (instance.isEmpty() || write.isEmpty()) continue;
            FoundInstance i = instance.get();
            if (i.replicaof.isPresent() && i.master == null) continue; // its replicaof was said, and not written
            int wanted = i.port;
            String to = "its " + kind.yamlName() + " instance " + i.ref() + " (" + wanted + ")";
            if (i.master != null) {
                Optional<FoundTunnel> tunnel = h.tunnel(i.via != null ? i.via : i.name);
                if (tunnel.isEmpty()) continue;
                wanted = tunnel.get().service.accept();
                to = "the tunnel to " + i.master + " (" + wanted + "): " + i.ref() + " is a replica";
            }
            List<Integer> ports = write.get().ports();
            if (!ports.contains(wanted)) {
                report.warning(h.name() + ": " + write.get().where() + ": Rspamd's " + part(kind) + " writes to port "
                        + (ports.isEmpty() ? "?" : ports.get(0)) + ", not " + to);
            }
        }
    }

    private static String part(Kind kind) {
        return switch (kind) {
            case BAYES -> "Bayes classifier";
            case FUZZY -> "fuzzy storage";
            case CACHE -> "default Redis";
        };
    }

    /** Each identity a server end knows belongs to a client host; each client's identity is known to its server end. */
    private void identities(FoundHost h) {
        h.serverIdentities.forEach((file, ids) -> {
            for (String id : ids) {
                boolean used = hosts.stream().anyMatch(g -> id.equals(g.pskIdentity) && g.tunnels.stream()
                        .anyMatch(t -> t.client != null && t.client.startsWith(h.name() + "/")));
                if (!used) {
                    report.warning(h.name() + ": " + h.files.shown(file) + ": PSK identity '" + id + "' has no client among the hosts"
                            + " (a replica not given here, or a line left behind)");
                }
            }
        });
        for (FoundTunnel t : h.tunnels) {
            if (t.client == null || h.pskIdentity == null) continue;
            FoundHost server = host(t.client.split("/", 2)[0]);
            server.tunnel(t.client.split("/", 2)[1]).flatMap(s -> s.service.pskSecrets()).ifPresent(file -> {
                List<String> ids = server.serverIdentities.get(file);
                if (ids != null && !ids.isEmpty() && !ids.contains(h.pskIdentity)) {
                    report.warning(t.ref() + ": identity '" + h.pskIdentity + "' is not in " + server.name() + "'s PSK file "
                            + server.files.shown(file) + ": the tunnel cannot connect");
                }
            });
        }
    }

    /** A tunnel's accept port taken by an instance of the same host: one of them cannot listen. */
    private void ports(FoundHost h) {
        for (FoundTunnel t : h.tunnels) {
            h.instanceOnPort(t.service.accept()).ifPresent(i -> report.error(h.name() + ": stunnel [" + t.name() + "] ("
                    + h.files.shown(t.service.where()) + ") and instance " + i.name + " both listen on port " + t.service.accept()));
        }
    }

    private FoundHost host(String name) {
        return hosts.stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
