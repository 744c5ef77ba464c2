package org.repcon.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.diagnosis.Code;
import org.repcon.diagnosis.Diagnosis;
import org.repcon.diagnosis.DiagnosisInput;
import org.repcon.diagnosis.Finding;
import org.repcon.diagnosis.Thresholds;
import org.repcon.probe.History;
import org.repcon.probe.InstanceHistory;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.Snapshot;
import org.repcon.testing.Recorded;
import org.repcon.testing.RecordedLab;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Topology;

/**
 * What one check keeps for the next: the samples come back as they were (so a counter rule sees a rise across two
 * processes), bounded, and a file that is not usable is ignored with one reason, never a failure.
 */
class CheckStateTest {

    @TempDir
    Path dir;

    private final Topology topology = RecordedLab.topology(RecordedLab.HOSTS);
    private final Path topologyFile = Path.of("unit.yaml");
    private static final InstanceRef MASTER = InstanceRef.parse("master/bayes").orElseThrow();

    /** A fresh process's history holding only this refresh, as a check has. */
    private static History oneRefresh(Topology t, Snapshot s) {
        History h = new History(t);
        h.record(s);
        return h;
    }

    @Test
    void aRiseAcrossTwoChecksIsSeenAsInOneProcess() {
        Path state = dir.resolve("s.json");
        Recorded r = RecordedLab.healthy().instance("master/bayes", RecordedLab.master("valkey-8.0.1").with("sync_full", 2)
                .with("sync_partial_err", 0));
        CheckState.save(state, topologyFile, topology, oneRefresh(topology, r.snapshot()), java.util.Map.of());

        r.refresh(Duration.ofSeconds(60));
        r.instance("master/bayes", RecordedLab.master("valkey-8.0.1").with("sync_full", 9).with("sync_partial_err", 3));
        Snapshot now = r.snapshot();
        History second = new History(topology);
        CheckState.Loaded loaded = CheckState.load(state, topologyFile, topology, now.timeMs());
        assertThat(loaded.ignored()).isEmpty();
        loaded.past().forEach(second::restore);
        second.record(now);
        assertThat(second.view(MASTER).syncDeltas()).isEqualTo(new InstanceHistory.SyncDeltas(7, 0, 3));
        List<Finding> findings = Diagnosis.run(new DiagnosisInput(topology, now, second::view, java.util.Map.of(),
                Thresholds.defaults()));
        assertThat(findings).extracting(Finding::code).contains(Code.FULL_SYNC_LOOP, Code.BACKLOG_TOO_SMALL);
        // The restored sample is the recorded one: same time, status, fields, lag.
        InstanceHistory.Entry before = second.view(MASTER).entries().get(0);
        assertThat(before.sample().timeMs()).isEqualTo(now.timeMs() - 60_000);
        assertThat(before.sample().info().orElseThrow().longValue("sync_full")).hasValue(2);
        InstanceHistory.Entry replica = second.view(InstanceRef.parse("replica1/bayes").orElseThrow()).entries().get(0);
        assertThat(replica.lagBytes()).isPresent();
    }

    @Test
    void theLearnClockOutlivesTheSamplesSoAStopOfHoursIsSeenByACheckEachMinute() {
        Path state = dir.resolve("s.json");
        Recorded r = RecordedLab.healthy().keys("master/bayes", org.repcon.probe.RspamdCounts.bayes(10, 5),
                java.util.OptionalLong.empty());
        long moved = r.now() - Duration.ofHours(3).toMillis();
        // An earlier check saw the counters move to 15, three hours ago, and none since.
        CheckState.save(state, topologyFile, topology, oneRefresh(topology, r.snapshot()),
                java.util.Map.of(MASTER, new org.repcon.diagnosis.LearnActivity(15, moved, true)));
        CheckState.Loaded loaded = CheckState.load(state, topologyFile, topology, r.now() + 1);
        assertThat(loaded.learning()).containsEntry(MASTER, new org.repcon.diagnosis.LearnActivity(15, moved, true));
        assertThat(CheckState.load(state, topologyFile, topology, r.now() + Duration.ofHours(2).toMillis()).past().get(MASTER))
                .as("the samples are too old by then").isEmpty();

        LearnClock clock = new LearnClock(topology);
        clock.restore(loaded.learning());
        List<Finding> findings = Diagnosis.run(new DiagnosisInput(topology, r.snapshot(), new History(topology)::view,
                java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), clock.at(r.snapshot()),
                Thresholds.defaults()));
        assertThat(findings).extracting(Finding::code).contains(Code.LEARNING_STOPPED);

        // A fresh process without the kept clock starts it now: nothing to say for two hours.
        List<Finding> fresh = Diagnosis.run(new DiagnosisInput(topology, r.snapshot(), new History(topology)::view,
                java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), java.util.Map.of(),
                new LearnClock(topology).at(r.snapshot()), Thresholds.defaults()));
        assertThat(fresh).extracting(Finding::code).doesNotContain(Code.LEARNING_STOPPED);
    }

    @Test
    void keepsTheNewestSamplesOnlyAndNoneOlderThanTheMaximumAge() {
        Path state = dir.resolve("s.json");
        Recorded r = RecordedLab.healthy().instanceFailed("replica2/bayes", InstanceSample.Status.REFUSED, "connection refused");
        History h = new History(topology);
        for (int n = 0; n < 20; n++) {
            h.record(r.snapshot());
            r.refresh(Duration.ofSeconds(60));
        }
        CheckState.save(state, topologyFile, topology, h, java.util.Map.of());
        long now = r.snapshot().timeMs();
        List<InstanceHistory.Entry> kept = CheckState.load(state, topologyFile, topology, now).past().get(MASTER);
        assertThat(kept).hasSize(CheckState.SAMPLES);
        assertThat(kept.get(kept.size() - 1).sample().timeMs()).isEqualTo(now - 60_000);
        assertThat(CheckState.load(state, topologyFile, topology, now).past().get(InstanceRef.parse("replica2/bayes").orElseThrow()))
                .allSatisfy(e -> assertThat(e.sample().message()).isEqualTo("connection refused"));
        // An hour later, nothing is recent enough to keep.
        assertThat(CheckState.load(state, topologyFile, topology, now + 3_600_000).past().get(MASTER)).isEmpty();
    }

    @Test
    void aCorruptForeignOrOtherTopologysFileIsIgnoredWithOneReason() throws Exception {
        Path state = dir.resolve("s.json");
        Files.writeString(state, "{\"format\":\"repcon-check-state\",\"version\":1,\"topology\":\"/x\",\"instan");
        assertThat(CheckState.load(state, topologyFile, topology, 1).ignored()).hasValueSatisfying(why ->
                assertThat(why).startsWith(state + ": not a repcon check state (").doesNotContain("\n"));
        Files.writeString(state, "{\"format\":\"repcon-check-state\",\"version\":7,\"topology\":\"/x\",\"instances\":{}}");
        assertThat(CheckState.load(state, topologyFile, topology, 1).ignored()).hasValue(state
                + ": version 7, this repcon reads version 1");
        Files.writeString(state, "{\"format\":\"repcon-check-state\",\"version\":1,\"topology\":\"/elsewhere.yaml\",\"instances\":{}}");
        assertThat(CheckState.load(state, topologyFile, topology, 1).ignored()).hasValue(state + ": kept for /elsewhere.yaml, not "
                + topologyFile.toAbsolutePath().normalize());
        Files.writeString(state, "[1,2]");
        assertThat(CheckState.load(state, topologyFile, topology, 1).ignored()).isPresent();
        Files.writeString(state, "{\"format\":\"repcon-check-state\",\"version\":1,\"topology\":\"" + topologyFile.toAbsolutePath()
                + "\",\"instances\":{\"master/bayes\":[{\"time\":0,\"status\":\"OK\"}]}}");
        assertThat(CheckState.load(state, topologyFile, topology, 1).ignored()).hasValue(state
                + ": a sample of master/bayes is incomplete");
        assertThat(CheckState.load(dir.resolve("none.json"), topologyFile, topology, 1)).isEqualTo(
                new CheckState.Loaded(java.util.Map.of(), java.util.Map.of(), java.util.Optional.empty()));
    }

    @Test
    void oneFilePerTopologyPathUnderTheStateDirectory() {
        assertThat(CheckState.fileFor(Path.of("a.yaml"))).isEqualTo(CheckState.fileFor(Path.of("./a.yaml").toAbsolutePath()))
                .isNotEqualTo(CheckState.fileFor(Path.of("b.yaml")));
        assertThat(CheckState.fileFor(Path.of("a.yaml")).getParent().getFileName()).hasToString("check");
    }

    @Test
    void checksThatOverlapLeaveAWholeFileWhicheverWritesLast() throws Exception {
        Path state = dir.resolve("s.json");
        Recorded r = RecordedLab.healthy();
        History h = oneRefresh(topology, r.snapshot());
        CheckState.save(state, topologyFile, topology, h, java.util.Map.of());
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) CheckState.save(state, topologyFile, topology, h, java.util.Map.of());
            });
            t.start();
            writers.add(t);
        }
        try {
            for (int n = 0; n < 200; n++) {
                CheckState.Loaded loaded = CheckState.load(state, topologyFile, topology, r.snapshot().timeMs() + 1);
                assertThat(loaded.ignored()).isEmpty();
                assertThat(loaded.past().get(MASTER)).hasSize(1);
            }
        } finally {
            stop.set(true);
            for (Thread t : writers) t.join();
        }
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("s.json");
        }
    }
}
