package org.repcon.probe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.testing.RedisProcess;
import org.repcon.testing.TestTopology;
import org.repcon.topology.Topology;
import org.repcon.transport.Transports;

/**
 * How long one refresh of many local instances takes. A measurement, not a test: run it on purpose with
 * {@code mvn -o -B test -Dtest=ProberBenchmark -Drepcon.bench=300 [-Drepcon.bench.parallelism=4,8,16,32]}.
 */
@EnabledIfSystemProperty(named = "repcon.bench", matches = "\\d+")
class ProberBenchmark {

    @TempDir
    Path dir;

    @Test
    void refreshOfManyLocalInstances() {
        int n = Integer.getInteger("repcon.bench");
        List<Integer> parallelisms = Arrays.stream(System.getProperty("repcon.bench.parallelism", "16").split(","))
                .map(String::strip).map(Integer::valueOf).toList();
        List<RedisProcess> servers = new ArrayList<>();
        try {
            StringBuilder yaml = new StringBuilder("  local:\n    address: 127.0.0.1\n    instances:\n");
            for (int i = 0; i < n; i++) {
                RedisProcess r = RedisProcess.start(dir);
                servers.add(r);
                yaml.append("      i").append(i).append(": { kind: cache, port: ").append(r.port()).append(" }\n");
            }
            Topology topology = TestTopology.lab(dir, yaml.toString());
            for (int p : parallelisms) measure(topology, n, p);
        } finally {
            servers.forEach(RedisProcess::close);
        }
    }

    private static void measure(Topology topology, int n, int parallelism) {
        try (Transports transports = new Transports(topology);
             Prober prober = new Prober(topology, transports, ProbeOptions.defaults().withParallelism(parallelism))) {
            Snapshot first = prober.refresh(); // connects
            for (int i = 0; i < 100; i++) prober.refresh(); // JIT warm-up
            long[] micros = new long[100];
            for (int i = 0; i < micros.length; i++) {
                Snapshot s = prober.refresh();
                if (!s.instances().values().stream().allMatch(InstanceSample::ok)) throw new AssertionError("not all OK");
                micros[i] = s.refreshDuration().toNanos() / 1000;
            }
            Arrays.sort(micros);
            System.out.printf("bench: %d instances, parallelism %d: first refresh (connect) %d ms; refresh median %.1f ms,"
                            + " p90 %.1f ms, max %.1f ms (100 refreshes)%n", n, parallelism,
                    first.refreshDuration().toMillis(), micros[50] / 1000.0, micros[90] / 1000.0, micros[99] / 1000.0);
        }
    }
}
