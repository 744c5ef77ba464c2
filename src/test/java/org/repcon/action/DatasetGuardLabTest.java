package org.repcon.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.repcon.cli.CliRunner;
import org.repcon.diagnosis.Finding;
import org.repcon.diagnosis.Severity;
import org.repcon.diagnosis.Thresholds;
import org.repcon.lab.Lab;
import org.repcon.lab.LabFaults;
import org.repcon.monitor.Monitor;
import org.repcon.probe.ProbeOptions;
import org.repcon.testing.Await;
import org.repcon.testing.Healthy;
import org.repcon.testing.TestLab;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import redis.clients.jedis.Jedis;

/**
 * The incident of issue 10 on a real lab (redis-server, stunnel): a master killed with its RDB gone, whose plain start
 * would make both replicas copy an empty dataset. The start is refused with the loss spelled out; the suggested fix
 * (restore from a replica) brings every key back with the replicas' counts unchanged; a master running with save ""
 * is not restarted; a forced start with the replicas cut off shows master-data-lost until restore clears it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatasetGuardLabTest extends LabActionTest {

    private static final int BLOCK = 44;
    private static final int KEYS = 500;
    private static final List<String> REPLICAS = List.of("replica1/bayes", "replica2/bayes");
    private static final Duration REFRESH = Duration.ofMillis(500);

    private Monitor monitor;

    @Override
    Lab createLab(Path dir) {
        return TestLab.create(BLOCK, dir);
    }

    @Override
    void prepare() throws Exception {
        try (Jedis j = jedis("master/bayes")) {
            for (int n = 0; n < KEYS; n++) j.hset("RS_token" + n, Map.of("S", Integer.toString(n), "H", "1"));
        }
        awaitKeys(KEYS);
        monitor = new Monitor(topology, transports, ProbeOptions.defaults(), Thresholds.defaults());
    }

    @AfterAll
    void closeMonitor() {
        if (monitor != null) monitor.close();
    }

    @Test
    @Order(1)
    void killedMasterWithoutItsRdbIsNotStartedButRestoredFromAReplica() throws Exception {
        assertThat(monitor.refresh().findings()).noneMatch(f -> f.severity() != Severity.INFO);
        killMasterAndRemoveItsRdb();
        Finding down = awaitFinding("instance-down", "master/bayes");
        // The console's fix for the down master is the restore, not a start that would wipe the replicas.
        // Either replica: both hold every key; at equal offsets the one whose link went down last is taken.
        assertThat(down.action()).matches("restore master/bayes from replica[12]/bayes");

        Scripted plain = new Scripted();
        ActionResult refused = run("start master/bayes", plain);
        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.message()).matches("replica[12]/bayes holds 500 keys, master/bayes would start empty: its RDB "
                + java.util.regex.Pattern.quote(rdbPath()) + " is missing; restore master/bayes from replica[12]/bayes instead;"
                + " or 'start master/bayes --force' \\(typing master/bayes\\) to do it anyway.*");
        assertThat(plain.questions).isEmpty();
        assertThat(plain.previews).isEmpty();
        assertThat(lastAudit().get("outcome").getAsString()).isEqualTo("refused");

        // The same through the shell, as a script runs it: exit 4 and the one line.
        CliRunner.Result shell = CliRunner.run("shell", dir.resolve("lab.yaml").toString(), "--yes", "-c", "start master/bayes");
        assertThat(shell.exitCode()).isEqualTo(4);
        assertThat(shell.err()).contains("master/bayes would start empty: its RDB").doesNotContain("Exception");
        assertThat(lab.pid(lab.process("master", "bayes").orElseThrow())).isEmpty();
        Map<String, Long> before = replicaKeys();
        assertThat(before).containsOnly(Map.entry("replica1/bayes", (long) KEYS), Map.entry("replica2/bayes", (long) KEYS));

        // The suggested fix, as the console's x runs it: previewed, the name typed.
        Scripted s = Scripted.answering("master/bayes");
        ActionResult restored = run(down.action(), s);
        assertThat(restored.outcome()).as(restored.message()).isEqualTo(Outcome.DONE);
        assertThat(s.questions).extracting(Question::kind).containsExactly(Confirmation.TYPE_NAME);
        String source = down.action().substring("restore master/bayes from ".length()); // replica1/bayes or replica2/bayes
        String sourceHost = source.substring(0, source.indexOf('/'));
        assertThat(s.previews.get(0).commands()).anyMatch(c -> c.startsWith(source + "> BGSAVE"))
                .anyMatch(c -> c.startsWith(sourceHost + ":") && c.contains(" -> master:" + rdbPath()));
        assertThat(restored.message()).startsWith("master/bayes holds 500 keys again (" + source + " had 500 keys)")
                .contains("replica1/bayes reconnected", "replica2/bayes reconnected");
        assertThat(keys("master/bayes")).isEqualTo(KEYS);
        awaitLinks();
        assertThat(replicaKeys()).isEqualTo(before);
        JsonObject audit = lastAudit();
        assertThat(audit.get("verb").getAsString()).isEqualTo("restore");
        assertThat(audit.get("outcome").getAsString()).isEqualTo("done");
        assertThat(audit.getAsJsonArray("ran").toString()).contains("sha256");

        awaitNoProblem();
    }

    @Test
    @Order(2)
    void masterRunningWithoutPersistenceIsNotRestarted() throws Exception {
        cli("CONFIG", "SET", "save", "");
        try (Jedis j = jedis("master/bayes")) {
            j.set("learned-after-the-last-save", "1");
        }
        awaitKeys(KEYS + 1);
        Scripted s = new Scripted();
        ActionResult r = run("restart master/bayes", s);
        assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(r.message()).matches("replica[12]/bayes holds 501 keys, master/bayes runs with save \"\" and appendonly no,"
                + " so a restart does not save it: it would come back from its RDB saved .*").contains("without the 1 changes since");
        assertThat(s.questions).isEmpty();
        CliRunner.Result shell = CliRunner.run("shell", dir.resolve("lab.yaml").toString(), "--yes", "-c", "restart master/bayes");
        assertThat(shell.exitCode()).isEqualTo(4);
        assertThat(shell.err()).contains("runs with save \"\" and appendonly no");
        assertThat(keys("master/bayes")).isEqualTo(KEYS + 1);

        // With persistence back, the restart goes on: the shutdown saves.
        cli("CONFIG", "SET", "save", "3600 1 300 100 60 10000");
        ActionResult restart = run("restart master/bayes", Scripted.answering("y"));
        assertThat(restart.outcome()).as(restart.message()).isEqualTo(Outcome.DONE);
        awaitLinks();
        assertThat(keys("master/bayes")).isEqualTo(KEYS + 1);
        assertThat(replicaKeys().values()).containsOnly((long) KEYS + 1);
    }

    @Test
    @Order(3)
    void forcedEmptyStartShowsDataLostUntilRestored() throws Exception {
        long keys = keys("master/bayes");
        monitor.refresh();
        LabFaults.inject(lab, LabFaults.Fault.STOP_TUNNEL, "replica1");
        LabFaults.inject(lab, LabFaults.Fault.STOP_TUNNEL, "replica2");
        try {
            killMasterAndRemoveItsRdb();
            Scripted s = Scripted.answering("master/bayes");
            ActionResult forced = run("start master/bayes --force", s);
            assertThat(forced.outcome()).as(forced.message()).isEqualTo(Outcome.DONE);
            assertThat(s.questions).extracting(Question::kind).containsExactly(Confirmation.TYPE_NAME);
            assertThat(s.previews.get(0).warnings()).anyMatch(w -> w.matches("forced against the dataset guard: replica[12]\\/bayes holds .*master\\/bayes would start empty: its RDB .* is missing"));
            JsonObject record = lastAudit();
            assertThat(record.get("command").getAsString()).isEqualTo("start master/bayes --force");
            assertThat(record.get("outcome").getAsString()).isEqualTo("done");
            assertThat(keys("master/bayes")).isZero();

            Finding lost = awaitFinding("master-data-lost", "master/bayes");
            assertThat(lost.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(lost.summary()).contains("the replicas will copy the empty dataset");
            assertThat(lost.action()).startsWith("restore master/bayes from replica");
            assertThat(replicaKeys().values()).containsOnly(keys);
            // Whatever would make a replica copy the empty master now is refused too: a full resync, a restart.
            ActionResult resync = run("resync replica1/bayes --full", new Scripted());
            assertThat(resync.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(resync.message()).matches("replica1/bayes holds " + keys + " keys, master/bayes holds only no keys and"
                    + " would be copied as it is; restore master/bayes from replica[12]/bayes instead");
            ActionResult restart = run("restart master/bayes", new Scripted());
            assertThat(restart.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(restart.message()).matches("replica[12]/bayes holds " + keys + " keys, master/bayes holds only no keys and"
                    + " would come back so; restore master/bayes from replica[12]/bayes instead; or 'restart master/bayes --force'.*");

            // The tunnels are down, so the replicas cannot reconnect: restore says so and checks their keys all the same.
            Limits quick = new Limits(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(15), Duration.ofSeconds(5),
                    Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofMillis(100));
            Scripted r = Scripted.answering("master/bayes");
            ActionResult restored = run(lost.action(), new ActionRunner(new ActionContext(topology, transports, Optional.of(lab),
                    quick), false, r, r, audit));
            assertThat(restored.outcome()).as(restored.message()).isEqualTo(Outcome.DONE);
            assertThat(restored.message()).contains("holds " + keys + " keys again", "has not reconnected");
            assertThat(keys("master/bayes")).isEqualTo(keys);
        } finally {
            LabFaults.heal(lab, new PrintWriter(new StringWriter()));
        }
        awaitLinks();
        assertThat(replicaKeys().values()).containsOnly(keys);
        awaitNoProblem();
    }

    @Test
    @Order(4)
    void masterWhoseRdbIsBehindItsReplicasIsNotStarted() throws Exception {
        long saved = keys("master/bayes");
        cli("SAVE");
        try (Jedis j = jedis("master/bayes")) {
            for (int n = 0; n < 100; n++) j.set("after-save-" + n, "x");
        }
        awaitKeys(saved + 100);
        killMaster();
        ActionResult fewer = run("start master/bayes", new Scripted());
        assertThat(fewer.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(fewer.message()).matches("replica[12]/bayes holds " + (saved + 100) + " keys, master/bayes would start with "
                + saved + " keys in db0 \\(replica[12]/bayes has " + (saved + 100) + " there\\) from its RDB saved .*; restore"
                + " master/bayes from replica[12]/bayes instead; or 'start master/bayes --force' \\(typing master/bayes\\) to do it anyway");
        // Without 'from', the replica is chosen; every key comes back.
        ActionResult restored = run("restore master/bayes", Scripted.answering("master/bayes"));
        assertThat(restored.outcome()).as(restored.message()).isEqualTo(Outcome.DONE);
        awaitLinks();
        assertThat(keys("master/bayes")).isEqualTo(saved + 100);

        // Learning mostly increments hashes that exist: the key count stays, the replication offset tells.
        cli("SAVE");
        try (Jedis j = jedis("master/bayes")) {
            for (int n = 0; n < 200; n++) j.hincrBy("RS_token" + n, "S", 1);
        }
        awaitOffsets();
        killMaster();
        ActionResult behind = run("start master/bayes", new Scripted());
        assertThat(behind.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(behind.message()).matches("replica[12]/bayes holds " + (saved + 100) + " keys, master/bayes would start from its"
                + " RDB saved .*, \\d+ bytes of writes behind replica[12]/bayes \\(offset \\d+ against \\d+\\); restore .*");
        Map<String, Long> before = replicaKeys();
        ActionResult again = run("restore master/bayes from replica2/bayes", Scripted.answering("master/bayes"));
        assertThat(again.outcome()).as(again.message()).isEqualTo(Outcome.DONE);
        awaitLinks();
        assertThat(replicaKeys()).isEqualTo(before);
        try (Jedis j = jedis("master/bayes")) {
            assertThat(j.hget("RS_token7", "S")).isEqualTo("8");
        }
        awaitNoProblem();
    }

    @Test
    @Order(5)
    void setupDoesNotStartAKilledMasterWhoseRdbIsGone() throws Exception {
        Map<String, Long> before = replicaKeys();
        assertThat(before.values()).allMatch(k -> k > 0);
        killMasterAndRemoveItsRdb();

        // setup's start step goes through the same guard as the start action (and has no --force).
        CliRunner.Result setup = CliRunner.run("setup", dir.resolve("lab.yaml").toString(), "--apply", "--yes");
        assertThat(setup.exitCode()).as(setup.out() + setup.err()).isEqualTo(1);
        assertThat(setup.err()).contains("master/bayes would start empty: its RDB").containsPattern("restore master/bayes from replica[12]/bayes instead")
                .doesNotContain("Exception");
        assertThat(lab.pid(lab.process("master", "bayes").orElseThrow())).isEmpty();
        assertThat(replicaKeys()).isEqualTo(before);

        ActionResult restored = run("restore master/bayes from replica1/bayes", Scripted.answering("master/bayes"));
        assertThat(restored.outcome()).as(restored.message()).isEqualTo(Outcome.DONE);
        awaitLinks();
        assertThat(replicaKeys()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void aKilledMasterWhoseFileTurnedTheAofOnIsNotStartedThoughItsRdbIsFull() throws Exception {
        cli("SAVE");
        Path config = Path.of(instancePath(Convention.INSTANCE_CONFIG));
        String original = Files.readString(config);
        killMaster();
        try {
            // Redis with appendonly yes loads the AOF only: with none, it starts empty whatever the RDB holds.
            Files.writeString(config, original + "appendonly yes\n");
            ActionResult r = run("start master/bayes", new Scripted());
            assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(r.message()).contains("master/bayes would start empty: appendonly is on in its file and its AOF",
                    "is missing (Redis then ignores the RDB)");
        } finally {
            Files.writeString(config, original);
        }
        ActionResult start = run("start master/bayes", Scripted.answering("y"));
        assertThat(start.outcome()).as(start.message()).isEqualTo(Outcome.DONE);
        awaitLinks();
        assertThat(keys("master/bayes")).isEqualTo(replicaKeys().get("replica1/bayes"));
    }

    @Test
    @Order(7)
    void aRestartIsJudgedByWhatTheFileLoadsNotWhereTheInstanceSaves() throws Exception {
        Path config = Path.of(instancePath(Convention.INSTANCE_CONFIG));
        String original = Files.readString(config);
        try {
            // The file now names another RDB than the running instance saves to: the restart would load nothing.
            Files.writeString(config, original.replaceAll("(?m)^dbfilename .*$", "dbfilename bayes-v2.rdb"));
            ActionResult r = run("restart master/bayes", new Scripted());
            assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(r.message()).contains("would start empty: its RDB", "bayes-v2.rdb is missing after a restart");
        } finally {
            Files.writeString(config, original);
        }
        assertThat(lab.pid(lab.process("master", "bayes").orElseThrow())).isPresent();
    }

    @Test
    @Order(8)
    void aReplicaThatDoesNotAnswerStopsTheStartOfItsMaster() throws Exception {
        cli("SAVE");
        killMaster();
        long replica2 = lab.pid(lab.process("replica2", "bayes").orElseThrow()).orElseThrow();
        new ProcessBuilder("kill", "-STOP", Long.toString(replica2)).start().waitFor();
        try {
            ActionResult r = run("start master/bayes", new Scripted());
            assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(r.message()).startsWith("replica2/bayes does not answer (timeout").contains("so what it holds cannot be compared"
                    + " with what master/bayes would hold", "'start master/bayes --force'");
        } finally {
            new ProcessBuilder("kill", "-CONT", Long.toString(replica2)).start().waitFor();
        }
        ActionResult start = run("start master/bayes", Scripted.answering("y"));
        assertThat(start.outcome()).as(start.message()).isEqualTo(Outcome.DONE);
        awaitLinks();
    }

    @Test
    @Order(9)
    void whatChangedWhileTheQuestionWasAskedIsCheckedAgainBeforeTheFirstStep() throws Exception {
        cli("SAVE");
        killMaster();
        // Safe when previewed (its RDB is full); while the operator reads the preview, someone removes the RDB.
        Confirmer meanwhile = q -> {
            try {
                Files.deleteIfExists(Path.of(rdbPath()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new Reply.Answer("y");
        };
        Scripted shown = new Scripted();
        ActionResult r = run("start master/bayes", runner(meanwhile, shown));
        assertThat(shown.previews).hasSize(1);
        assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(r.message()).startsWith("no longer safe since the preview: replica").contains("master/bayes would start empty: its RDB",
                "is missing");
        assertThat(lab.pid(lab.process("master", "bayes").orElseThrow())).isEmpty();
        assertThat(lastAudit().get("outcome").getAsString()).isEqualTo("refused");

        ActionResult restored = run("restore master/bayes from replica1/bayes", Scripted.answering("master/bayes"));
        assertThat(restored.outcome()).as(restored.message()).isEqualTo(Outcome.DONE);
        awaitLinks();
    }

    // --- helpers ---

    private void killMaster() throws Exception {
        Path pidFile = lab.process("master", "bayes").orElseThrow().pidFile();
        String pid = Files.readString(pidFile).strip();
        Process kill = new ProcessBuilder("kill", "-9", pid).inheritIO().start();
        assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();
        Await.until("the killed master (pid " + pid + ") gone", Duration.ofSeconds(5), () -> !Files.exists(Path.of("/proc", pid)));
    }

    /** Until both replicas' offsets reach the master's. */
    private void awaitOffsets() {
        Await.until("both replicas at the master's offset", Duration.ofSeconds(20), () -> {
            String target = lab.infoField(instance("master/bayes"), "replication", "master_repl_offset");
            return REPLICAS.stream().allMatch(r -> target.equals(lab.infoField(instance(r), "replication", "slave_repl_offset")));
        });
    }

    private void killMasterAndRemoveItsRdb() throws Exception {
        killMaster();
        Files.deleteIfExists(Path.of(rdbPath()));
    }

    private String instancePath(Convention c) {
        Instance m = instance("master/bayes");
        return topology.hostOf(m).instancePath(m, c);
    }

    private String rdbPath() {
        Instance m = instance("master/bayes");
        Host h = topology.hostOf(m);
        String dir = h.instancePath(m, Convention.DIR);
        return (dir.endsWith("/") ? dir : dir + "/") + h.instancePath(m, Convention.DBFILENAME);
    }


    private long keys(String ref) {
        try (Jedis j = jedis(ref)) {
            return j.dbSize();
        }
    }

    private Map<String, Long> replicaKeys() {
        Map<String, Long> out = new LinkedHashMap<>();
        REPLICAS.forEach(r -> out.put(r, keys(r)));
        return out;
    }

    /** redis-cli against master/bayes, from outside repcon. */
    private void cli(String... args) throws Exception {
        Instance m = instance("master/bayes");
        List<String> argv = new ArrayList<>(List.of("redis-cli", "-h", topology.hostOf(m).address().orElseThrow(), "-p",
                Integer.toString(m.port())));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("OK");
    }

    private void awaitKeys(long n) {
        Await.value("every replica holds " + n + " keys", Duration.ofSeconds(20), this::replicaKeys,
                keys -> keys.size() == REPLICAS.size() && keys.values().stream().allMatch(k -> k == n));
    }

    private void awaitLinks() {
        assertThat(lab.awaitReplication(new PrintWriter(new StringWriter()))).isTrue();
    }

    private Finding awaitFinding(String code, String subject) {
        List<Finding> seen = Await.value(code + " on " + subject + " among the findings", Duration.ofSeconds(10), REFRESH,
                () -> monitor.refresh().findings(),
                findings -> findings.stream().anyMatch(x -> x.code().id().equals(code) && x.subject().key().equals(subject)));
        return seen.stream().filter(x -> x.code().id().equals(code) && x.subject().key().equals(subject)).findFirst().orElseThrow();
    }

    /** Until the probe sees every instance answer and raises nothing above INFO. */
    private void awaitNoProblem() {
        Await.value("every instance answering and no finding above INFO after the fix", Duration.ofSeconds(15), REFRESH,
                () -> monitor.refresh(), Healthy::quiet);
    }

}
