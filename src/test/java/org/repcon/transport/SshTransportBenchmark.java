package org.repcon.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.testing.RedisProcess;
import org.repcon.testing.SshServer;
import redis.clients.jedis.Jedis;

/**
 * What ssh costs, against a local sshd. A measurement, not a test: run it on purpose with
 * {@code mvn -o -B test -Dtest=SshTransportBenchmark -Drepcon.bench.ssh=true}.
 */
@EnabledIfSystemProperty(named = "repcon.bench.ssh", matches = "true")
class SshTransportBenchmark {

    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        try (SshServer sshd = SshServer.start(dir); RedisProcess redis = RedisProcess.start(dir);
             LocalTransport local = new LocalTransport()) {
            List<String> direct = List.of("ssh", "-F", sshd.clientConfig().toString(), "-o", "BatchMode=yes", "127.0.0.1", "true");
            report("plain ssh (no multiplexing), exec true", 10, () -> check(local.exec(direct, T)));

            report("first exec on a new transport (connect + exec true)", 10, () -> {
                try (SshTransport t = transport(sshd)) {
                    check(t.exec(List.of("true"), T));
                }
            });

            try (SshTransport t = transport(sshd)) {
                check(t.exec(List.of("true"), T));
                report("multiplexed exec true", 30, () -> check(t.exec(List.of("true"), T)));
                int[] port = {20000};
                report("new forward (reach of a new port, connection up)", 20, () -> t.reach("127.0.0.1", port[0]++));
                Endpoint forward = t.reach("127.0.0.1", redis.port());
                report("known forward (reach again)", 1000, () -> t.reach("127.0.0.1", redis.port()));
                try (Jedis through = RedisConnector.connect(forward, null, T, T);
                     Jedis straight = new Jedis("127.0.0.1", redis.port(), 5000)) {
                    report("PING through the forward", 2000, through::ping);
                    report("PING straight", 2000, straight::ping);
                }
                Path log = dir.resolve("bench.log");
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < 10_000; i++) text.append("line ").append(i).append('\n');
                Files.writeString(log, text);
                report("tail 100 lines", 20, () -> t.tail(log.toString(), 100));
                report("follow: start, first line, close", 10, () -> follow(t, log));
            }
        }
    }

    private static SshTransport transport(SshServer sshd) {
        return new SshTransport("bench", "127.0.0.1", sshd.access(), Duration.ofSeconds(5), Path.of("/tmp/repcon-bench-run"));
    }

    private static void follow(SshTransport t, Path log) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Follow f = t.follow(List.of("tail", "-n", "1", "-F", log.toString()), lines::add);
        while (lines.isEmpty()) Thread.onSpinWait();
        f.close();
    }

    private static void check(ExecResult r) {
        if (!r.ok()) throw new AssertionError(r.summary());
    }

    private interface Step {
        void run() throws IOException;
    }

    private static void report(String what, int n, Step step) throws IOException {
        step.run(); // warm-up
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            step.run();
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("bench: %-55s median %8.2f ms  p90 %8.2f ms  (n=%d)%n", what, micros[n / 2] / 1000.0,
                micros[n * 9 / 10] / 1000.0, n);
    }
}
