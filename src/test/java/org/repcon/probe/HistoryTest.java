package org.repcon.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.probe.InstanceHistory.LagPoint;
import org.repcon.probe.InstanceSample.Status;
import org.repcon.testing.TestTopology;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Topology;

/** History from made-up snapshots: trends are arithmetic over samples, no server needed. */
class HistoryTest {

    private static final InstanceRef MASTER = new InstanceRef("master", "bayes");
    private static final InstanceRef REPLICA = new InstanceRef("replica", "bayes");
    private static final String REPLID = "a".repeat(40);

    @TempDir
    Path dir;

    private Topology topology() {
        return TestTopology.masterAndReplica(dir);
    }

    private static Info master(long offset, String replid, long syncFull) {
        return InfoParser.parse("# Stats\r\nsync_full:" + syncFull + "\r\nsync_partial_ok:0\r\nsync_partial_err:0\r\n"
                + "# Replication\r\nrole:master\r\nconnected_slaves:1\r\nmaster_replid:" + replid
                + "\r\nmaster_repl_offset:" + offset + "\r\n");
    }

    private static Info replica(long offset, boolean up, long lastIo) {
        return InfoParser.parse("# Replication\r\nrole:slave\r\nmaster_host:localhost\r\nmaster_port:6478\r\n"
                + "master_link_status:" + (up ? "up" : "down") + "\r\nmaster_last_io_seconds_ago:" + lastIo
                + "\r\nmaster_sync_in_progress:0\r\nslave_repl_offset:" + offset + "\r\nmaster_replid:" + REPLID
                + "\r\nmaster_repl_offset:" + offset + "\r\n");
    }

    private static InstanceSample ok(InstanceRef ref, long t, Info info) {
        return InstanceSample.ok(ref, t, info, 100);
    }

    private static Snapshot snapshot(long t, InstanceSample... samples) {
        Map<InstanceRef, InstanceSample> map = new LinkedHashMap<>();
        for (InstanceSample s : samples) map.put(s.instance(), s);
        return new Snapshot(t, map, Map.of(), Duration.ofMillis(1));
    }

    @Test
    void offsetRatesBetweenAnsweredSamplesOfOneReplicationId() {
        History history = new History(topology());
        history.record(snapshot(0, ok(MASTER, 0, master(1000, "b".repeat(40), 0))));
        history.record(snapshot(1000, ok(MASTER, 1000, master(2000, REPLID, 0)))); // a new replication id
        history.record(snapshot(2000, ok(MASTER, 2000, master(3000, REPLID, 0))));
        history.record(snapshot(3000, InstanceSample.failed(MASTER, 3000, Status.TIMEOUT, "no reply")));
        history.record(snapshot(4000, ok(MASTER, 4000, master(7000, REPLID, 0))));

        InstanceHistory view = history.view(MASTER);
        assertThat(view.samples()).hasSize(5);
        // The pair across two replication ids gives no point; the failed sample is a gap, not a zero.
        assertThat(view.offsetRates()).containsExactly(1000.0, 2000.0);
        assertThat(view.latest().orElseThrow().timeMs()).isEqualTo(4000);
    }

    @Test
    void lagInBytesNeedsAFreshMasterSampleOfTheSameSnapshot() {
        History history = new History(topology());
        history.record(snapshot(0, ok(MASTER, 0, master(5000, REPLID, 0)), ok(REPLICA, 0, replica(4200, true, 1))));
        InstanceSample carried = ok(MASTER, 0, master(5000, REPLID, 0)).carried(Freshness.BACKOFF);
        history.record(snapshot(1000, carried, ok(REPLICA, 1000, replica(4900, true, 0))));
        history.record(snapshot(2000, ok(MASTER, 2000, master(6000, REPLID, 0)), ok(REPLICA, 2000, replica(6000, false, -1))));

        assertThat(history.view(REPLICA).lag()).containsExactly(
                new LagPoint(0, OptionalLong.of(800), OptionalLong.of(1)),
                new LagPoint(1000, OptionalLong.empty(), OptionalLong.of(0)),
                new LagPoint(2000, OptionalLong.of(0), OptionalLong.empty())); // link down: no seconds
        assertThat(history.view(MASTER).lag()).isEmpty();
    }

    @Test
    void linkFlapsCountUpDownChangesAcrossAnsweredSamples() {
        History history = new History(topology());
        boolean[] links = {true, true, false, true, true, false};
        for (int i = 0; i < links.length; i++) {
            history.record(snapshot(i * 1000L, ok(REPLICA, i * 1000L, replica(100, links[i], 1))));
            // A failed probe between them is a gap, not a change of link.
            history.record(snapshot(i * 1000L + 500, InstanceSample.failed(REPLICA, i * 1000L + 500, Status.REFUSED, "")));
        }
        assertThat(history.view(REPLICA).linkFlaps()).isEqualTo(3);
        assertThat(history.view(MASTER).linkFlaps()).isZero();
    }

    @Test
    void syncCountersRiseAcrossARestart() {
        History history = new History(topology());
        long[] syncFull = {1, 2, 2, 0, 1}; // the drop to 0 is a restart
        for (int i = 0; i < syncFull.length; i++) {
            history.record(snapshot(i * 1000L, ok(MASTER, i * 1000L, master(0, REPLID, syncFull[i]))));
        }
        assertThat(history.view(MASTER).syncDeltas()).isEqualTo(new InstanceHistory.SyncDeltas(2, 0, 0));
    }

    @Test
    void carriedAndPendingSamplesAreNotRecordedTwice() {
        History history = new History(topology());
        InstanceSample timedOut = InstanceSample.failed(MASTER, 1000, Status.TIMEOUT, "no reply");
        history.record(snapshot(1000, timedOut));
        history.record(snapshot(2000, timedOut.carried(Freshness.IN_FLIGHT)));
        history.record(snapshot(3000, timedOut.carried(Freshness.BACKOFF)));
        history.record(snapshot(3000, InstanceSample.pending(REPLICA, 3000)));

        assertThat(history.view(MASTER).samples()).containsExactly(timedOut);
        assertThat(history.view(REPLICA).entries()).isEmpty();
        assertThat(history.view(REPLICA).latest()).isEqualTo(Optional.empty());
    }

    @Test
    void theRingIsBoundedAndViewsAreImmutableCopies() {
        History history = new History(topology(), 3);
        for (int i = 1; i <= 5; i++) history.record(snapshot(i, ok(MASTER, i, master(i, REPLID, 0))));
        InstanceHistory view = history.view(MASTER);
        history.record(snapshot(6, ok(MASTER, 6, master(6, REPLID, 0))));

        assertThat(view.samples()).extracting(InstanceSample::timeMs).containsExactly(3L, 4L, 5L);
        assertThat(history.view(MASTER).samples()).extracting(InstanceSample::timeMs).containsExactly(4L, 5L, 6L);
        assertThatThrownBy(() -> view.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(List.of(history.capacity())).containsExactly(3);
        assertThatThrownBy(() -> new History(topology(), 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
