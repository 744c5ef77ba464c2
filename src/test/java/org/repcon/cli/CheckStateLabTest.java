package org.repcon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.repcon.diagnosis.Code;
import org.repcon.diagnosis.Thresholds;
import org.repcon.monitor.CheckState;
import org.repcon.monitor.Monitor;
import org.repcon.probe.ProbeOptions;
import org.repcon.testing.LabClassTest;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;
import org.repcon.transport.Transports;
import org.repcon.util.Pids;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * {@code check} run as a monitoring system runs it: a fresh invocation every few seconds, against a lab whose fault is
 * made from outside repcon (CONFIG SET, SIGSTOP, writes). The rules that compare two samples see them only through the
 * state one check keeps for the next.
 */
class CheckStateLabTest extends LabClassTest {

    private static final Duration EVERY = Duration.ofSeconds(3);
    private static final int RUNS = 10;

    CheckStateLabTest() {
        super(150);
    }

    private Topology topology() {
        return TopologyLoader.load(file);
    }

    private Jedis jedis(String ref) {
        Topology t = topology();
        Instance i = t.instance(InstanceRef.parse(ref).orElseThrow()).orElseThrow();
        Host h = t.hostOf(i);
        return new Jedis(h.address().orElseThrow(), i.port(), 5000);
    }

    /** Runs {@code check} every few seconds until its output holds a match of {@code wanted}; the last run's result. */
    private CliRunner.Result checkUntil(String wanted) throws InterruptedException {
        CliRunner.Result r = null;
        for (int n = 0; n < RUNS; n++) {
            r = CliRunner.run("check", file.toString());
            if (Pattern.compile(wanted).matcher(r.out()).find()) return r;
            Thread.sleep(EVERY.toMillis());
        }
        return r;
    }

    /** The lines of a check's output about one instance: the lab's other tests leave their events in the window. */
    private static List<String> about(CliRunner.Result r, String instance) {
        return r.out().lines().filter(l -> l.matches("(CRITICAL|WARNING) \\S+ " + instance + ":.*")).toList();
    }

    private void healed() {
        assertThat(lab.awaitReplication(new PrintWriter(new StringWriter()))).as("replication up again").isTrue();
    }

    @Test
    void aBacklogThatDidNotCoverACutIsReportedByTheNextCheckFromTheCountersItKept() throws Exception {
        Files.deleteIfExists(CheckState.fileFor(file));
        CliRunner.Result first = CliRunner.run("check", file.toString());
        assertThat(about(first, "master/bayes")).as(first.out()).isEmpty();
        assertThat(CheckState.fileFor(file)).exists();

        List<Long> tunnels = List.of("replica1", "replica2").stream()
                .map(h -> lab.pid(lab.tunnelProcess(h).orElseThrow()).orElseThrow()).toList();
        String backlog;
        try (Jedis m = jedis("master/bayes")) {
            backlog = m.configGet("repl-backlog-size").get("repl-backlog-size");
            m.configSet("repl-backlog-size", "16384");
            // The replicas' tunnels held while the master drops them and writes far past its backlog (trimmed in its cron).
            tunnels.forEach(pid -> Pids.signal(pid, "STOP"));
            try {
                m.clientKill(ClientKillParams.clientKillParams().type(ClientType.REPLICA));
                Pipeline p = m.pipelined();
                for (int k = 0; k < 500; k++) p.setex("burst:" + k, 600, "x".repeat(4096));
                p.sync();
                Thread.sleep(1500);
            } finally {
                tunnels.forEach(pid -> Pids.signal(pid, "CONT"));
            }
        }
        try {
            String finding = "WARNING backlog-too-small master/bayes: partial resyncs from master/bayes failed: the backlog did not"
                    + " cover the outage -> set master/bayes repl-backlog-size \\d+mb\n";
            CliRunner.Result r = checkUntil(finding + "    sync_partial_err rose by 2 in the last 2 min");
            assertThat(r.exitCode()).as(r.out()).isPositive();
            assertThat(r.out()).containsPattern(finding + "    sync_partial_err rose by 2 in the last 2 min");
            // Without the kept samples only the master's log can say it, which it does.
            CliRunner.Result stateless = CliRunner.run("check", file.toString(), "--no-state");
            assertThat(stateless.out()).containsPattern(finding + "    the master's log: 2 partial resyncs refused for lack of backlog");
            // The console's monitor names it from the log on its first refresh, and keeps it on the next ones while the
            // lines stand in the window (no counter moves between them: the log is read again because it named it).
            try (Monitor monitor = new Monitor(topology(), new Transports(topology()), ProbeOptions.defaults(), Thresholds.defaults())) {
                for (int n = 0; n < 3; n++) {
                    assertThat(monitor.refresh().findings()).as("refresh " + n).anyMatch(f -> f.code() == Code.BACKLOG_TOO_SMALL
                            && f.subject().key().equals("master/bayes"));
                }
            }
        } finally {
            try (Jedis m = jedis("master/bayes")) {
                m.configSet("repl-backlog-size", backlog);
                for (int k = 0; k < 500; k++) m.del("burst:" + k);
            }
            healed();
        }
    }

    @Test
    void replicasDroppedForTheirOutputBufferWhileWritesGoOnAreAFullSyncLoop() throws Exception {
        Files.deleteIfExists(CheckState.fileFor(file));
        Map<String, String> saved;
        try (Jedis m = jedis("master/fuzzy")) {
            Pipeline p = m.pipelined();
            for (int k = 0; k < 1000; k++) p.set("data:" + k, "d".repeat(4096)); // a dataset of 4 MB
            p.sync();
            saved = Map.of("repl-backlog-size", m.configGet("repl-backlog-size").get("repl-backlog-size"),
                    "client-output-buffer-limit", m.configGet("client-output-buffer-limit").get("client-output-buffer-limit"));
        }
        healed();
        CliRunner.Result first = CliRunner.run("check", file.toString());
        assertThat(about(first, "master/fuzzy")).as(first.out()).isEmpty();

        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try (Jedis w = jedis("master/fuzzy")) {
                String value = "w".repeat(16384);
                for (int k = 0; !stop.get(); k++) {
                    w.set("write:" + (k % 10), value);
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "writer");
        try (Jedis m = jedis("master/fuzzy")) {
            m.configSet("repl-backlog-size", "16384");
            m.configSet("client-output-buffer-limit", "replica 1kb 1kb 0");
            writer.start();
            // Counted across checks: the kept sample and this one's (the master's log says it from the first check on).
            String loop = "CRITICAL full-sync-loop master/fuzzy: full resyncs from master/fuzzy repeat -> set master/fuzzy"
                    + " client-output-buffer-limit 256mb 64mb 60\n    sync_full rose by \\d+ in the last 2 min";
            CliRunner.Result r = checkUntil(loop);
            assertThat(r.exitCode()).as(r.out()).isEqualTo(2);
            assertThat(r.out()).containsPattern(loop);
        } finally {
            stop.set(true);
            writer.join();
            try (Jedis m = jedis("master/fuzzy")) {
                saved.forEach(m::configSet);
                for (int k = 0; k < 1000; k++) m.del("data:" + k);
                for (int k = 0; k < 10; k++) m.del("write:" + k);
            }
            healed();
        }
    }

    @Test
    void learningThatStoppedHoursAgoIsReportedByACheckFromTheClockItKept() throws Exception {
        Files.deleteIfExists(CheckState.fileFor(file));
        InstanceRef master = InstanceRef.parse("master/bayes").orElseThrow();
        try (Jedis m = jedis("master/bayes")) {
            m.hset("RS", Map.of("learns_spam", "7", "learns_ham", "3"));
        }
        try {
            CliRunner.Result first = CliRunner.run("check", file.toString());
            assertThat(first.out()).doesNotContain("learning-stopped");
            // As a check three hours ago would have left it: the counters moved to 10 then, and stood since.
            Topology t = topology();
            long moved = System.currentTimeMillis() - Duration.ofHours(3).toMillis();
            CheckState.Loaded kept = CheckState.load(CheckState.fileFor(file), file, t, System.currentTimeMillis());
            assertThat(kept.learning()).as("the first check's clock").containsKey(master);
            org.repcon.probe.History history = new org.repcon.probe.History(t);
            kept.past().forEach(history::restore);
            CheckState.save(CheckState.fileFor(file), file, t, history,
                    Map.of(master, new org.repcon.diagnosis.LearnActivity(10, moved, true)));

            CliRunner.Result later = CliRunner.run("check", file.toString());
            assertThat(later.exitCode()).isEqualTo(1);
            assertThat(later.out()).contains("WARNING learning-stopped master/bayes: no learning has reached master/bayes for 3");
            // A learn reaches the master: the next check starts the clock again.
            try (Jedis m = jedis("master/bayes")) {
                m.hincrBy("RS", "learns_spam", 1);
            }
            assertThat(CliRunner.run("check", file.toString()).out()).doesNotContain("learning-stopped");
        } finally {
            Files.deleteIfExists(CheckState.fileFor(file));
        }
    }

    @Test
    void anUnusableStateFileCostsOneLineOnStderrNotTheCheck() throws Exception {
        Files.createDirectories(CheckState.fileFor(file).getParent());
        Files.writeString(CheckState.fileFor(file), "{\"format\":\"repcon-check-state\",\"version\":99}");
        CliRunner.Result r = CliRunner.run("check", file.toString());
        assertThat(r.out()).startsWith("REPCON ");
        assertThat(r.err()).isEqualTo("repcon: earlier checks' samples ignored: " + CheckState.fileFor(file)
                + ": version 99, this repcon reads version 1\n");
        // The check kept its own sample: the next one reads it without a word.
        assertThat(CliRunner.run("check", file.toString()).err()).isEmpty();
    }
}
