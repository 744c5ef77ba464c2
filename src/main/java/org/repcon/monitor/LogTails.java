package org.repcon.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.repcon.probe.Info;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.Snapshot;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Topology;
import org.repcon.topology.Tunnel;
import org.repcon.transport.Transports;
import org.repcon.util.RepconException;

/**
 * Reads the recent log lines that can explain a problem: of replicas whose link is down or
 * syncing, and of their masters; of instances that are not running (why they exited). Healthy
 * instances cost nothing; a broken one (or one whose saves fail) costs one bounded tail per refresh.
 */
final class LogTails {

    static final int LINES = 200;

    private LogTails() {}

    static Map<InstanceRef, List<String>> read(Topology topology, Transports transports, Snapshot snapshot,
                                               Set<InstanceRef> alsoWanted) {
        Map<InstanceRef, List<String>> out = new LinkedHashMap<>();
        for (Instance replica : topology.instances().filter(Instance::isReplica).toList()) {
            boolean troubled = snapshot.instance(replica.ref()).filter(InstanceSample::ok).flatMap(InstanceSample::info)
                    .flatMap(Info::masterLink).map(l -> !l.up() || l.syncInProgress()).orElse(false);
            if (troubled) {
                tail(topology, transports, replica, out);
                topology.masterOf(replica).ifPresent(m -> tail(topology, transports, m, out));
            }
        }
        topology.instances().filter(i -> snapshot.instance(i.ref()).map(s -> s.status() == InstanceSample.Status.REFUSED)
                .orElse(false)).forEach(i -> tail(topology, transports, i, out));
        // One whose saves fail: its log says why (a missing directory, a full disk).
        topology.instances().filter(i -> snapshot.instance(i.ref()).flatMap(InstanceSample::info).map(Info::savesFail)
                .orElse(false)).forEach(i -> tail(topology, transports, i, out));
        for (InstanceRef ref : alsoWanted) topology.instance(ref).ifPresent(i -> tail(topology, transports, i, out));
        return out;
    }

    /**
     * By host: the stunnel log of each host with a failing tunnel end, and of the host serving a failing client end,
     * where the host writes one to a file (the lab; 'stunnel_log' set); syslog and the journal are not read.
     */
    static Map<String, List<String>> stunnels(Topology topology, Transports transports, Snapshot snapshot) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        topology.tunnels().filter(t -> snapshot.tunnel(t.ref()).map(s -> !s.ok() || (!s.server() && !s.reachesRedis()))
                .orElse(false)).forEach(t -> {
                    List<Tunnel> ends = new ArrayList<>(List.of(t));
                    topology.serverOf(t).ifPresent(ends::add);
                    if (t.isServer()) ends.addAll(topology.clientsOf(t).stream().limit(CLIENT_LOGS).toList());
                    ends.forEach(end -> stunnelTail(transports, topology.hostOf(end), out));
                });
        return out;
    }

    /** How many of a failing server end's client hosts have their stunnel log read: enough to show a pattern. */
    static final int CLIENT_LOGS = 2;

    private static void stunnelTail(Transports transports, Host host, Map<String, List<String>> out) {
        if (out.containsKey(host.name())) return;
        host.path(Convention.STUNNEL_LOG, "").ifPresent(log -> {
            try {
                out.put(host.name(), transports.of(host).tail(log, LINES));
            } catch (RepconException e) {
                out.put(host.name(), List.of());
            }
        });
    }

    private static void tail(Topology topology, Transports transports, Instance i, Map<InstanceRef, List<String>> out) {
        if (out.containsKey(i.ref())) return;
        Host host = topology.hostOf(i);
        try {
            out.put(i.ref(), transports.of(host).tail(host.instancePath(i, Convention.LOGFILE), LINES));
        } catch (RepconException e) {
            out.put(i.ref(), List.of()); // the host cannot be reached; the probe reports that
        }
    }
}
