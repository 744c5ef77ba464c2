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
                  replica:
                    address: 127.0.0.3
                    instances:
                      bayes: { port: 6378, replicaof: master/bayes }
                    tunnels:
                      bayes: { accept: 6478, client: master/bayes }
                """);
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
