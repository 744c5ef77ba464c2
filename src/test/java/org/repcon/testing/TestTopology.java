package org.repcon.testing;

import java.nio.file.Path;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;

/** Topologies written inline by tests, with the ports of the processes they started. */
public final class TestTopology {

    private TestTopology() {}

    /**
     * A lab topology (local hosts) from the YAML under {@code hosts:}, rooted in {@code dir}. Lab hosts need
     * distinct addresses; a test gives extra hosts {@code loopback: 127.0.0.1} so everything stays there.
     */
    public static Topology lab(Path dir, String hostsYaml) {
        String yaml = "name: test\nplatform: lab\nroot: " + dir + "\nhosts:\n" + hostsYaml.stripIndent();
        return TopologyLoader.parse(yaml, dir.resolve("topology.yaml"));
    }
}
