package org.repcon.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.testing.InfoText;
import org.repcon.testing.Recorded;
import org.repcon.testing.RecordedLab;
import org.repcon.topology.Topology;

/**
 * version-mismatch across servers, on real captures: a replica may not read the RDB of a master that speaks a newer
 * Redis; Valkey tells which Redis it speaks by its pinned redis_version (7.2.4), its own version by valkey_version.
 */
class ServerVersionsTest {

    private static final Topology TOPOLOGY = RecordedLab.topology(RecordedLab.HOSTS);

    /** Every instance healthy on {@code masterVersion}'s captures, replica1/bayes on {@code replicaVersion}'s. */
    private static Recorded deployment(String masterVersion, String replicaVersion) {
        return deployment(masterVersion, replica(replicaVersion));
    }

    private static Recorded deployment(String masterVersion, InfoText replica1) {
        Recorded r = new Recorded(TOPOLOGY);
        InfoText master = InfoText.resource("fixtures/" + masterVersion + "/master-healthy-info.txt");
        r.instance("master/bayes", master);
        r.instance("master/redis", master.with("connected_slaves", 0).without("slave0").without("slave1"));
        r.instance("replica1/redis", master.with("connected_slaves", 0).without("slave0").without("slave1"));
        r.instance("replica2/bayes", replica(masterVersion).with("master_host", "127.0.0.4"));
        r.instance("replica1/bayes", replica1);
        return r.tunnelsFine();
    }

    private static InfoText replica(String version) {
        return InfoText.resource("fixtures/" + version + "/replica-healthy-info.txt").with("master_host", "127.0.0.3")
                .with("master_port", 6478);
    }

    private static List<Finding> mismatches(Recorded r) {
        List<Finding> all = r.findings();
        assertThat(all).allMatch(f -> f.code() == Code.VERSION_MISMATCH, "only version findings");
        return all;
    }

    @Test
    void aRedis70ReplicaOfAValkey8MasterIsTooOldForItsRdb() {
        List<Finding> found = mismatches(deployment("valkey-8.0.1", "redis-7.0.15"));
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.subject().key()).isEqualTo("replica1/bayes");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.summary()).isEqualTo("replica replica1/bayes runs redis 7.0.15, older than its master's valkey 8.0.1"
                + " (Redis-compatible 7.0.15 < 7.2.4)");
        assertThat(f.evidence()).containsExactly("replica replica1/bayes: redis 7.0.15 (redis_version:7.0.15)",
                "master master/bayes: valkey 8.0.1 (server_name:valkey valkey_version:8.0.1 redis_version:7.2.4)");
    }

    @Test
    void aValkey8ReplicaOfARedis74MasterIsTooOldThoughItsOwnVersionIsHigher() {
        List<Finding> found = mismatches(deployment("redis-7.4.1", "valkey-8.0.1"));
        assertThat(found).extracting(Finding::summary).containsExactly("replica replica1/bayes runs valkey 8.0.1, older than"
                + " its master's redis 7.4.1 (Redis-compatible 7.2.4 < 7.4.1)");
    }

    @Test
    void newerReplicasAcrossServersAreFine() {
        assertThat(mismatches(deployment("valkey-8.0.1", "redis-7.4.1"))).isEmpty();
        assertThat(mismatches(deployment("valkey-8.0.1", "redis-8.0-m01"))).isEmpty();
        assertThat(mismatches(deployment("redis-7.0.15", "valkey-8.0.1"))).isEmpty();
        assertThat(mismatches(deployment("redis-7.4.1", "redis-8.0-m01"))).isEmpty();
    }

    @Test
    void twoValkeysCompareTheirOwnVersionsNotThePinnedOne() {
        InfoText older = replica("valkey-8.0.1").with("valkey_version", "7.2.5");
        List<Finding> found = mismatches(deployment("valkey-8.0.1", older));
        assertThat(found).extracting(Finding::summary)
                .containsExactly("replica replica1/bayes runs valkey 7.2.5, older than its master's valkey 8.0.1");
        assertThat(mismatches(deployment("valkey-8.0.1", replica("valkey-8.0.1").with("valkey_version", "8.0.2")))).isEmpty();
    }

    @Test
    void aRedis80MilestoneIsNewerThan74ByItsReportedVersion() {
        // Redis 8.0-M01 says redis_version:7.9.224: older than nothing in 7.x, and a "major >= 8" test would miss it.
        List<Finding> found = mismatches(deployment("redis-8.0-m01", "redis-7.4.1"));
        assertThat(found).extracting(Finding::summary)
                .containsExactly("replica replica1/bayes runs redis 7.4.1, older than its master's redis 7.9.224");
    }
}
