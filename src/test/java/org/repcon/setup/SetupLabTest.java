package org.repcon.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.repcon.cli.CliRunner;
import org.repcon.lab.Lab;
import org.repcon.lab.LabTopology;
import org.repcon.testing.Await;
import org.repcon.testing.TestLab;
import org.repcon.topology.Host;
import org.repcon.topology.TopologyLoader;
import redis.clients.jedis.Jedis;

/**
 * {@code repcon setup --apply --yes} on a lab topology from nothing (an empty directory, no process): every file
 * written, every instance and tunnel started, replication verified; a second run finds every step done and touches
 * no file; a hand-edited file is shown as a diff, backed up, replaced, and its instance restarted on it when it runs
 * with other values than the new file's (and left running when it does not); an instance running other values than
 * its files as the topology wants them (what a setup killed after writing leaves) is restarted by the next apply.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SetupLabTest {

    private Path dir;
    private Path file;
    private Lab lab;
    private CliRunner.Result first;
    private long firstMillis;

    @BeforeAll
    void fromNothing() throws Exception {
        dir = Files.createTempDirectory("repcon-setup-lab");
        file = TestLab.file(40, dir);
        lab = new Lab(LabTopology.of(TopologyLoader.load(file), Optional.empty()));
        long start = System.nanoTime();
        first = CliRunner.run("setup", file.toString(), "--apply", "--yes");
        firstMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("TIMING setup --apply from nothing: " + firstMillis + " ms");
    }

    @AfterAll
    void down() {
        lab.down();
    }

    @Test
    @Order(1)
    void fromNothingEveryInstanceAndTunnelRunsAndReplicationIsVerified() throws Exception {
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("3 hosts, 49 steps: 3 done, 0 differ, 46 missing, 0 unknown");
        // The 46 pending steps are applied, but for the verifications (tunnels, replication) that a replica has already
        // passed when they come: how many depends on how fast replication settles.
        java.util.regex.Matcher applied = java.util.regex.Pattern.compile(
                "applied (\\d+) steps on master, replica1, replica2(?: \\((\\d+) more found done by then\\))?\n").matcher(first.out());
        assertThat(applied.find()).as(first.out()).isTrue();
        int done = Integer.parseInt(applied.group(1));
        assertThat(done + (applied.group(2) == null ? 0 : Integer.parseInt(applied.group(2)))).isEqualTo(46);
        assertThat(done).isBetween(42, 46);
        // Masters first: master's steps all come before replica1's.
        assertThat(first.out().indexOf("  master: start master/bayes")).isLessThan(first.out().indexOf("  replica1: write"));
        // Replication verified: waited for by the step, or found so when the step came.
        assertThat(first.out()).contains("log: MASTER <-> REPLICA sync: Finished with success")
                .containsAnyOf("replica1/bayes: link up, offsets meet", "replica1: verify replication on replica1\n    done: bayes: link up")
                .containsAnyOf("replica2/fuzzy: link up", "replica2: verify replication on replica2\n    done: bayes: link up, in sync, log:"
                        + " MASTER <-> REPLICA sync: Finished with success; fuzzy: link up");
        for (var p : lab.processes()) assertThat(lab.pid(p)).as(p.label()).isPresent();
        Host master = lab.topology().host("master").orElseThrow();
        Host replica2 = lab.topology().host("replica2").orElseThrow();
        try (Jedis m = Lab.jedis(master, 6378); Jedis r = Lab.jedis(replica2, 6378)) {
            m.set("learned", "spam");
            Await.value("the key replicated to replica2", Duration.ofSeconds(5), () -> r.get("learned"), "spam"::equals);
        }
        Path psk = dir.resolve("replica1/etc/psk.txt");
        assertThat(Files.getPosixFilePermissions(psk)).containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        String secret = Files.readString(psk).strip();
        assertThat(secret).startsWith("replica1:");
        assertThat(first.out() + first.err()).doesNotContain(secret.substring("replica1:".length()));
        assertThat(Files.readString(Path.of(System.getenv("XDG_STATE_HOME"), "repcon", "audit.log")))
                .doesNotContain(secret.substring("replica1:".length()));
    }

    @Test
    @Order(2)
    void aSecondRunFindsEveryStepDoneAndTouchesNoFile() throws Exception {
        Map<String, String> before = files();
        long start = System.nanoTime();
        CliRunner.Result again = CliRunner.run("setup", file.toString(), "--apply", "--yes");
        System.out.println("TIMING setup --apply, nothing to do: " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("49 steps: 49 done, 0 differ, 0 missing, 0 unknown", "nothing to do: every step is done");
        assertThat(files()).isEqualTo(before);
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.map(Path::toString)).noneMatch(p -> p.contains(".bak-")).noneMatch(p -> p.endsWith(".repcon-tmp"));
        }
    }

    @Test
    @Order(3)
    void aHandEditedInstanceFileIsShownAsADiffBackedUpAndReplaced() throws Exception {
        Path bayes = dir.resolve("replica1/etc/redis-bayes.conf");
        String wanted = Files.readString(bayes);
        String edited = wanted.replace("maxmemory 96M", "maxmemory 50M") + "# tuned by hand\n";
        Files.writeString(bayes, edited);
        Host replica1 = lab.topology().host("replica1").orElseThrow();
        try (Jedis r = Lab.jedis(replica1, 6378)) {
            r.configSet("maxmemory", "50M"); // as if restarted on the edited file
        }
        long pid = lab.pid(lab.process("replica1", "bayes").orElseThrow()).orElseThrow();

        CliRunner.Result plan = CliRunner.run("setup", file.toString(), "--host", "replica1", "--plan");
        assertThat(plan.exitCode()).isZero();
        assertThat(plan.out()).contains("differs  instance config     write " + bayes + ": content differs",
                "-maxmemory 50M", "+maxmemory 96M", "-# tuned by hand",
                "differs  start redis         start replica1/bayes: runs with maxmemory 50000000, its file says 96M (96000000):"
                        + " restarted once " + bayes + " is written");
        assertThat(Files.readString(bayes)).isEqualTo(edited);

        CliRunner.Result apply = CliRunner.run("setup", file.toString(), "--host", "replica1", "--apply", "--yes");
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("applied 2 steps on replica1");
        assertThat(Files.readString(bayes)).isEqualTo(wanted);
        try (Stream<Path> siblings = Files.list(bayes.getParent())) {
            List<Path> backups = siblings.filter(p -> p.getFileName().toString().startsWith("redis-bayes.conf.bak-")).toList();
            assertThat(backups).hasSize(1);
            assertThat(Files.readString(backups.get(0))).isEqualTo(edited);
        }
        try (Jedis r = Lab.jedis(replica1, 6378)) {
            assertThat(r.configGet("maxmemory")).containsEntry("maxmemory", "96000000"); // restarted on the new file
        }
        assertThat(lab.pid(lab.process("replica1", "bayes").orElseThrow()).orElseThrow()).isNotEqualTo(pid);
        assertThat(CliRunner.run("setup", file.toString(), "--host", "replica1", "--plan").out()).contains("17 steps, 17 done");
    }

    @Test
    @Order(4)
    void aFileRewrittenToWhatTheInstanceRunsWithAlreadyLeavesItRunning() throws Exception {
        Path fuzzy = dir.resolve("replica2/etc/redis-fuzzy.conf");
        String wanted = Files.readString(fuzzy);
        Files.writeString(fuzzy, wanted + "# a comment\n");
        long pid = lab.pid(lab.process("replica2", "fuzzy").orElseThrow()).orElseThrow();

        CliRunner.Result plan = CliRunner.run("setup", file.toString(), "--host", "replica2", "--plan");
        assertThat(plan.out()).contains("differs  instance config     write " + fuzzy + ": content differs",
                "done     start redis         start replica2/fuzzy: replica2/fuzzy answers PING; runs with what its new files say already");
        CliRunner.Result apply = CliRunner.run("setup", file.toString(), "--host", "replica2", "--apply", "--yes");
        assertThat(apply.out()).contains("applied 1 step on replica2");
        assertThat(lab.pid(lab.process("replica2", "fuzzy").orElseThrow())).hasValue(pid);
    }

    /**
     * What a setup killed right after writing leaves: every file as the topology wants it, an instance still running
     * the old values. The restart pending is seen on the host, by a new setup, and done by its apply.
     */
    @Test
    @Order(5)
    void aRestartPendingIsSeenOnTheHostAndTheNextApplyDoesIt() throws Exception {
        Host replica2 = lab.topology().host("replica2").orElseThrow();
        try (Jedis r = Lab.jedis(replica2, 6377)) {
            r.configSet("maxmemory", "80M"); // runs with 80M; its file (the common redis.conf) says 64M
        }
        CliRunner.Result plan = CliRunner.run("setup", file.toString(), "--plan");
        assertThat(plan.out()).contains("49 steps: 48 done, 1 differ, 0 missing, 0 unknown",
                "differs  start redis         start replica2/fuzzy: runs with maxmemory 80000000, its file says 64M (64000000):"
                        + " restart pending");
        CliRunner.Result apply = CliRunner.run("setup", file.toString(), "--apply", "--yes");
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("applied 1 step on replica2");
        try (Jedis r = Lab.jedis(replica2, 6377)) {
            assertThat(r.configGet("maxmemory")).containsEntry("maxmemory", "64000000");
        }
        assertThat(CliRunner.run("setup", file.toString(), "--plan").out()).contains("49 steps: 49 done");
    }

    /** Every file setup writes (configs, Rspamd's, the secrets), by path: its hash and its mtime. */
    private Map<String, String> files() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).filter(p -> p.toString().contains("/etc/")
                    || p.toString().contains("/rspamd/") || p.getFileName().toString().equals("secrets.psk")).toList()) {
                out.put(p.toString(), sha256(p) + " " + Files.getLastModifiedTime(p).toInstant());
            }
        }
        assertThat(out).hasSizeGreaterThan(20);
        return out;
    }

    private static String sha256(Path p) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
