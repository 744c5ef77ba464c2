package org.repcon.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.repcon.lab.Lab;
import org.repcon.lab.LabBinaries;
import org.repcon.lab.LabProcess;
import org.repcon.lab.LabTopology;
import org.repcon.probe.ProbeOptions;
import org.repcon.probe.Prober;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;
import org.repcon.transport.Transports;
import org.repcon.util.RepconException;
import redis.clients.jedis.Jedis;

/**
 * The probe's cost at scale: a lab of N hosts with three instances each (no tunnels), one full
 * refresh timed over several runs, against the shell loop an operator would write instead
 * ({@code redis-cli INFO} per instance). Also checks that a refresh is one round trip per instance.
 */
public final class ProbeBench {

    public record Result(int instances, List<Long> refreshMicros, long shellMicros, long infoCallsPerInstance,
                         int refreshesCounted, int instancesOffCount) {

        public long medianMicros() {
            return median(refreshMicros);
        }

        public double ratio() {
            return (double) shellMicros / medianMicros();
        }
    }

    private ProbeBench() {}

    /** A lab topology of {@code hosts} hosts on 127.10.0.1.. with redis/bayes/fuzzy each. */
    static Topology topology(int hosts, Path dir) {
        StringBuilder yaml = new StringBuilder("name: bench\nplatform: lab\nroot: " + dir + "\ncommon: { maxmemory: 16M }\nhosts:\n");
        for (int h = 0; h < hosts; h++) {
            yaml.append("  h").append(h).append(":\n    address: 127.10.").append(h / 250).append('.').append(h % 250 + 1)
                    .append("\n    instances:\n      redis: { port: 6379 }\n      bayes: { port: 6378 }\n      fuzzy: { port: 6377 }\n");
        }
        return TopologyLoader.parse(yaml.toString(), dir.resolve("bench.yaml"));
    }

    public static Result run(int hosts, int refreshes, Path dir, PrintWriter progress) {
        return run(hosts, refreshes, dir, progress, ProbeOptions.defaults());
    }

    public static Result run(int hosts, int refreshes, Path dir, PrintWriter progress, ProbeOptions options) {
        Lab lab = new Lab(LabTopology.of(topology(hosts, dir), Optional.of(dir)));
        Topology t = lab.topology();
        try {
            progress.println("starting " + t.instances().count() + " redis-server processes under " + dir + " ...");
            progress.flush();
            lab.writeFiles();
            for (LabProcess p : lab.processes()) lab.start(p);
            try (Transports transports = new Transports(t);
                 Prober prober = new Prober(t, transports, options)) {
                for (int n = 0; n < 3; n++) prober.refresh(); // connections opened, code warmed
                List<Long> before = infoCalls(t);
                List<Long> micros = new ArrayList<>();
                for (int n = 0; n < refreshes; n++) {
                    long start = System.nanoTime();
                    prober.refresh();
                    micros.add((System.nanoTime() - start) / 1000);
                }
                List<Long> after = infoCalls(t);
                // Each instance: the refreshes plus the one INFO commandstats read that 'before' made.
                long expected = refreshes + 1L;
                int off = 0;
                for (int i = 0; i < before.size(); i++) if (after.get(i) - before.get(i) != expected) off++;
                long shell = shellLoop(t);
                return new Result((int) t.instances().count(), micros, shell, expected - 1, refreshes, off);
            }
        } finally {
            lab.down();
        }
    }

    private static List<Long> infoCalls(Topology t) {
        List<Long> out = new ArrayList<>();
        for (Instance i : t.instances().toList()) {
            try (Jedis j = Lab.jedis(t.hostOf(i), i.port())) {
                String stats = j.info("commandstats");
                long calls = 0;
                for (String line : stats.split("\r?\n")) {
                    if (line.startsWith("cmdstat_info:calls=")) calls = Long.parseLong(line.replaceAll("^cmdstat_info:calls=(\\d+).*", "$1"));
                }
                out.add(calls);
            }
        }
        return out;
    }

    /** The operator's loop, timed three times; the median run. */
    private static long shellLoop(Topology t) {
        String cli = LabBinaries.onPath("redis-cli").map(Path::toString).orElseThrow(() ->
                RepconException.failed("redis-cli not found (apt-get install -y redis-tools) for the shell-loop comparison"));
        StringBuilder script = new StringBuilder();
        for (Instance i : t.instances().toList()) {
            Host h = t.hostOf(i);
            script.append(cli).append(" -h ").append(h.address().orElseThrow()).append(" -p ").append(i.port()).append(" INFO >/dev/null\n");
        }
        List<Long> runs = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            try {
                long start = System.nanoTime();
                Process p = new ProcessBuilder("sh", "-c", script.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(2, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw RepconException.failed("the shell loop did not finish in 2 minutes");
                }
                runs.add((System.nanoTime() - start) / 1000);
            } catch (IOException e) {
                throw RepconException.failed("cannot run sh: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RepconException.failed("interrupted");
            }
        }
        return median(runs);
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
