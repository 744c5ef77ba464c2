package org.repcon.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repcon.diagnosis.DiagnosisRulesTest.only;
import static org.repcon.testing.RecordedLab.healthy;
import static org.repcon.testing.RecordedLab.replica;
import static org.repcon.testing.RecordedLab.topology;
import static org.repcon.testing.RecordedLab.HOSTS;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rspamd's own files on each host against the topology (recorded lab: replica1's bayes tunnel accepts on 6478). */
class RoutingRulesTest {

    private static final String TUTORIAL_REPLICA = "backend = \"redis\";\nread_servers = \"localhost:6378\";\n"
            + "write_servers = \"localhost:6478\";\n";

    @Test
    void theTutorialsRoutingIsNoFinding() {
        assertThat(healthy().rspamdFiles("replica1", Map.of("local.d/classifier-bayes.conf", TUTORIAL_REPLICA))
                .rspamdFiles("master", Map.of("local.d/classifier-bayes.conf", "servers = \"localhost:6378\";\n"))
                .findings()).isEmpty();
    }

    @Test
    void aReplicaHostWritingToItsReplicaIsCriticalWithTheFileAndLine() {
        var r = healthy().instance("replica1/bayes", replica(topology(HOSTS), "valkey-8.0.1", "replica1")
                        .with("errorstat_READONLY", "count=12"))
                .rspamdFiles("replica1", Map.of("local.d/classifier-bayes.conf", TUTORIAL_REPLICA,
                        "override.d/classifier-bayes.conf", "# someone's quick fix\nwrite_servers = \"localhost:6378\";\n"));
        Finding f = only(r.findings(), Code.RSPAMD_MISROUTED, "replica1/bayes");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.summary()).isEqualTo("learning fails: Rspamd on replica1 routes its Bayes classifier elsewhere than"
                + " replica1/bayes: it writes to the replica");
        assertThat(f.evidence()).containsExactly("override.d/classifier-bayes.conf:2: write_servers localhost:6378: learning goes"
                + " to port 6378, not the tunnel to master/bayes (6478)", "errorstat_READONLY:count=12");
    }

    @Test
    void aReplicaHostReadingThroughTheTunnelAndAMasterWritingElsewhereAreWarnings() {
        var r = healthy().rspamdFiles("replica1", Map.of("local.d/classifier-bayes.conf", "servers = \"localhost:6478\";\n"))
                .rspamdFiles("master", Map.of("local.d/classifier-bayes.conf", "servers = \"localhost:6390\";\n"));
        assertThat(r.findings()).extracting(f -> f.code() + " " + f.subject().key() + " " + f.severity())
                .containsExactlyInAnyOrder("rspamd-misrouted replica1/bayes WARNING", "rspamd-misrouted master/bayes WARNING");
        assertThat(r.findings()).flatExtracting(Finding::evidence).contains(
                "local.d/classifier-bayes.conf:1: servers localhost:6478: classification reads port 6478, not the local instance"
                        + " replica1/bayes (6378)",
                "local.d/classifier-bayes.conf:1: servers localhost:6390: learning goes to port 6390, not the local instance"
                        + " master/bayes (6378)");
    }
}
