package org.repcon.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.repcon.cli.CliRunner;
import org.repcon.config.ConfigDrift;
import org.repcon.lab.Lab;
import org.repcon.lab.LabTopology;
import org.repcon.testing.Await;
import org.repcon.testing.TestLab;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.TopologyLoader;
import redis.clients.jedis.Jedis;

/**
 * {@code setup --apply --yes} as a child process (the built classes, {@code java -cp}) killed with SIGKILL at random
 * moments of its run on the lab, each run asked for new maxmemory values (the common file's and bayes's own), so
 * that it writes files and restarts instances. After each kill, once the lab settles: the plan shows every instance
 * whose running maxmemory is not its file's as a restart pending (and every instance running other values than the
 * topology wants as not done); at the end one apply leaves every instance running what its files say (CONFIG GET
 * against the files, every directive). The seed is printed: {@code -Drepcon.killSeed=N} replays a run,
 * {@code -Drepcon.kills=20} makes the twenty kills (8 by default, to bound the suite's time).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SetupKillTest {

    private static final long SEED = Long.getLong("repcon.killSeed", 20261201L);
    private static final int KILLS = Integer.getInteger("repcon.kills", 8);
    private static final long CHILD_LIMIT_MS = 120_000;

    private Path dir;
    private Path file;
    private String original;
    private Lab lab;

    @BeforeAll
    void fromNothing() throws Exception {
        dir = Files.createTempDirectory("repcon-setup-kill");
        file = TestLab.file(57, dir);
        original = Files.readString(file);
        lab = new Lab(LabTopology.of(TopologyLoader.load(file), Optional.empty()));
        CliRunner.Result first = CliRunner.run("setup", file.toString(), "--apply", "--yes");
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
    }

    @AfterAll
    void down() {
        lab.down();
    }

    @Test
    void killedAtRandomMomentsThePlanShowsEveryPendingRestartAndTheNextApplyLeavesRunningEqualToFile() throws Exception {
        Random random = new Random(SEED);
        long start = System.nanoTime();
        // One run not killed, to know how long an apply that writes and restarts takes here (JVM start included).
        want(0);
        Child whole = Child.start(file, dir.resolve("apply-0.out"));
        long runMillis = whole.awaitExit();
        assertThat(whole.exitCode()).as(whole.output()).isZero();
        System.out.println("SETUP-KILL seed " + SEED + ", " + KILLS + " kills; an apply that writes and restarts took " + runMillis + " ms");

        int leftPending = 0;
        List<String> log = new ArrayList<>();
        for (int round = 1; round <= KILLS; round++) {
            want(round);
            long delay = random.nextLong(runMillis);
            Child child = Child.start(file, dir.resolve("apply-" + round + ".out"));
            boolean killed = child.killAfter(delay);
            Map<String, Running> settled = settle();
            CliRunner.Result plan = CliRunner.run("setup", file.toString(), "--plan");
            assertThat(settle()).as("the lab moved while the plan was made").isEqualTo(settled);

            int pendingHere = 0;
            for (Instance instance : instances()) {
                String ref = instance.ref().toString();
                Running now = settled.get(ref);
                String line = startLine(plan.out(), ref);
                long wanted = wantedMaxmemory(round, instance);
                if (now.maxmemory() < 0) {
                    assertThat(line).as("round %d: %s is down", round, ref).startsWith("  missing");
                    continue;
                }
                long inFile = fileMaxmemory(instance);
                if (now.maxmemory() != inFile) {
                    pendingHere++;
                    assertThat(line).as("round %d: %s runs %d, its file says %d", round, ref, now.maxmemory(), inFile)
                            .startsWith("  differs").contains("runs with maxmemory " + now.maxmemory() + ", its file says ");
                }
                if (now.maxmemory() != wanted) {
                    assertThat(line).as("round %d: %s runs %d, the topology wants %d", round, ref, now.maxmemory(), wanted)
                            .startsWith("  differs").contains("runs with maxmemory " + now.maxmemory());
                } else {
                    assertThat(line).as("round %d: %s runs what the topology wants", round, ref).startsWith("  done");
                }
            }
            if (pendingHere > 0) leftPending++;
            log.add("kill " + round + " at " + delay + " ms: " + (killed ? "killed" : "had ended (rc " + child.exitCode() + ")")
                    + "; then " + pendingHere + " instances ran other values than their files");
        }
        log.forEach(l -> System.out.println("SETUP-KILL " + l));
        System.out.println("SETUP-KILL after " + leftPending + " of " + KILLS + " kills a restart was pending on the host");

        CliRunner.Result next = CliRunner.run("setup", file.toString(), "--apply", "--yes");
        assertThat(next.exitCode()).as(next.out() + next.err()).isZero();
        for (Instance instance : instances()) {
            Host host = lab.topology().hostOf(instance);
            try (Jedis j = Lab.jedis(host, instance.port())) {
                Map<String, String> running = j.configGet("*");
                assertThat(Long.parseLong(running.get("maxmemory"))).as(instance.ref().toString())
                        .isEqualTo(fileMaxmemory(instance)).isEqualTo(wantedMaxmemory(KILLS, instance));
                // Every directive its files set, as Redis reads them, against what it runs with.
                ConfigDrift.FileValues files = ConfigDrift.fileValues(instanceFile(instance).toString(), SetupKillTest::read);
                assertThat(files.unread()).isEmpty();
                assertThat(ConfigDrift.compare(files, running, files.values().keySet())).as(instance.ref().toString()).isEmpty();
            }
        }
        assertThat(CliRunner.run("setup", file.toString(), "--plan").out()).contains("49 steps: 49 done");
        System.out.println("SETUP-KILL total " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /** Round n's topology: new values, never asked before, for the common maxmemory and bayes's own. */
    private void want(int round) throws IOException {
        Files.writeString(file, original.replace("maxmemory: 64M", "maxmemory: " + (60 + round) + "M")
                .replace("maxmemory: 96M", "maxmemory: " + (100 + round) + "M"));
    }

    private static long wantedMaxmemory(int round, Instance instance) {
        return (instance.name().equals("bayes") ? 100 + round : 60 + round) * 1_000_000L;
    }

    private List<Instance> instances() {
        return lab.topology().hosts().stream().flatMap(h -> h.instances().stream()).toList();
    }

    private Path instanceFile(Instance instance) {
        return dir.resolve(instance.ref().host()).resolve("etc/redis-" + instance.name() + ".conf");
    }

    /** The maxmemory the instance's files give it: its own file's last line, else the common file's (lab values are in M). */
    private long fileMaxmemory(Instance instance) throws IOException {
        for (Path p : List.of(instanceFile(instance), dir.resolve(instance.ref().host()).resolve("etc/redis.conf"))) {
            List<String> lines = Files.readAllLines(p).stream().filter(l -> l.startsWith("maxmemory ")).toList();
            if (!lines.isEmpty()) {
                String v = lines.get(lines.size() - 1).substring("maxmemory ".length()).strip();
                assertThat(v).endsWith("M");
                return Long.parseLong(v.substring(0, v.length() - 1)) * 1_000_000L;
            }
        }
        throw new AssertionError("no maxmemory for " + instance.ref());
    }

    private static Optional<String> read(String path) {
        try {
            return Optional.of(Files.readString(Path.of(path)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String startLine(String plan, String ref) {
        return plan.lines().filter(l -> l.contains(" start redis ") && l.contains("start " + ref + ":")).findFirst()
                .orElseThrow(() -> new AssertionError("no start step of " + ref + " in:\n" + plan));
    }

    /** What an instance runs as: its pid and maxmemory (-1 when it does not answer). */
    private record Running(long pid, long maxmemory) {}

    /** Every instance's pid and maxmemory, once two looks a quarter second apart agree (an instance killed mid-restart settles). */
    private Map<String, Running> settle() {
        return Await.settled("the lab's pids and maxmemory", Duration.ofSeconds(20), Duration.ofMillis(250), this::look);
    }

    private Map<String, Running> look() {
        Map<String, Running> out = new LinkedHashMap<>();
        for (Instance i : instances()) {
            long pid = lab.process(i.ref().host(), i.name()).flatMap(lab::pid).orElse(-1L);
            long maxmemory;
            try (Jedis j = Lab.jedis(lab.topology().hostOf(i), i.port())) {
                maxmemory = Long.parseLong(j.configGet("maxmemory").get("maxmemory"));
            } catch (RuntimeException e) {
                maxmemory = -1;
            }
            out.put(i.ref().toString(), new Running(pid, maxmemory));
        }
        return out;
    }

    /** {@code repcon setup FILE --apply --yes} in a JVM of its own, on the classes this test runs on. */
    private static final class Child {
        private final Process process;
        private final Path output;

        private Child(Process process, Path output) {
            this.process = process;
            this.output = output;
        }

        static Child start(Path file, Path output) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.repcon.cli.Main", "setup", file.toString(), "--apply", "--yes")
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            return new Child(pb.start(), output);
        }

        /** Milliseconds until it exited by itself. */
        long awaitExit() throws InterruptedException {
            long start = System.nanoTime();
            if (!process.waitFor(CHILD_LIMIT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("setup --apply did not end within " + CHILD_LIMIT_MS + " ms");
            }
            return (System.nanoTime() - start) / 1_000_000;
        }

        /** SIGKILL after {@code millis} unless it ended before; true when it was killed. */
        boolean killAfter(long millis) throws InterruptedException {
            if (process.waitFor(millis, TimeUnit.MILLISECONDS)) return false;
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            process.waitFor();
            return true;
        }

        int exitCode() {
            return process.exitValue();
        }

        String output() throws IOException {
            return Files.readString(output);
        }
    }
}
