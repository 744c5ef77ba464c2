package org.repcon.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.repcon.probe.RspamdCounts;
import org.repcon.testing.RecordedLab;
import org.repcon.testing.Recorded;
import org.repcon.topology.Topology;

/**
 * Replication at Rspamd's level over the recorded healthy replies of Valkey 8.0.1 and Redis 8.0-M01 (master and replicas
 * at the same offset, one stream): learn counts of a replica beside its master's, and the heartbeat's delay.
 */
class RspamdRulesTest {

    private static final Topology TOPOLOGY = RecordedLab.topology(RecordedLab.HOSTS);

    private static List<Finding> of(Recorded r, Code code) {
        return r.findings().stream().filter(f -> f.code() == code).toList();
    }

    /** The one finding of that code; fails when there is none or more than one. */
    private static Finding one(Recorded r, Code code) {
        List<Finding> found = of(r, code);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static Recorded learned(String version, RspamdCounts master, RspamdCounts replica1) {
        return RecordedLab.healthy(TOPOLOGY, version).keys("master/bayes", master, OptionalLong.empty())
                .keys("replica1/bayes", replica1, OptionalLong.empty())
                .keys("replica2/bayes", master, OptionalLong.empty());
    }

    @Test
    void equalCountsAtTheSameOffsetAreNoFinding() {
        for (String version : List.of("valkey-8.0.1", "redis-8.0-m01")) {
            Recorded r = learned(version, RspamdCounts.bayes(12, 7), RspamdCounts.bayes(12, 7));
            assertThat(r.findings()).as(version).isEmpty();
        }
    }

    @Test
    void aReplicaTrailingItsMasterAtTheSameOffsetHasDivergedAndClearsOnceEqual() {
        Recorded r = learned("valkey-8.0.1", RspamdCounts.bayes(12, 7), RspamdCounts.bayes(10, 7));
        Finding f = one(r, Code.LEARNS_DIVERGED);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.subject().key()).isEqualTo("replica1/bayes");
        assertThat(f.summary()).isEqualTo("replica1/bayes holds 2 fewer learns than its master master/bayes at the same offset:"
                + " its data diverged; Rspamd there classifies with less");
        assertThat(f.evidence()).containsExactly("replica1/bayes learns_spam=10 learns_ham=7, slave_repl_offset:503",
                "master/bayes learns_spam=12 learns_ham=7, master_repl_offset:503");
        assertThat(f.action()).isEqualTo("resync replica1/bayes --full");
        assertThat(of(r, Code.LEARNS_ON_REPLICA)).isEmpty();

        r.refresh(Duration.ofSeconds(1)).keys("replica1/bayes", RspamdCounts.bayes(12, 7), OptionalLong.empty());
        assertThat(r.findings()).isEmpty();
    }

    /** Bayes counts of the global RS ({@code global} spam learns) plus per-user hashes ({@code users} spam learns). */
    private static RspamdCounts perUser(long global, long users, long spamKeys, RspamdCounts.PerUser.Sum sum) {
        boolean summed = sum != RspamdCounts.PerUser.Sum.TOO_MANY && sum != RspamdCounts.PerUser.Sum.UNREAD;
        return new RspamdCounts(OptionalLong.of(global + (summed ? users : 0)), OptionalLong.of(0), OptionalLong.empty(),
                OptionalLong.empty(), new RspamdCounts.PerUser(spamKeys, 1, sum, summed ? OptionalLong.of(users) : OptionalLong.empty(),
                summed ? OptionalLong.of(0) : OptionalLong.empty()));
    }

    @Test
    void perUserSumsReadNowAreComparedWhole() {
        Recorded now = learned("valkey-8.0.1", perUser(5, 7, 3, RspamdCounts.PerUser.Sum.SUMMED),
                perUser(5, 5, 3, RspamdCounts.PerUser.Sum.SUMMED));
        Finding f = one(now, Code.LEARNS_DIVERGED);
        assertThat(f.summary()).startsWith("replica1/bayes holds 2 fewer learns than its master");
        assertThat(f.evidence().get(0)).isEqualTo("replica1/bayes learns_spam=10 learns_ham=0"
                + " (BAYES_SPAM_keys 3, BAYES_HAM_keys 1: every user's learns summed), slave_repl_offset:503");
    }

    @Test
    void perUserSumsOfAnEarlierRefreshAreLeftOutTheGlobalHashIsStillCompared() {
        for (RspamdCounts.PerUser.Sum old : List.of(RspamdCounts.PerUser.Sum.CARRIED, RspamdCounts.PerUser.Sum.STALE,
                RspamdCounts.PerUser.Sum.UNREAD)) {
            // Many users: the replica's sum is a minute old, the master's new; neither more nor fewer says anything.
            Recorded r = learned("valkey-8.0.1", perUser(5, 7, 3, RspamdCounts.PerUser.Sum.SUMMED), perUser(5, 5, 3, old));
            assertThat(r.findings()).as(old.name()).isEmpty();
            r = learned("valkey-8.0.1", perUser(5, 7, 3, RspamdCounts.PerUser.Sum.SUMMED), perUser(5, 9, 3, old));
            assertThat(r.findings()).as(old.name()).isEmpty();
            // The global RS is read with every refresh: written on the replica, it shows whatever the sums.
            r = learned("valkey-8.0.1", perUser(5, 7, 3, RspamdCounts.PerUser.Sum.SUMMED), perUser(8, 5, 3, old));
            assertThat(one(r, Code.LEARNS_ON_REPLICA).summary()).as(old.name())
                    .startsWith("replica1/bayes holds 3 more learns than its master");
        }
    }

    @Test
    void tooManyUsersToSumAreComparedByTheirNumber() {
        RspamdCounts.PerUser.Sum tooMany = RspamdCounts.PerUser.Sum.TOO_MANY;
        Recorded fewer = learned("redis-8.0-m01", perUser(12, 0, 20_000, tooMany), perUser(12, 0, 19_998, tooMany));
        Finding f = one(fewer, Code.LEARNS_DIVERGED);
        assertThat(f.summary()).startsWith("replica1/bayes holds 2 fewer per-user Bayes hashes than its master master/bayes");
        Recorded more = learned("redis-8.0-m01", perUser(12, 0, 20_000, tooMany), perUser(12, 0, 20_001, tooMany));
        assertThat(one(more, Code.LEARNS_ON_REPLICA).summary()).startsWith("replica1/bayes holds 1 more per-user Bayes hash than");
        assertThat(learned("redis-8.0-m01", perUser(12, 0, 20_000, tooMany), perUser(12, 0, 20_000, tooMany)).findings())
                .isEmpty();
        // The global hash still counts first.
        Recorded global = learned("redis-8.0-m01", perUser(12, 0, 20_000, tooMany), perUser(10, 0, 20_000, tooMany));
        assertThat(one(global, Code.LEARNS_DIVERGED).summary()).startsWith("replica1/bayes holds 2 fewer learns");
    }

    @Test
    void aStandingFindingStaysWhenTheReplicaWasReadAfterItsMastersLastWrite() {
        // The heartbeat the master writes after its INFO reaches the replica before the replica's INFO in about 2
        // refreshes of 5: the replica's offset then passes the master's reading. Learns that only the replica holds
        // are still there, and so is the finding.
        Recorded r = learned("valkey-8.0.1", RspamdCounts.bayes(12, 7), RspamdCounts.bayes(12, 7));
        r.instance("replica1/bayes", RecordedLab.replica(TOPOLOGY, "valkey-8.0.1", "replica1").with("slave_repl_offset", 640))
                .keys("replica1/bayes", RspamdCounts.bayes(15, 7), OptionalLong.empty());
        assertThat(one(r, Code.LEARNS_ON_REPLICA).summary()).startsWith("replica1/bayes holds 3 more learns");
    }

    @Test
    void aReplicaBehindInBytesMayTrailWithoutAFinding() {
        // The master learned and its stream has not reached the replica yet: offsets differ, so fewer is normal.
        Recorded r = RecordedLab.healthy(TOPOLOGY, "valkey-8.0.1");
        r.instance("master/bayes", RecordedLab.master("valkey-8.0.1").with("master_repl_offset", 640))
                .keys("master/bayes", RspamdCounts.bayes(13, 7), OptionalLong.empty())
                .keys("replica1/bayes", RspamdCounts.bayes(12, 7), OptionalLong.empty());
        assertThat(of(r, Code.LEARNS_DIVERGED)).isEmpty();
    }

    @Test
    void moreOnTheReplicaThanOnItsMasterIsLearningLandingThereAndClears() {
        Recorded r = learned("redis-8.0-m01", RspamdCounts.bayes(12, 7), RspamdCounts.bayes(12, 9));
        Finding f = one(r, Code.LEARNS_ON_REPLICA);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.summary()).isEqualTo("replica1/bayes holds 2 more learns than its master master/bayes: learning lands on"
                + " the replica, and its next full sync wipes them");
        assertThat(f.fix()).isEmpty();
        assertThat(f.evidence()).contains("replica1/bayes learns_spam=12 learns_ham=9, slave_repl_offset:503");

        r.refresh(Duration.ofSeconds(1)).keys("master/bayes", RspamdCounts.bayes(12, 9), OptionalLong.empty())
                .keys("replica2/bayes", RspamdCounts.bayes(12, 9), OptionalLong.empty());
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void fuzzyHashesAreComparedLikeLearns() {
        Recorded r = learned("valkey-8.0.1", RspamdCounts.fuzzy(340, OptionalLong.of(9)), RspamdCounts.fuzzy(300, OptionalLong.of(8)));
        assertThat(of(r, Code.LEARNS_DIVERGED)).singleElement().satisfies(f -> {
            assertThat(f.summary()).startsWith("replica1/bayes holds 40 fewer fuzzy hashes");
            assertThat(f.evidence()).contains("replica1/bayes fuzzy_count=300 fuzzylocal=8, slave_repl_offset:503");
        });
    }

    @Test
    void aReplicaWithoutRspamdsKeysOrWithItsLinkDownIsNotCompared() {
        Recorded r = RecordedLab.healthy(TOPOLOGY, "valkey-8.0.1").keys("master/bayes", RspamdCounts.bayes(12, 7), OptionalLong.empty());
        assertThat(r.findings()).isEmpty();
        r.instance("replica1/bayes", RecordedLab.replicaDown("replica1")).keys("replica1/bayes", RspamdCounts.bayes(1, 1),
                OptionalLong.empty());
        assertThat(of(r, Code.LEARNS_DIVERGED)).isEmpty();
    }

    @Test
    void aHeartbeatOlderThanTheThresholdOnAReplicaIsItsLagAndClearsOnceItCatchesUp() {
        Thresholds limits = Thresholds.defaults();
        Recorded r = RecordedLab.healthy(TOPOLOGY, "valkey-8.0.1");
        long now = r.now();
        long behind = (limits.lagWarnSeconds() + 5) * 1000;
        r.keys("master/bayes", RspamdCounts.NONE, OptionalLong.of(now - 1000))
                .keys("replica1/bayes", RspamdCounts.NONE, OptionalLong.of(now - behind))
                .keys("replica2/bayes", RspamdCounts.NONE, OptionalLong.of(now - 1000));
        List<Finding> found = of(r, Code.HEARTBEAT_LAG);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.subject().key()).isEqualTo("replica1/bayes");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.summary()).isEqualTo("replica1/bayes's data are 25.0 s behind its master master/bayes (heartbeat)");
            assertThat(f.evidence()).containsExactly("repcon:heartbeat on replica1/bayes is 25.0 s old; master/bayes holds a"
                    + " newer one", "threshold 20 s");
        });
        // A replica that holds the heartbeat its master held has no lag, however old the heartbeat (no console wrote).
        assertThat(found).noneMatch(f -> f.subject().key().equals("replica2/bayes"));
        r.refresh(Duration.ofSeconds(1)).keys("replica1/bayes", RspamdCounts.NONE, OptionalLong.of(now - 1000));
        assertThat(of(r, Code.HEARTBEAT_LAG)).isEmpty();
    }

    @Test
    void noHeartbeatOnTheMasterMeansNoLagAtAll() {
        Recorded r = RecordedLab.healthy(TOPOLOGY, "valkey-8.0.1");
        r.keys("replica1/bayes", RspamdCounts.NONE, OptionalLong.of(r.now() - 600_000));
        assertThat(r.findings()).isEmpty();
    }

    // ---- learning that stopped reaching the master ----

    private static Recorded stillFor(Duration still, boolean movedBefore) {
        Recorded r = learned("valkey-8.0.1", RspamdCounts.bayes(12, 7), RspamdCounts.bayes(12, 7));
        return r.learning("master/bayes", new LearnActivity(19, r.now() - still.toMillis(), movedBefore));
    }

    @Test
    void countersStillLongerThanTheThresholdAfterTheyMovedAreLearningStopped() {
        Finding f = one(stillFor(Duration.ofMinutes(125), true), Code.LEARNING_STOPPED);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.subject().key()).isEqualTo("master/bayes");
        assertThat(f.summary()).isEqualTo("no learning has reached master/bayes for 2h: Rspamd's writes go elsewhere or fail");
        assertThat(f.evidence()).containsExactly("master/bayes Bayes learns 19, unchanged for 2h after they moved while watched",
                "threshold 2h");
    }

    @Test
    void countersNeverSeenToMoveOrStillForLessThanTheThresholdAreNoFinding() {
        assertThat(of(stillFor(Duration.ofHours(5), false), Code.LEARNING_STOPPED)).as("a deployment that never learns").isEmpty();
        assertThat(of(stillFor(Duration.ofMinutes(119), true), Code.LEARNING_STOPPED)).isEmpty();
    }

    @Test
    void aMasterThatDoesNotAnswerHasItsOwnFindingNotThisOne() {
        Recorded r = stillFor(Duration.ofHours(3), true).instanceFailed("master/bayes", org.repcon.probe.InstanceSample.Status.REFUSED, "connection refused");
        assertThat(of(r, Code.LEARNING_STOPPED)).isEmpty();
        assertThat(of(r, Code.INSTANCE_DOWN)).isNotEmpty();
    }
}
