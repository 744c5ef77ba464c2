package org.repcon.testing;

import java.nio.file.Path;
import org.repcon.topology.Kind;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;

/**
 * A master with two replicas of {@code bayes} (and a cache on two hosts) whose every instance answers
 * with a recorded healthy reply of one server version: the start of the pure diagnosis and view tests,
 * which then change one field or one probe result per case.
 */
public final class RecordedLab {

    private RecordedLab() {}

    public static final String HOSTS = """
              master:
                address: 127.0.0.2
                instances:
                  redis: { port: 6379 }
                  bayes: { port: 6378 }
                tunnels:
                  bayes: { accept: 6478, to: bayes }
              replica1:
                address: 127.0.0.3
                instances:
                  redis: { port: 6379 }
                  bayes: { port: 6378, replicaof: master/bayes }
                tunnels:
                  bayes: { accept: 6478, client: master/bayes }
            """ + TestTopology.bayesReplica("replica2", "127.0.0.4");

    public static Topology topology(String hosts) {
        return TopologyLoader.parse("name: unit\nplatform: lab\nroot: target/unit-lab\nhosts:\n" + hosts.stripIndent(),
                Path.of("unit.yaml"));
    }

    public static InfoText master(String version) {
        return InfoText.resource("recorded/" + version + "-master-healthy-info.txt");
    }

    /** A replica's recorded reply, pointed at its host's tunnel end as the topology has it. */
    public static InfoText replica(Topology t, String version, String host) {
        return InfoText.resource("recorded/" + version + "-replica-healthy-info.txt")
                .with("master_host", t.host(host).orElseThrow().loopback()).with("master_port", 6478);
    }

    public static InfoText cache(String version) {
        return master(version).with("connected_slaves", 0).without("slave0").without("slave1");
    }

    /** All instances answer as healthy recorded replies of {@code version}; all tunnels work. */
    public static Recorded healthy(String version) {
        return healthy(topology(HOSTS), version);
    }

    public static Recorded healthy(Topology t, String version) {
        Recorded r = new Recorded(t);
        t.instances().forEach(i -> r.instance(i.ref().toString(), i.isReplica() ? replica(t, version, i.host())
                : i.kind() == org.repcon.topology.Kind.CACHE ? cache(version) : master(version)));
        return r.tunnelsFine();
    }

    public static Recorded healthy() {
        return healthy("valkey-8.0.1");
    }

    /** A replica's recorded reply with its link down (Valkey 8.0.1's capture, master pointed at the tunnel). */
    public static InfoText replicaDown(String host) {
        return InfoText.resource("recorded/valkey-8.0.1-replica-link-down-info.txt")
                .with("master_host", topology(HOSTS).host(host).orElseThrow().loopback()).with("master_port", 6478);
    }
}
