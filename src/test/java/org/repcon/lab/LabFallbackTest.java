package org.repcon.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.testing.Await;
import org.repcon.testing.TestLab;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.TopologyLoader;

/**
 * A machine without redis-server or stunnel, rehearsed where they are installed: the Redis build from
 * Maven Central and plain relays (named as such) still give a replicating lab, and down stops it all.
 */
class LabFallbackTest {

    @Test
    void mavenRedisAndPlainRelaysReplicateAndAreNamedAsSuch(@TempDir Path dir) {
        Lab lab = new Lab(LabTopology.of(TopologyLoader.load(TestLab.file(27, dir)), Optional.empty()),
                new LabBinaries.Choice(true, true));
        try {
            StringWriter out = new StringWriter();
            assertThat(lab.up(new PrintWriter(out))).as(out.toString()).isTrue();
            assertThat(out.toString()).contains("the build from Maven Central", "tunnels: relay, NO TLS (plain TCP relays: REPCON_LAB_TUNNELS=relay)");
            assertThat(lab.processes()).filteredOn(p -> p.type() == LabProcess.Type.RELAY).hasSize(3);
            var replica = lab.topology().instance(new InstanceRef("replica1", "bayes")).orElseThrow();
            assertThat(lab.infoField(replica, "server", "redis_version")).startsWith("6.2.");
            try (var master = Lab.jedis(lab.topology().host("master").orElseThrow(), 6378);
                 var r = Lab.jedis(lab.topology().hostOf(replica), replica.port())) {
                master.set("through-the-relay", "yes");
                Await.until("the key replicated through the relay", Duration.ofSeconds(10), () -> "yes".equals(r.get("through-the-relay")));
            }
            // Status from a command without REPCON_LAB_TUNNELS: the lab runs relays, so it says relays.
            Lab later = new Lab(lab.topology(), new LabBinaries.Choice(true, false));
            StringWriter status = new StringWriter();
            later.summary(new PrintWriter(status));
            assertThat(status.toString()).contains("tunnels: relay, NO TLS (plain TCP relays: as the lab was started)")
                    .doesNotContain("stunnel");
            assertThat(Lab.tunnels(lab.topology())).isEqualTo(org.repcon.topology.TunnelKind.RELAY);
        } finally {
            // Down from such a command too: it finds and stops the relays, and names them as such.
            Lab later = new Lab(lab.topology(), new LabBinaries.Choice(true, false));
            assertThat(later.down()).hasSize(12).extracting(LabProcess::label)
                    .contains("master relay, NO TLS", "replica1 relay, NO TLS").noneMatch(l -> l.contains("stunnel"));
        }
        assertThat(lab.processes()).isNotEmpty().allMatch(p -> lab.pid(p).isEmpty());
    }
}
