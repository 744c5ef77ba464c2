package org.repcon.config;

import static org.repcon.topology.Convention.*;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.repcon.syntax.StunnelValue;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Topology;
import org.repcon.topology.Tunnel;

/**
 * stunnel with PSK as in Rspamd's stunnel tutorial: server sections on the master accept TLS and
 * forward to an instance; client sections on a replica accept plain connections on loopback and
 * connect to the master's server section. Each replica host has its own PSK identity.
 */
final class StunnelFiles {

    private StunnelFiles() {}

    static List<RenderedFile> files(Topology topology, Host host, SecretValues secrets) {
        if (host.tunnels().isEmpty()) return List.of();
        String psk = host.path(STUNNEL_PSK, "").orElseThrow();
        Lines lines = new Lines();
        host.path(STUNNEL_USER, "").ifPresent(u -> lines.add(StunnelValue.line("setuid", host.convention(STUNNEL_USER, ""))));
        host.path(STUNNEL_GROUP, "").ifPresent(g -> lines.add(StunnelValue.line("setgid", host.convention(STUNNEL_GROUP, ""))));
        // An empty pid: stunnel writes none (systemd tracks it); the only value written empty, on purpose.
        lines.add(host.path(STUNNEL_PIDFILE, "").map(pid -> StunnelValue.line("pid", pid)).orElse("pid = "));
        if (!host.platform().selfManaged() && host.path(STUNNEL_PIDFILE, "").isEmpty()) {
            // Under systemd (stunnel@ units, Type=simple) stunnel must stay in the foreground.
            lines.add("foreground = yes");
        }
        host.path(STUNNEL_LOG, "").ifPresent(log -> lines.add(StunnelValue.line("output", log)));
        lines.blank();
        for (Tunnel tunnel : host.tunnels()) {
            lines.add("[" + tunnel.name() + "]");
            if (tunnel.isClient()) {
                Tunnel server = topology.serverOf(tunnel).orElseThrow();
                Host serverHost = topology.hostOf(server);
                lines.add("client = yes");
                lines.add(StunnelValue.line("accept", host.loopback() + ":" + tunnel.accept()));
                lines.add(StunnelValue.line("connect", serverHost.address().orElseThrow() + ":" + server.accept()));
            } else {
                Instance target = host.instance(tunnel.to().orElseThrow()).orElseThrow();
                lines.add(StunnelValue.line("accept", local(host, host.address().filter(a -> host.platform().selfManaged()), tunnel.accept())));
                lines.add(StunnelValue.line("connect", local(host, Optional.of(host.loopback()), target.port())));
            }
            lines.add("ciphers = PSK");
            lines.add(StunnelValue.line("PSKsecrets", psk));
            if (tunnel.isClient()) lines.add(StunnelValue.line("PSKidentity", host.pskIdentity()));
            lines.blank();
        }
        RenderedFile config = RenderedFile.whole(host.path(STUNNEL_CONFIG, "").orElseThrow(), lines.text(),
                "stunnel " + (host.tunnels().stream().anyMatch(Tunnel::isServer) ? "server" : "client") + " ends");

        StringBuilder secretLines = new StringBuilder();
        for (String identity : identities(topology, host)) {
            secretLines.append(PskStore.line(identity, secrets.psk(identity))).append('\n');
        }
        RenderedFile secretsFile = new RenderedFile(psk, secretLines.toString(), RenderedFile.Merge.WHOLE, 0600, true,
                "stunnel PSK secrets, one identity:secret a line");
        return List.of(config, secretsFile);
    }

    /** The PSK identities a host's stunnel must know: its own as a client, every client's as a server. */
    static Set<String> identities(Topology topology, Host host) {
        Set<String> ids = new LinkedHashSet<>();
        for (Tunnel t : host.tunnels()) {
            if (t.isClient()) ids.add(host.pskIdentity());
            else topology.clientsOf(t).forEach(c -> ids.add(topology.hostOf(c).pskIdentity()));
        }
        return ids;
    }

    /** "6478" as the tutorial writes it (all addresses / localhost), or "127.0.0.2:6478" in the lab. */
    private static String local(Host host, Optional<String> address, int port) {
        return address.filter(a -> !a.equals("localhost")).map(a -> a + ":" + port).orElse(Integer.toString(port));
    }
}
