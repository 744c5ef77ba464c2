package org.repcon.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repcon.diagnosis.DiagnosisRulesTest.only;
import static org.repcon.testing.RecordedLab.healthy;
import static org.repcon.testing.RecordedLab.master;
import static org.repcon.testing.RecordedLab.replica;
import static org.repcon.testing.RecordedLab.replicaDown;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.repcon.probe.InstanceSample.Status;
import org.repcon.testing.InfoText;
import org.repcon.testing.Recorded;
import org.repcon.testing.RecordedLab;

/**
 * The refusals Rspamd meets while INFO looks healthy, on recorded replies: an errorstat counter that rises within the
 * window is a finding that says what fails for Rspamd; one that stands still (errors of the past) is none.
 */
class RefusalRulesTest {

    private static final String V = "valkey-8.0.1";

    @Test
    void noreplicasRisingOnTheMasterMeansLearningFails() {
        Recorded r = healthy().instance("master/bayes", master(V).with("errorstat_NOREPLICAS", "count=1")
                .with("min_slaves_good_slaves", 2));
        assertThat(r.findings()).as("a count from the past is no refusal now").isEmpty();
        r.refresh(Duration.ofSeconds(10));
        r.instance("master/bayes", master(V).with("errorstat_NOREPLICAS", "count=13").with("min_slaves_good_slaves", 2));
        Finding f = only(r.findings(), Code.WRITES_REFUSED, "master/bayes");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.summary()).isEqualTo("learning fails: master/bayes refuses writes (fewer good replicas than"
                + " min-replicas-to-write)");
        assertThat(f.evidence()).contains("errorstat_NOREPLICAS rose by 12 in the last 2 min (count=13)",
                "min_slaves_good_slaves:2");
        // The topology says nothing of min-replicas-to-write: back to Redis's 0, which two good replicas meet.
        assertThat(f.action()).isEqualTo("set master/bayes min-replicas-to-write 0");
        // Once the rise is older than the window, it no longer counts.
        r.refresh(Duration.ofMinutes(3));
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void misconfRisingNamesTheFailedSave() {
        Recorded r = healthy();
        r.refresh(Duration.ofSeconds(10));
        r.instance("master/bayes", master(V).with("errorstat_MISCONF", "count=4"));
        Finding f = DiagnosisRulesTest.find(r.findings(), Code.WRITES_REFUSED, "master/bayes").orElseThrow();
        assertThat(f.summary()).contains("its last background save failed");
        assertThat(f.evidence()).contains("errorstat_MISCONF rose by 4 in the last 2 min (count=4)");
    }

    @Test
    void anOomIsLeftToMasterFullWhichHasTheMemoryFigures() {
        Recorded r = healthy().instance("master/bayes", fullMaster(1));
        r.refresh(Duration.ofSeconds(10));
        r.instance("master/bayes", fullMaster(9));
        assertThat(r.findings()).extracting(Finding::code).containsExactly(Code.MASTER_FULL);
    }

    @Test
    void readonlyRisingOnAReplicaMeansSomethingWritesToIt() {
        Recorded r = healthy();
        r.refresh(Duration.ofSeconds(10));
        r.instance("replica1/bayes", replica(RecordedLab.topology(RecordedLab.HOSTS), V, "replica1")
                .with("errorstat_READONLY", "count=7"));
        Finding f = only(r.findings(), Code.WRITES_TO_REPLICA, "replica1/bayes");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.evidence()).contains("errorstat_READONLY rose by 7 in the last 2 min (count=7)");
    }

    @Test
    void masterdownRisingOnAReplicaWithItsLinkDownMeansClassificationFails() {
        Recorded r = healthy().instance("replica2/bayes", replicaDown("replica2"));
        r.refresh(Duration.ofSeconds(10));
        r.instance("replica2/bayes", replicaDown("replica2").with("errorstat_MASTERDOWN", "count=30"));
        Finding f = DiagnosisRulesTest.find(r.findings(), Code.READS_REFUSED, "replica2/bayes").orElseThrow();
        assertThat(f.summary()).isEqualTo("classification fails: replica2/bayes refuses reads (its link is down and"
                + " replica-serve-stale-data is no)");
        assertThat(f.evidence()).contains("errorstat_MASTERDOWN rose by 30 in the last 2 min (count=30)",
                "master_link_status:down");
    }

    @Test
    void aBusyInstanceIsNamedAsSuchNotAsAWrongPort() {
        String busy = "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
        Finding f = only(healthy().instanceFailed("master/bayes", Status.BUSY, busy).findings(), Code.INSTANCE_BUSY,
                "master/bayes");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.summary()).startsWith("learning fails: master/bayes answers BUSY");
        assertThat(f.evidence()).contains("BUSY: " + busy);
    }

    /** A master at its maxmemory with noeviction that refused {@code n} writes so far. */
    private static InfoText fullMaster(int n) {
        return master(V).with("maxmemory", 1_000_000).with("used_memory", 999_000).with("maxmemory_policy", "noeviction")
                .with("errorstat_OOM", "count=" + n);
    }
}
