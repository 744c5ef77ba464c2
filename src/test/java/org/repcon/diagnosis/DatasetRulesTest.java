package org.repcon.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.probe.History;
import org.repcon.probe.Info;
import org.repcon.probe.InfoParser;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.Snapshot;
import org.repcon.testing.TestTopology;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Topology;

/**
 * The dataset rules over made-up INFO replies in the servers' own format (field names as in the captures of
 * /work/shared/fixtures): what each finding says, when it does not fire, and the fix it suggests.
 */
class DatasetRulesTest {

    private static final InstanceRef MASTER = new InstanceRef("master", "bayes");
    private static final InstanceRef REPLICA = new InstanceRef("replica", "bayes");
    private static final String OLD_RUN = "a".repeat(40);
    private static final String NEW_RUN = "b".repeat(40);
    private static final String OLD_REPLID = "c".repeat(40);
    private static final String NEW_REPLID = "d".repeat(40);
    private static final long NOW = 1_796_082_100_000L;

    @TempDir
    Path dir;

    private Topology topology;
    private History history;

    private List<Finding> diagnose(InstanceSample... samples) {
        if (topology == null) {
            topology = TestTopology.masterAndReplica(dir);
            history = new History(topology);
        }
        Map<InstanceRef, InstanceSample> map = new LinkedHashMap<>();
        long t = 0;
        for (InstanceSample s : samples) {
            map.put(s.instance(), s);
            t = s.timeMs();
        }
        Snapshot snapshot = new Snapshot(t, map, Map.of(), Duration.ofMillis(1));
        history.record(snapshot);
        return Diagnosis.run(new DiagnosisInput(topology, snapshot, history::view, Map.of(), Thresholds.defaults()));
    }

    private static Info master(String run, String replid, long offset, long keys, String persistence) {
        return InfoParser.parse("# Server\r\nrun_id:" + run + "\r\n# Persistence\r\nloading:0\r\n" + persistence
                + "# Replication\r\nrole:master\r\nconnected_slaves:1\r\nmaster_replid:" + replid + "\r\nmaster_repl_offset:"
                + offset + "\r\n" + keyspace(keys));
    }

    private static Info replica(String replid, long offset, boolean up, long keys) {
        return InfoParser.parse("# Server\r\nrun_id:" + "e".repeat(40) + "\r\n# Replication\r\nrole:slave\r\nmaster_host:127.0.0.3\r\n"
                + "master_port:6478\r\nmaster_link_status:" + (up ? "up" : "down") + "\r\nmaster_last_io_seconds_ago:1\r\n"
                + "master_sync_in_progress:0\r\nslave_read_only:1\r\nslave_repl_offset:" + offset
                + (up ? "" : "\r\nmaster_link_down_since_seconds:12") + "\r\nmaster_replid:" + replid + "\r\nmaster_repl_offset:"
                + offset + "\r\n" + keyspace(keys));
    }

    private static String keyspace(long keys) {
        return "# Keyspace\r\n" + (keys > 0 ? "db0:keys=" + keys + ",expires=0,avg_ttl=0\r\n" : "");
    }

    private static String saved(long changes, long lastSaveSecondsAgo) {
        return "rdb_changes_since_last_save:" + changes + "\r\nrdb_bgsave_in_progress:0\r\nrdb_last_save_time:"
                + (NOW / 1000 - lastSaveSecondsAgo) + "\r\nrdb_last_bgsave_status:ok\r\naof_enabled:0\r\n";
    }

    private static InstanceSample ok(InstanceRef ref, long t, Info info) {
        return InstanceSample.ok(ref, t, info, 100);
    }

    private static Optional<Finding> find(List<Finding> findings, Code code) {
        return findings.stream().filter(f -> f.code() == code).findFirst();
    }

    @Test
    void aMasterBackEmptyIsCriticalWhileItsReplicasHoldTheDataAndAfterTheyWereWiped() {
        assertThat(diagnose(ok(MASTER, NOW - 2000, master(OLD_RUN, OLD_REPLID, 9000, 500, saved(500, 60))),
                ok(REPLICA, NOW - 2000, replica(OLD_REPLID, 9000, true, 500)))).noneMatch(f -> f.code() == Code.MASTER_DATA_LOST);

        // Restarted empty (a new run id and replication id); the replica has not synced yet.
        List<Finding> before = diagnose(ok(MASTER, NOW - 1000, master(NEW_RUN, NEW_REPLID, 0, 0, saved(0, 1))),
                ok(REPLICA, NOW - 1000, replica(OLD_REPLID, 9000, false, 500)));
        Finding copy = find(before, Code.MASTER_DATA_LOST).orElseThrow();
        assertThat(copy.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(copy.summary()).isEqualTo("master/bayes holds no keys since its restart (it had 500) while replica/bayes holds"
                + " 500 keys: the replicas will copy the empty dataset at their next full sync");
        assertThat(copy.action()).isEqualTo("restore master/bayes from replica/bayes");
        assertThat(copy.evidence()).contains("before its restart: run_id:" + OLD_RUN + ", 500 keys",
                "replica/bayes holds 500 keys (master_link_status:down)");

        // It synced: wiped.
        List<Finding> after = diagnose(ok(MASTER, NOW, master(NEW_RUN, NEW_REPLID, 14, 0, saved(0, 1))),
                ok(REPLICA, NOW, replica(NEW_REPLID, 14, true, 0)));
        Finding wiped = find(after, Code.MASTER_DATA_LOST).orElseThrow();
        assertThat(wiped.summary()).isEqualTo("master/bayes came back with 0 keys (it had 500): replicas wiped (replica/bayes)");
        assertThat(wiped.action()).isEmpty();
        assertThat(wiped.evidence()).contains("replica/bayes: 500 -> 0 keys");
    }

    @Test
    void aMasterWithReplicasThatSavesNothingIsAWarning() {
        Info unsaved = master(OLD_RUN, OLD_REPLID, 100, 500, saved(25, 7200));
        Finding f = find(diagnose(ok(MASTER, NOW, unsaved), ok(REPLICA, NOW, replica(OLD_REPLID, 100, true, 500))),
                Code.MASTER_WITHOUT_PERSISTENCE).orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.summary()).isEqualTo("master/bayes has replicas but saves nothing: no AOF, and 25 changes unsaved for 120 min;"
                + " restarted, it would come back without them and its replicas would copy that");
        assertThat(f.evidence()).contains("aof_enabled:0", "rdb_changes_since_last_save:25");
    }

    @Test
    void aMasterThatSavedWithinTheHourOrHasAnAofIsFine() {
        assertThat(diagnose(ok(MASTER, NOW, master(OLD_RUN, OLD_REPLID, 100, 500, saved(25, 600))),
                ok(REPLICA, NOW, replica(OLD_REPLID, 100, true, 500)))).noneMatch(f -> f.code() == Code.MASTER_WITHOUT_PERSISTENCE);
        String aof = saved(25, 7200).replace("aof_enabled:0", "aof_enabled:1");
        assertThat(diagnose(ok(MASTER, NOW + 1000, master(OLD_RUN, OLD_REPLID, 100, 500, aof)),
                ok(REPLICA, NOW + 1000, replica(OLD_REPLID, 100, true, 500)))).noneMatch(f -> f.code() == Code.MASTER_WITHOUT_PERSISTENCE);
    }

    @Test
    void aReplicaInStepWithMoreKeysThanItsMasterWasWrittenTo() {
        Finding f = find(diagnose(ok(MASTER, NOW, master(OLD_RUN, OLD_REPLID, 100, 500, saved(0, 60))),
                ok(REPLICA, NOW, replica(OLD_REPLID, 100, true, 520))), Code.REPLICA_DIVERGED).orElseThrow();
        assertThat(f.subject().key()).isEqualTo("replica/bayes");
        assertThat(f.summary()).isEqualTo("replica/bayes holds 20 keys its master master/bayes does not have, at the same offset:"
                + " writes landed on the replica");
        // Not what master-data-lost is about: the replica is in step with this master.
        assertThat(diagnose(ok(MASTER, NOW + 1000, master(OLD_RUN, OLD_REPLID, 100, 500, saved(0, 60))),
                ok(REPLICA, NOW + 1000, replica(OLD_REPLID, 100, true, 520)))).noneMatch(x -> x.code() == Code.MASTER_DATA_LOST);
        // A few keys more (expiry races) or a replica still behind: nothing.
        assertThat(diagnose(ok(MASTER, NOW + 2000, master(OLD_RUN, OLD_REPLID, 100, 500, saved(0, 60))),
                ok(REPLICA, NOW + 2000, replica(OLD_REPLID, 100, true, 505)))).noneMatch(x -> x.code() == Code.REPLICA_DIVERGED);
        assertThat(diagnose(ok(MASTER, NOW + 3000, master(OLD_RUN, OLD_REPLID, 200, 500, saved(0, 60))),
                ok(REPLICA, NOW + 3000, replica(OLD_REPLID, 100, true, 520)))).noneMatch(x -> x.code() == Code.REPLICA_DIVERGED);
    }

    @Test
    void theFixForADownMasterIsRestoreUnlessItsDataWasSavedOrTheReplicasHoldNone() {
        InstanceSample down = InstanceSample.failed(MASTER, NOW, InstanceSample.Status.REFUSED, "connection refused");
        // Never seen answering (a one-shot check), replica holds data: restore.
        assertThat(find(diagnose(down, ok(REPLICA, NOW, replica(OLD_REPLID, 100, false, 500))), Code.INSTANCE_DOWN)
                .orElseThrow().action()).isEqualTo("restore master/bayes from replica/bayes");
        topology = null;
        // Last seen with nothing unsaved: its RDB is current; start (still guarded when it runs).
        diagnose(ok(MASTER, NOW - 1000, master(OLD_RUN, OLD_REPLID, 100, 500, saved(0, 60))),
                ok(REPLICA, NOW - 1000, replica(OLD_REPLID, 100, true, 500)));
        assertThat(find(diagnose(down, ok(REPLICA, NOW, replica(OLD_REPLID, 100, false, 500))), Code.INSTANCE_DOWN)
                .orElseThrow().action()).isEqualTo("start master/bayes");
        topology = null;
        // The replicas hold nothing: nothing to restore from.
        assertThat(find(diagnose(down, ok(REPLICA, NOW, replica(OLD_REPLID, 100, false, 0))), Code.INSTANCE_DOWN)
                .orElseThrow().action()).isEqualTo("start master/bayes");
    }
}
