package org.repcon.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.testing.InfoText;
import org.repcon.testing.Recorded;
import org.repcon.testing.RecordedLab;
import org.repcon.topology.Topology;

/**
 * link-flapping from Redis 8.x's sync-attempt counters (redis/redis#13990). No capture has them (Redis 8.0-M01 predates
 * them), so the Redis 8.0-M01 replica's healthy reply is given the three fields as later 8.x writes them.
 */
class LinkFlappingTest {

    private static final Topology TOPOLOGY = RecordedLab.topology(RecordedLab.HOSTS);

    private static InfoText replica(long totalAttempts, long upSince) {
        return RecordedLab.replica(TOPOLOGY, "redis-8.0-m01", "replica1").with("master_current_sync_attempts", 0)
                .with("master_total_sync_attempts", totalAttempts).with("master_link_up_since_seconds", upSince);
    }

    private static List<Finding> flaps(Recorded r) {
        return r.findings().stream().filter(f -> f.code() == Code.LINK_FLAPPING).toList();
    }

    @Test
    void attemptsThatKeepRisingWithinTheWindowAreAFlappingLinkThatClearsOnceTheyStop() {
        Recorded r = RecordedLab.healthy(TOPOLOGY, "redis-8.0-m01");
        r.instance("replica1/bayes", replica(1, 300));
        for (long attempts = 2; attempts <= 3; attempts++) {
            r.refresh(Duration.ofSeconds(10)).instance("replica1/bayes", replica(attempts, 4));
            assertThat(flaps(r)).as("after %d attempts", attempts).isEmpty();
        }
        r.refresh(Duration.ofSeconds(10)).instance("replica1/bayes", replica(4, 3));
        List<Finding> found = flaps(r);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.subject().key()).isEqualTo("replica1/bayes");
        assertThat(f.summary()).isEqualTo("the link of replica1/bayes to master/bayes was made again 3 times in the last 2 min");
        assertThat(f.evidence()).containsExactly("master_total_sync_attempts rose by 3 in the last 2 min",
                "master_total_sync_attempts:4", "master_current_sync_attempts:0", "master_link_up_since_seconds:3");
        assertThat(f.action()).isEqualTo("logs replica1/bayes");
        // The link holds from then on: once the rises are older than the window, the finding is gone.
        for (int n = 0; n < 13; n++) r.refresh(Duration.ofSeconds(10)).instance("replica1/bayes", replica(4, 3 + 10L * (n + 1)));
        assertThat(flaps(r)).isEmpty();
    }

    @Test
    void aServerWithoutTheCountersNeverFlaps() {
        // The same reconnections on Valkey 8 or Redis 7 leave no counter: nothing to tell from one reply.
        Recorded r = RecordedLab.healthy(TOPOLOGY, "valkey-8.0.1");
        for (int n = 0; n < 5; n++) r.refresh(Duration.ofSeconds(10));
        assertThat(flaps(r)).isEmpty();
        assertThat(r.findings()).isEmpty();
    }
}
