package org.repcon.probe;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.lab.Lab;
import org.repcon.testing.TestLab;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Topology;
import org.repcon.transport.Transports;
import org.repcon.util.Pids;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * What the heartbeat and Rspamd's counters cost and how fine the heartbeat measures, on the sample lab (127.0.141.x).
 * A measurement, not a test: {@code mvn -o -B test -Dtest=HeartbeatBenchmark -Drepcon.bench.heartbeat=200}
 * (the number of refreshes or round trips per figure). Figures go to docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "repcon.bench.heartbeat", matches = "\\d+")
class HeartbeatBenchmark {

    @TempDir
    Path dir;

    @Test
    void costAndResolution() throws InterruptedException {
        int n = Integer.getInteger("repcon.bench.heartbeat");
        Lab lab = TestLab.create(141, dir);
        try {
            if (!lab.up(new PrintWriter(new StringWriter()))) throw new AssertionError("lab not up");
            Topology on = lab.topology();
            Topology off = new Topology(on.name(), on.source(), on.hosts(), on.secrets(), on.commonMaxmemory(),
                    on.commonSettings(), on.warnings(), false);
            roundTrips(on, n);
            for (int round = 0; round < 2; round++) {
                System.out.printf("refresh median, heartbeat off: %.2f ms%n", refreshes(off, n) / 1000.0);
                System.out.printf("refresh median, heartbeat on:  %.2f ms%n", refreshes(on, n) / 1000.0);
            }
            resolution(lab, on, n);
        } finally {
            lab.down();
        }
    }

    /** One instance's round trip: INFO alone, then with what a master's probe pipelines behind it. */
    private static void roundTrips(Topology t, int n) {
        Instance master = t.instance(InstanceRef.parse("master/bayes").orElseThrow()).orElseThrow();
        try (Jedis j = Lab.jedis(t.hostOf(master), master.port())) {
            for (int warm = 0; warm < 2; warm++) {
                List<Long> infoOnly = new ArrayList<>();
                List<Long> withKeys = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    long start = System.nanoTime();
                    j.info();
                    infoOnly.add(System.nanoTime() - start);
                    start = System.nanoTime();
                    Pipeline p = j.pipelined();
                    p.sendCommand(redis.clients.jedis.Protocol.Command.INFO, new String[0]);
                    p.hmget("RS", "learns_spam", "learns_ham");
                    p.hget(Heartbeat.KEY, "bench");
                    p.hset(Heartbeat.KEY, "bench", Long.toString(System.currentTimeMillis()));
                    p.pexpire(Heartbeat.KEY, 60_000);
                    p.sync();
                    withKeys.add(System.nanoTime() - start);
                }
                j.hdel(Heartbeat.KEY, "bench");
                System.out.printf("master/bayes round trip: INFO %.1f us, INFO+HMGET+HGET+HSET+PEXPIRE %.1f us (median of %d)%n",
                        median(infoOnly) / 1000.0, median(withKeys) / 1000.0, n);
            }
        }
    }

    private static long refreshes(Topology t, int n) {
        try (Transports transports = new Transports(t);
             Prober prober = new Prober(t, transports, ProbeOptions.defaults())) {
            for (int i = 0; i < 3; i++) prober.refresh();
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                prober.refresh();
                micros.add((System.nanoTime() - start) / 1000);
            }
            return median(micros);
        }
    }

    /** The lags a healthy replica reads at the console's pace, then the largest while its tunnel is frozen 5 s. */
    private static void resolution(Lab lab, Topology t, int n) throws InterruptedException {
        InstanceRef master = InstanceRef.parse("master/bayes").orElseThrow();
        InstanceRef replica = InstanceRef.parse("replica1/bayes").orElseThrow();
        try (Transports transports = new Transports(t);
             Prober prober = new Prober(t, transports, ProbeOptions.defaults())) {
            for (Duration pace : List.of(Duration.ofMillis(1000), Duration.ofMillis(200))) {
                List<Long> lags = new ArrayList<>();
                for (int i = 0; i < Math.min(n, pace.toMillis() >= 1000 ? 30 : n); i++) {
                    Snapshot s = prober.refresh();
                    OptionalLong lag = Heartbeat.lagMillis(s.instance(master), s.instance(replica).orElseThrow());
                    if (lag.isPresent()) lags.add(lag.getAsLong());
                    Thread.sleep(pace.toMillis());
                }
                long zero = lags.stream().filter(l -> l == 0).count();
                System.out.printf("healthy, refresh every %d ms: %d lags read, %d of them 0, max %d ms%n", pace.toMillis(),
                        lags.size(), zero, lags.stream().mapToLong(Long::longValue).max().orElse(-1));
            }
            long pid = lab.pid(lab.tunnelProcess("replica1").orElseThrow()).orElseThrow();
            for (Duration pace : List.of(Duration.ofMillis(1000), Duration.ofMillis(200))) {
                long most = 0;
                long frozenAt = System.nanoTime();
                Pids.signal(pid, "STOP");
                try {
                    while (System.nanoTime() - frozenAt < Duration.ofSeconds(5).toNanos()) {
                        Snapshot s = prober.refresh();
                        most = Math.max(most, Heartbeat.lagMillis(s.instance(master), s.instance(replica).orElseThrow()).orElse(0));
                        Thread.sleep(pace.toMillis());
                    }
                } finally {
                    Pids.signal(pid, "CONT");
                }
                long frozenMs = (System.nanoTime() - frozenAt) / 1_000_000;
                System.out.printf("tunnel frozen %d ms, refresh every %d ms: largest lag read %d ms%n", frozenMs, pace.toMillis(), most);
                for (int i = 0; i < 10; i++) {
                    prober.refresh();
                    Thread.sleep(200);
                }
            }
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
