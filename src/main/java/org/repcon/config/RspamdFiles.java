package org.repcon.config;

import static org.repcon.topology.Convention.RSPAMD_DIR;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.repcon.syntax.UclQuote;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Kind;
import org.repcon.topology.Topology;

/**
 * Rspamd's side: the cache for everything, bayes and fuzzy on their own instances. A replica reads
 * its local copy and writes through the tunnel to the master, where learning happens.
 */
final class RspamdFiles {

    private static final String BACKEND = UclQuote.assignment("backend", "redis") + "\n";

    private RspamdFiles() {}

    static List<RenderedFile> files(Topology topology, Host host, SecretValues secrets) {
        String dir = host.path(RSPAMD_DIR, "").orElseThrow();
        List<RenderedFile> files = new ArrayList<>();
        first(host, Kind.CACHE).ifPresent(cache -> files.add(file(dir + "/local.d/redis.conf", cache,
                UclQuote.assignment("servers", address(host, cache.port())) + "\n" + password(cache, secrets),
                "Rspamd's default Redis: the local cache")));
        first(host, Kind.BAYES).ifPresent(bayes -> files.add(file(dir + "/local.d/classifier-bayes.conf", bayes,
                BACKEND + servers(topology, host, bayes) + password(bayes, secrets),
                "Bayes statistics" + role(bayes))));
        first(host, Kind.FUZZY).ifPresent(fuzzy -> files.add(file(dir + "/override.d/worker-fuzzy.inc", fuzzy,
                BACKEND + servers(topology, host, fuzzy) + password(fuzzy, secrets),
                "fuzzy storage" + role(fuzzy))));
        return files;
    }

    private static RenderedFile file(String path, Instance instance, String content, String purpose) {
        boolean secret = instance.password().isPresent();
        return new RenderedFile(path, content, RenderedFile.Merge.WHOLE, secret ? 0640 : 0644, secret, purpose);
    }

    private static String servers(Topology topology, Host host, Instance instance) {
        if (!instance.isReplica()) return UclQuote.assignment("servers", address(host, instance.port())) + "\n";
        int tunnelPort = topology.replicationTunnel(instance).orElseThrow().accept();
        return UclQuote.assignment("read_servers", address(host, instance.port())) + "\n"
                + UclQuote.assignment("write_servers", address(host, tunnelPort)) + "\n";
    }

    /** Writes go to the master, so it is the master's password Rspamd needs (replicas share it). */
    private static String password(Instance instance, SecretValues secrets) {
        return instance.password().map(p -> UclQuote.assignment("password", secrets.password(p)) + "\n").orElse("");
    }

    private static String role(Instance instance) {
        return instance.isReplica() ? ": read locally, written through the tunnel" : ": read and written locally";
    }

    /** "localhost" for the cache on its default port, as the tutorial writes it; otherwise host:port. */
    private static String address(Host host, int port) {
        return port == 6379 && host.loopback().equals("localhost") ? "localhost" : host.loopback() + ":" + port;
    }

    private static Optional<Instance> first(Host host, Kind kind) {
        return host.instances().stream().filter(i -> i.kind() == kind).findFirst();
    }
}
