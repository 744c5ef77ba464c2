package org.repcon.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.testing.InfoText;
import org.repcon.testing.Recorded;
import org.repcon.testing.RecordedLab;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;

/**
 * server-mismatch on real captures: a host whose topology says {@code server: valkey} answering as Redis, and the
 * reverse; a topology that does not say takes Redis without a word, whatever answers.
 */
class ServerMismatchTest {

    private static Topology topology(String top, String hosts) {
        return TopologyLoader.parse("name: unit\nplatform: lab\nroot: target/unit-lab\n" + top + "hosts:\n" + hosts.stripIndent(),
                Path.of("unit.yaml"));
    }

    private static InfoText capture(String version, String file) {
        return InfoText.resource("fixtures/" + version + "/" + file);
    }

    private static List<Finding> mismatches(Recorded r) {
        return r.findings().stream().filter(f -> f.code() == Code.SERVER_MISMATCH).toList();
    }

    @Test
    void aValkeyTopologyAnsweredByValkeyIsQuiet() {
        Topology valkey = topology("server: valkey\n", RecordedLab.HOSTS);
        assertThat(RecordedLab.healthy(valkey, "valkey-8.0.1").findings()).isEmpty();
    }

    @Test
    void aHostSayingValkeyWhoseReplicaAnswersAsRedis() {
        Topology valkey = topology("server: valkey\n", RecordedLab.HOSTS);
        Recorded r = RecordedLab.healthy(valkey, "valkey-8.0.1");
        r.instance("replica2/bayes", capture("redis-7.4.1", "replica-healthy-info.txt").with("master_host", "127.0.0.4")
                .with("master_port", 6478));
        List<Finding> found = mismatches(r);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.subject().key()).isEqualTo("replica2/bayes");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.summary()).isEqualTo("replica2/bayes answers as redis, its host replica2 says server: valkey");
        assertThat(f.evidence()).containsExactly("replica2/bayes: redis 7.4.1 (redis_version:7.4.1)",
                "topology: host replica2: server: valkey");
    }

    @Test
    void theReverseAHostSayingRedisAnswersAsValkeyAndAHostThatDoesNotSayIsNotJudged() {
        // master says server: redis (its own key); replica1 and replica2 say nothing. Every instance answers as Valkey.
        Topology mixed = topology("", RecordedLab.HOSTS.replace("address: 127.0.0.2\n", "address: 127.0.0.2\n    server: redis\n"));
        assertThat(mixed.host("master").orElseThrow().declaredServer()).isPresent();
        Recorded r = RecordedLab.healthy(mixed, "valkey-8.0.1");
        assertThat(mismatches(r)).extracting(f -> f.subject().key()).containsExactlyInAnyOrder("master/bayes", "master/redis");
        assertThat(mismatches(r)).extracting(Finding::evidence).first().asList()
                .contains("topology: host master: server: redis")
                .anySatisfy(e -> assertThat((String) e).contains("valkey 8.0.1 (server_name:valkey valkey_version:8.0.1"));
        assertThat(r.findings()).allMatch(f -> f.code() == Code.SERVER_MISMATCH);
    }

    @Test
    void everyCapturedServerMatchesItsOwnNameAndNotTheOther() {
        for (String version : List.of("redis-7.0.15", "redis-7.4.1", "redis-8.0-m01", "valkey-8.0.1")) {
            String own = version.substring(0, version.indexOf('-'));
            for (String said : List.of("redis", "valkey")) {
                Recorded r = RecordedLab.healthy(topology("server: " + said + "\n", RecordedLab.HOSTS), "valkey-8.0.1");
                r.instance("master/bayes", capture(version, "master-healthy-info.txt"));
                List<String> flagged = mismatches(r).stream().map(f -> f.subject().key()).toList();
                if (said.equals(own)) assertThat(flagged).as(version + " under server: " + said).doesNotContain("master/bayes");
                else assertThat(flagged).as(version + " under server: " + said).contains("master/bayes");
            }
        }
    }
}
