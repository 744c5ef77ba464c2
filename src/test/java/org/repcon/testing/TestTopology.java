package org.repcon.testing;

import java.nio.file.Path;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;

/** Topologies written inline by tests, with the ports of the processes they started. */
public final class TestTopology {

    private TestTopology() {}

    /** The smallest replication: master/bayes (127.0.0.2) and replica/bayes (127.0.0.3) through the tunnel "bayes". */
    public static Topology masterAndReplica(Path dir) {
        return lab(dir, """
                  master:
                    address: 127.0.0.2
                    instances:
                      bayes: { port: 6378 }
                    tunnels:
                      bayes: { accept: 6478, to: bayes }
                """ + bayesReplica("replica", "127.0.0.3"));
    }

    /** A host (YAML under {@code hosts:}) with a replica of master/bayes on port 6378, through its tunnel end on 6478. */
    public static String bayesReplica(String host, String address) {
        return """
                  %s:
                    address: %s
                    instances:
                      bayes: { port: 6378, replicaof: master/bayes }
                    tunnels:
                      bayes: { accept: 6478, client: master/bayes }
                """.formatted(host, address);
    }

    /**
     * A lab topology (local hosts) from the YAML under {@code hosts:}, rooted in {@code dir}. Lab hosts need
     * distinct addresses; a test gives extra hosts {@code loopback: 127.0.0.1} so everything stays there.
     */
    public static Topology lab(Path dir, String hostsYaml) {
        String yaml = "name: test\nplatform: lab\nroot: " + dir + "\nhosts:\n" + hostsYaml.stripIndent();
        return TopologyLoader.parse(yaml, dir.resolve("topology.yaml"));
    }
}
