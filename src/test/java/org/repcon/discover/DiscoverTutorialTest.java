package org.repcon.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.cli.CliRunner;
import org.repcon.testing.TestTopologies;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Kind;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;

/** A FreeBSD deployment set up by hand from the tutorial's text: discover gives the tutorial's topology. */
class DiscoverTutorialTest {

    @Test
    void givesTheTutorialsTopology(@TempDir Path dir) throws Exception {
        Path hosts = dir.resolve("hosts");
        String secret = TutorialLayout.write(hosts);
        Path found = dir.resolve("prod.yaml");
        CliRunner.Result r = CliRunner.run("discover", "--name", "rspamd-stats", "--root", hosts.toString(), "--out", found.toString(),
                "master=local", "replica=local");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("wrote " + found + " (2 hosts, 6 instances, 4 tunnels)\n");

        String text = Files.readString(found);
        assertThat(text).doesNotContain(secret).doesNotContain(hosts.toString() + "/master/usr");
        assertThat(text).contains("platform: freebsd", "# kind bayes, from local.d/classifier-bayes.conf:2",
                "# kind fuzzy, from override.d/worker-fuzzy.inc:2",
                "# replicaof localhost 6478 (/usr/local/etc/redis-bayes.conf:10): through stunnel [bayes] to master/bayes",
                "# address master.example.com: what replica's stunnel client [bayes] connects to (/usr/local/etc/stunnel/stunnel.conf:6)",
                "other directive(s) of the stock /usr/local/etc/redis.conf are the system's: left to it");

        Topology topology = TopologyLoader.load(found);
        Topology tutorial = TopologyLoader.load(TestTopologies.sample("rspamd-freebsd.yaml"));
        assertThat(topology.name()).isEqualTo(tutorial.name());
        assertThat(topology.counts()).isEqualTo(tutorial.counts());
        assertThat(topology.commonMaxmemory()).isEqualTo(tutorial.commonMaxmemory());
        for (var i : tutorial.instances().toList()) {
            var d = topology.instance(i.ref()).orElseThrow();
            assertThat(d.port()).as(i.ref().toString()).isEqualTo(i.port());
            assertThat(d.kind()).as(i.ref().toString()).isEqualTo(i.kind());
            assertThat(d.maxmemory()).as(i.ref().toString()).isEqualTo(i.maxmemory());
            assertThat(d.replicaof()).as(i.ref().toString()).isEqualTo(i.replicaof());
            assertThat(d.paths()).as(i.ref().toString()).isEmpty();
        }
        for (var t : tutorial.tunnels().toList()) {
            var d = topology.tunnel(t.ref()).orElseThrow();
            assertThat(d.accept()).isEqualTo(t.accept());
            assertThat(d.to()).isEqualTo(t.to());
            assertThat(d.client()).isEqualTo(t.client());
        }
        assertThat(topology.instance(new InstanceRef("replica", "bayes")).orElseThrow().kind()).isEqualTo(Kind.BAYES);
        assertThat(topology.host("master").orElseThrow().address()).contains("master.example.com");
        // What repcon would write from it is what the tutorial's topology gives, host by host, secrets aside.
        assertThat(Renders.of(topology)).containsExactlyEntriesOf(Renders.of(tutorial));
    }
}
