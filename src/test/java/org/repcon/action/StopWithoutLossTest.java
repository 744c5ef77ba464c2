package org.repcon.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.repcon.lab.Lab;
import org.repcon.lab.LabProcess;
import org.repcon.testing.Await;
import org.repcon.testing.TestLab;
import org.repcon.topology.Instance;
import org.repcon.util.Pids;
import redis.clients.jedis.Jedis;

/**
 * Stopping and restarting an instance repcon runs itself (the lab) without losing what it acknowledged, on real
 * redis-server processes: Redis's own SHUTDOWN, the wait for lagging replicas and the final save, no SIGKILL unless
 * KILL is typed, and a result that says whether the final save happened.
 */
class StopWithoutLossTest extends LabActionTest {

    @Override
    Lab createLab(Path dir) {
        return TestLab.create(61, dir);
    }

    @Test
    void restartOfAMasterWithALaggingReplicaWaitsForItAndKeepsEveryKey() throws Exception {
        Instance master = instance("master/bayes");
        long masterPid = pid("master", "bayes");
        long replica = pid("replica1", "bayes");
        Pids.signal(replica, "STOP");
        try {
            // Default shutdown-timeout (10 s): longer than the 5 s after which repcon used to SIGKILL.
            assertThat(config(master, "shutdown-timeout")).isEqualTo("10");
            write(master, "lag:", 500);
            assertThat(lab.infoField(master, "persistence", "rdb_changes_since_last_save")).isNotEqualTo("0");
            long before = dbsize(master);

            Scripted s = Scripted.answering("y");
            ActionResult r = run("restart master/bayes", s);

            assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
            assertThat(s.previews.get(0).commands().get(0)).contains("master/bayes> SHUTDOWN SAVE", "shutdown-timeout 10 s")
                    .contains("kill -KILL " + masterPid).contains("only if confirmed");
            assertThat(s.notes).anyMatch(n -> n.contains("waiting for its replicas to catch up"));
            assertThat(r.message()).startsWith("master/bayes answers PING again after")
                    .contains("master/bayes exited ", " s after SHUTDOWN SAVE; final save done (\"DB saved on disk\" at ")
                    .contains("1 of 2 replicas were in sync when it stopped");
            assertThat(s.questions).hasSize(1); // only the y/n: nothing to kill
            JsonObject audit = lastAudit();
            assertThat(audit.getAsJsonArray("ran").toString()).contains("master/bayes> SHUTDOWN SAVE")
                    .doesNotContain("kill -KILL").doesNotContain("kill -TERM");
            assertThat(audit.get("message").getAsString()).contains("final save done");
            assertThat(dbsize(master)).isEqualTo(before);
        } finally {
            Pids.signal(replica, "CONT");
        }
        assertThat(lab.awaitReplication(new PrintWriter(new StringWriter()))).isTrue();
    }

    @Test
    void aStopThatDoesNotEndIsKilledOnlyWhenKillIsTyped() throws Exception {
        Instance master = instance("master/fuzzy");
        LabProcess process = lab.process("master", "fuzzy").orElseThrow();
        long replica = pid("replica2", "fuzzy");
        Pids.signal(replica, "STOP");
        try {
            // Answered no: the frozen instance is left as it is, and the result says so.
            long first = lagAndShortenTheWait(master);
            Scripted no = Scripted.answering("y", "no");
            ActionResult declined = freezingRunner(no, first).run(parse("stop master/fuzzy"));
            assertThat(declined.outcome()).as(declined.message()).isEqualTo(Outcome.FAILED);
            assertThat(no.questions).hasSize(2);
            Question kill = no.questions.get(1);
            assertThat(kill.kind()).isEqualTo(Confirmation.TYPE_NAME);
            assertThat(kill.expected()).isEqualTo("KILL");
            assertThat(kill.prompt()).startsWith("master/fuzzy (pid " + first + ") has not exited ")
                    .contains("after SHUTDOWN SAVE: it is frozen", "type KILL to kill it (its last writes may be lost)");
            assertThat(declined.message()).contains("not killed: it keeps running and its final save has not happened yet");
            assertThat(Pids.isRunning(first)).isTrue();
            assertThat(lastAudit().getAsJsonArray("ran").toString()).contains("master/fuzzy> SHUTDOWN SAVE").doesNotContain("kill -KILL");

            // Let it go on: it finishes its own shutdown, saving.
            Pids.signal(first, "CONT");
            assertThat(Pids.waitGone(first, Duration.ofSeconds(30))).isTrue();
            lab.start(process);
            Pids.signal(replica, "CONT"); // the frozen replica reconnects to the new process, to lag again
            assertThat(lab.awaitReplication(new PrintWriter(new StringWriter()))).isTrue();
            Pids.signal(replica, "STOP");

            // Answered KILL: killed, and the result says the final save did not happen.
            long second = lagAndShortenTheWait(master);
            Scripted yes = Scripted.answering("y", "KILL");
            ActionResult killed = freezingRunner(yes, second).run(parse("stop master/fuzzy"));
            assertThat(killed.outcome()).as(killed.message()).isEqualTo(Outcome.FAILED);
            assertThat(killed.message()).startsWith("master/fuzzy was killed (kill -KILL " + second + ")")
                    .contains("the final save did NOT happen: writes since its last save may be lost", "nothing after it runs");
            assertThat(Pids.isRunning(second)).isFalse();
            assertThat(lastAudit().getAsJsonArray("ran").toString()).contains("kill -KILL " + second);
        } finally {
            lab.pid(process).ifPresent(p -> Pids.signal(p, "CONT"));
            Pids.signal(replica, "CONT");
            if (lab.pid(process).isEmpty()) lab.start(process);
        }
        assertThat(lab.awaitReplication(new PrintWriter(new StringWriter()))).isTrue();
    }

    @Test
    void anInstanceThatCannotSaveRefusesAndKeepsRunningWithItsData() throws Exception {
        Instance cache = instance("replica1/redis");
        LabProcess process = lab.process("replica1", "redis").orElseThrow();
        long pid = pid("replica1", "redis");
        write(cache, "kept:", 20);
        Path dir = Path.of(config(cache, "dir"));
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(dir); // its working directory is gone: the final save cannot be written
        try {
            ActionResult r = run("stop replica1/redis", Scripted.answering("y"));
            assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.FAILED);
            assertThat(r.message()).startsWith("replica1/redis refused SHUTDOWN SAVE: ERR Errors trying to SHUTDOWN")
                    .contains("(its log says: Failed opening the temp RDB file", "it keeps running, with its data");
            assertThat(Pids.isRunning(pid)).isTrue();
            assertThat(dbsize(cache)).isGreaterThanOrEqualTo(20);
        } finally {
            // Its directory cannot be set again at runtime (protected config): end it without a save, start it anew.
            Files.createDirectories(dir);
            try (Jedis j = jedis(cache)) {
                j.shutdown(redis.clients.jedis.args.SaveMode.NOSAVE);
            } catch (redis.clients.jedis.exceptions.JedisException e) {
                // the connection closes as it exits
            }
            Pids.waitGone(pid, Duration.ofSeconds(10));
            lab.start(process);
        }
    }

    @Test
    void anInstanceWithoutPersistenceIsShutDownWithoutSaveAndTheResultSaysSo() throws Exception {
        Instance cache = instance("replica1/redis");
        LabProcess process = lab.process("replica1", "redis").orElseThrow();
        try (Jedis j = jedis(cache)) {
            j.configSet("save", "");
        }
        Scripted s = Scripted.answering("y");
        ActionResult r = run("stop replica1/redis", s);
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(s.previews.get(0).commands().get(0)).contains("replica1/redis> SHUTDOWN (").doesNotContain("SHUTDOWN SAVE");
        assertThat(r.message()).contains("replica1/redis exited ", " s after SHUTDOWN; no final save: it does not persist"
                + " (save \"\" and appendonly no)");
        lab.start(process);
    }

    @Test
    void anInstanceThatCannotBeAskedGetsSigtermAndStillSaves() throws Exception {
        Instance cache = instance("replica2/redis");
        LabProcess process = lab.process("replica2", "redis").orElseThrow();
        write(cache, "term:", 50);
        try (Jedis j = jedis(cache)) {
            j.configSet("requirepass", "not-in-the-topology"); // repcon's connection gets NOAUTH
        }
        Scripted s = Scripted.answering("y");
        ActionResult r = run("stop replica2/redis", s);
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(s.previews.get(0).commands().get(0)).contains("kill -TERM").doesNotContain("SHUTDOWN");
        assertThat(r.message()).contains("replica2/redis exited ", " s after kill -TERM; final save done (\"DB saved on disk\"");
        lab.start(process);
        try (Jedis j = jedis(cache)) {
            assertThat(j.dbSize()).isEqualTo(50);
        }
    }

    /** The master's replica is frozen: writes make it lag, and the master waits 2 s for it at shutdown. Returns its pid. */
    private long lagAndShortenTheWait(Instance master) {
        try (Jedis j = jedis(master)) {
            j.configSet("shutdown-timeout", "2");
        }
        write(master, "frozen:", 200);
        return pid("master", "fuzzy");
    }

    /** A runner with a short grace (1 s) that freezes the instance once its log says it began its shutdown. */
    private ActionRunner freezingRunner(Scripted s, long pid) {
        Path log = Path.of(lab.daemon(lab.process("master", "fuzzy").orElseThrow()).logFile().orElseThrow());
        s.onNote(line -> {
            if (!line.startsWith("sent SHUTDOWN")) return;
            Await.value("the log of " + pid + " says its shutdown began", Duration.ofSeconds(5), Duration.ofMillis(10),
                    () -> shutdownBegun(log, pid), begun -> begun);
            Pids.signal(pid, "STOP");
        });
        Limits limits = Limits.defaults();
        limits = new Limits(limits.connectTimeout(), limits.readTimeout(), limits.serviceWait(), Duration.ofSeconds(1),
                limits.linkWait(), limits.syncWait(), limits.poll());
        return new ActionRunner(new ActionContext(topology, transports, Optional.of(lab), limits), false, s, s, audit);
    }

    private static boolean shutdownBegun(Path log, long pid) {
        try {
            return Files.readAllLines(log).stream().anyMatch(l -> l.startsWith(pid + ":") && l.contains("Waiting for replicas"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private long pid(String host, String name) {
        return lab.pid(lab.process(host, name).orElseThrow()).orElseThrow();
    }

    private Jedis jedis(Instance i) {
        return Lab.jedis(topology.hostOf(i), i.port());
    }

    private void write(Instance i, String prefix, int n) {
        try (Jedis j = jedis(i)) {
            for (int k = 0; k < n; k++) j.set(prefix + k, "v" + k);
        }
    }

    private long dbsize(Instance i) {
        try (Jedis j = jedis(i)) {
            return j.dbSize();
        }
    }

    private String config(Instance i, String name) {
        try (Jedis j = jedis(i)) {
            return j.configGet(name).get(name);
        }
    }


}
