package org.repcon.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.TunnelSample;
import org.repcon.topology.Instance;
import org.repcon.topology.Tunnel;

/**
 * The tunnels, probed directly: a refused local end, a dead master end, a PING that dies in the TLS
 * leg, a hop that hangs. This is how a broken hop shows in a second instead of after repl-timeout.
 */
final class TunnelRules {

    private TunnelRules() {}

    static void apply(Facts f, Findings out) {
        for (Tunnel t : f.topology.tunnels().toList()) {
            f.tunnel(t).ifPresent(sample -> {
                if (t.isServer()) server(f, t, sample, out);
                else if (!sharedFault(f, t)) client(f, t, sample, out);
            });
        }
    }

    /**
     * Whether every client end that leads to this one's server end fails the same way, with its master answering:
     * then the fault is the shared hop, the master host's stunnel (a frozen stunnel's port is still accepted by the
     * kernel, so its own connect probe passes), and the finding belongs there, not on each replica.
     */
    private static boolean sharedFault(Facts f, Tunnel client) {
        return f.topology.serverOf(client).filter(server -> f.tunnel(server).map(TunnelSample::ok).orElse(false))
                .map(server -> commonFailure(f, server).isPresent()).orElse(false);
    }

    /** The one way all of a server end's client ends (two at least) fail while its master answers; empty otherwise. */
    private static Optional<TunnelSample.Ping> commonFailure(Facts f, Tunnel server) {
        List<Tunnel> clients = f.topology.clientsOf(server);
        if (clients.size() < 2 || !f.topology.destinationOf(server).map(m -> f.status(m, InstanceSample.Status.OK)).orElse(false)) {
            return Optional.empty();
        }
        List<TunnelSample.Ping> failures = clients.stream().map(c -> f.tunnel(c)
                .filter(s -> s.connect() == TunnelSample.Connect.OK && !s.reachesRedis()).map(TunnelSample::ping)
                .orElse(null)).distinct().toList();
        return failures.size() == 1 && failures.get(0) != null ? Optional.of(failures.get(0)) : Optional.empty();
    }

    private static void server(Facts f, Tunnel t, TunnelSample sample, Findings out) {
        List<String> evidence = evidence(f, t, sample);
        // A refused or hung server end is its own finding below; one that accepts may still pass nothing on.
        Optional<TunnelSample.Ping> shared = sample.ok() ? commonFailure(f, t) : Optional.empty();
        if (shared.isPresent()) {
            f.topology.clientsOf(t).forEach(c -> f.tunnel(c).ifPresent(s -> evidence.add(Subject.of(c).key() + ": " + s.summary())));
            boolean hung = shared.get() == TunnelSample.Ping.TIMEOUT;
            out.add(hung ? Code.TUNNEL_HUNG : Code.REMOTE_LEG_DOWN, Severity.CRITICAL, Subject.of(t), "stunnel on " + t.host()
                    + " :" + t.accept() + (hung ? " takes connections but passes nothing on" : " drops every connection")
                    + ": every replica behind it is cut off", Suggestion.restart(Subject.of(t).key()), evidence);
            return;
        }
        if (sample.connect() == TunnelSample.Connect.REFUSED) {
            out.add(Code.SERVER_TUNNEL_DOWN, Severity.CRITICAL, Subject.of(t), "stunnel on " + t.host()
                    + " does not accept on :" + t.accept() + "; every replica behind it is cut off",
                    Suggestion.start(Subject.of(t).key()), evidence);
        } else if (sample.connect() == TunnelSample.Connect.TIMEOUT) {
            out.add(Code.TUNNEL_HUNG, Severity.CRITICAL, Subject.of(t), "stunnel on " + t.host() + " :" + t.accept()
                    + " does not complete connections", Suggestion.restart(Subject.of(t).key()), evidence);
        }
    }

    private static void client(Facts f, Tunnel t, TunnelSample sample, Findings out) {
        List<String> evidence = evidence(f, t, sample);
        Subject s = Subject.of(t);
        if (sample.connect() == TunnelSample.Connect.REFUSED) {
            out.add(Code.LOCAL_TUNNEL_DOWN, Severity.CRITICAL, s, "the local tunnel end " + t.host() + " :" + t.accept()
                    + " is down (stunnel not running on " + t.host() + ")", Suggestion.start(s.key()), evidence);
            return;
        }
        if (sample.connect() == TunnelSample.Connect.TIMEOUT) {
            // On loopback a connect only times out when nobody takes the connections: a frozen stunnel's backlog is full.
            out.add(Code.TUNNEL_HUNG, Severity.CRITICAL, s, "the local tunnel end " + t.host() + " :" + t.accept()
                    + " does not complete connections (stunnel on " + t.host() + " hangs)", Suggestion.restart(s.key()), evidence);
            return;
        }
        if (sample.connect() != TunnelSample.Connect.OK || sample.reachesRedis()) return;
        Optional<Instance> master = f.topology.destinationOf(t);
        Optional<Tunnel> server = f.topology.serverOf(t);
        boolean masterDown = master.map(m -> f.status(m, InstanceSample.Status.REFUSED)).orElse(false);
        boolean masterHung = master.map(m -> f.status(m, InstanceSample.Status.TIMEOUT)).orElse(false);
        boolean serverDown = server.flatMap(f::tunnel).map(x -> x.connect() == TunnelSample.Connect.REFUSED).orElse(false);
        if (masterDown || masterHung || serverDown) return; // the master's own finding says it, with this as evidence
        if (sample.timedOut()) {
            out.add(Code.TUNNEL_HUNG, Severity.CRITICAL, s, "a PING through " + t.host() + " :" + t.accept()
                    + " gets no answer: stunnel here or at the master hangs", Suggestion.restart(s.key()), evidence);
        } else {
            out.add(Code.REMOTE_LEG_DOWN, Severity.CRITICAL, s, "the tunnel " + s.key() + " accepts but the leg to "
                    + server.map(x -> x.host()).orElse("the master") + " fails", null, withPskHint(evidence));
        }
    }

    private static List<String> evidence(Facts f, Tunnel t, TunnelSample sample) {
        List<String> evidence = new ArrayList<>();
        evidence.add(sample.summary());
        for (Instance replica : f.topology.instances().filter(i -> f.topology.replicationTunnel(i).filter(t::equals).isPresent()).toList()) {
            f.info(replica).flatMap(org.repcon.probe.Info::masterLink).ifPresent(link ->
                    evidence.add(replica.ref() + ": master_link_status:" + (link.up() ? "up" : "down")));
            evidence.addAll(LogPatterns.lastFew(LogPatterns.standing(f.log(replica), LogPatterns.Meaning.LOCAL_TUNNEL_REFUSED,
                    LogPatterns.Meaning.MASTER_NO_RESPONSE, LogPatterns.Meaning.MASTER_CONNECT_TIMEOUT,
                    LogPatterns.Meaning.LINK_SILENT), 2));
        }
        if (t.isServer()) {
            f.topology.clientsOf(t).forEach(c -> evidence.add("used by " + Subject.of(c).key()));
        }
        stunnelSays(f, t, evidence);
        f.topology.serverOf(t).ifPresent(server -> stunnelSays(f, server, evidence));
        if (t.isServer()) f.topology.clientsOf(t).forEach(client -> stunnelSays(f, client, evidence));
        return evidence;
    }

    /** The errors the tunnel's own stunnel logged ("s_connect: connect ...: Connection refused", a PSK refused). */
    private static void stunnelSays(Facts f, Tunnel t, List<String> evidence) {
        OptionalInt connectPort = t.isServer() ? f.topology.destinationOf(t).map(i -> OptionalInt.of(i.port())).orElse(OptionalInt.empty())
                : f.topology.serverOf(t).map(s -> OptionalInt.of(s.accept())).orElse(OptionalInt.empty());
        if (connectPort.isEmpty()) return;
        StunnelLog.errors(f.in.stunnelLog(t.host()), connectPort.getAsInt(), 2)
                .forEach(line -> evidence.add(t.host() + " stunnel: " + line));
    }

    private static List<String> withPskHint(List<String> evidence) {
        List<String> out = new ArrayList<>(evidence);
        out.add("the master's instance and stunnel answer from here: compare the PSK identity and secret on both ends");
        return out;
    }
}
