package org.repcon.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.repcon.lab.Lab;
import org.repcon.lab.LabProcess;
import org.repcon.testing.TestLab;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import redis.clients.jedis.Jedis;

/**
 * Per action, against a real lab: the plan comes only from a passed check (a world that refuses gives no plan), and the
 * check after the confirmation reads the world anew: another change made while the question is open (here, by the
 * confirmer itself) refuses the action with "no longer safe since the preview", nothing run, whatever the first check
 * planned. Each test puts the lab back as it found it.
 */
class PlanRecheckLabTest extends LabActionTest {

    private static final String CHANGED = "no longer safe since the preview: ";

    @Override
    Lab createLab(Path dir) {
        return TestLab.create(120, dir);
    }

    private ActionContext ctx() {
        return new ActionContext(topology, transports, Optional.of(lab), Limits.defaults());
    }

    private Checked check(String line) {
        return Actions.create(parse(line), ctx()).check();
    }

    private Plan ready(String line) {
        Checked c = check(line);
        assertThat(c).as(line + ": " + c).isInstanceOf(Checked.Ready.class);
        return ((Checked.Ready) c).plan();
    }

    private String refused(String line) {
        Checked c = check(line);
        assertThat(c).as(line + ": " + c).isInstanceOf(Checked.Refused.class);
        return ((Checked.Refused) c).why();
    }

    /**
     * Runs {@code line}: a plan passed its check and was shown; {@code meanwhile} changes the world while the question is
     * open, then {@code answer} confirms. The answer must not matter: the action is refused by its second check, which
     * gives the same reason as a check made now: that reason.
     */
    private String refusedSinceThePreview(String line, String answer, Runnable meanwhile) throws Exception {
        Plan first = ready(line);
        long audited = Files.exists(audit.file()) ? Files.readAllLines(audit.file()).size() : 0;
        Scripted shown = new Scripted();
        Confirmer confirmer = q -> {
            meanwhile.run();
            return new Reply.Answer(answer);
        };
        ActionResult r = run(line, runner(confirmer, shown));
        assertThat(shown.previews).hasSize(1);
        assertThat(shown.previews.get(0).commands()).isEqualTo(Preview.of(first, s -> s).commands());
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.REFUSED);
        String why = refused(line);
        assertThat(r.message()).isEqualTo(CHANGED + why);
        assertThat(shown.notes).noneMatch(n -> n.startsWith("running: "));
        List<String> records = Files.readAllLines(audit.file());
        assertThat(records.subList((int) audited, records.size())).singleElement().asString()
                .contains("\"outcome\":\"refused\"").doesNotContain("\"started\"");
        return why;
    }

    /** Starts the lab's process again unless it runs. */
    private void running(String ref) {
        if (lab.pid(process(ref)).isEmpty()) lab.start(process(ref));
    }

    private LabProcess process(String ref) {
        String[] p = ref.split("/");
        return lab.process(p[0], p[1]).orElseThrow();
    }


    /** Another operator's REPLICAOF NO ONE: the replica is a master now. */
    private void masterNow(String ref) {
        try (Jedis j = jedis(ref)) {
            j.replicaofNoOne();
        }
    }

    /** Makes the replica follow its tunnel to the master again, as the lab set it up, and waits until it does. */
    private void follow(String ref) {
        Instance i = instance(ref);
        Host h = topology.hostOf(i);
        try (Jedis j = jedis(ref)) {
            j.replicaof(h.loopback(), topology.replicationTunnel(i).orElseThrow().accept());
        }
        assertThat(lab.awaitReplication(new PrintWriter(new StringWriter()))).isTrue();
    }

    @Test
    void start() throws Exception {
        lab.stop(process("replica1/fuzzy"));
        try {
            Plan plan = ready("start replica1/fuzzy");
            assertThat(plan.confirmation()).isEqualTo(Confirmation.YES_NO);
            assertThat(plan.hosts()).containsExactly("replica1");
            refusedSinceThePreview("start replica1/fuzzy", "y", () -> lab.start(process("replica1/fuzzy")));
        } finally {
            running("replica1/fuzzy");
            lab.awaitReplication(new PrintWriter(new StringWriter()));
        }
    }

    @Test
    void stop() throws Exception {
        try {
            assertThat(refusedSinceThePreview("stop replica2/redis", "y", () -> lab.stop(process("replica2/redis"))))
                    .endsWith("is not running: nothing to stop");
        } finally {
            running("replica2/redis");
        }
    }

    @Test
    void aFreshPlanOtherThanTheConfirmedOneIsRefusedToo() throws Exception {
        String line = "stop replica2/redis";
        long pid = lab.pid(process("replica2/redis")).orElseThrow();
        assertThat(ready(line).steps()).singleElement().extracting(Step::display).asString().contains("pid " + pid);
        // Restarted by someone else while asked: the check passes again, but the stop would now signal another pid.
        Scripted shown = new Scripted();
        ActionResult r = run(line, runner(q -> {
            lab.stop(process("replica2/redis"));
            lab.start(process("replica2/redis"));
            return new Reply.Answer("y");
        }, shown));
        long now = lab.pid(process("replica2/redis")).orElseThrow();
        assertThat(now).isNotEqualTo(pid);
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.REFUSED);
        assertThat(r.message()).startsWith(CHANGED + "the plan changed; it would now run: replica2$ ").contains("pid " + now)
                .doesNotContain("pid " + pid + " ");
        assertThat(shown.notes).noneMatch(n -> n.startsWith("running: "));
    }

    @Test
    void restart() throws Exception {
        Path pidFile = process("master/redis").pidFile();
        Path aside = pidFile.resolveSibling("aside.pid");
        try {
            // The pid file gone while asked: it answers, but repcon no longer knows the process it would stop.
            assertThat(refusedSinceThePreview("restart master/redis", "y", () -> move(pidFile, aside)))
                    .contains("no process of the lab's pid file");
        } finally {
            if (Files.exists(aside)) move(aside, pidFile);
        }
        assertThat(ready("restart master/redis").steps()).hasSize(2);
    }

    @Test
    void repoint() throws Exception {
        masterNow("replica1/bayes");
        try {
            String line = "repoint replica1/bayes to master/bayes";
            assertThat(ready(line).steps()).hasSize(1).first().isInstanceOf(Step.RedisCall.class);
            // Someone else points it back while asked: nothing is left to do.
            assertThat(refusedSinceThePreview(line, "y", () -> follow("replica1/bayes"))).endsWith(": nothing to do");
        } finally {
            follow("replica1/bayes");
        }
    }

    @Test
    void resync() throws Exception {
        try {
            assertThat(ready("resync replica2/bayes").facts()).anyMatch(f -> f.startsWith("master/bayes: sync_full "));
            assertThat(refusedSinceThePreview("resync replica2/bayes", "y", () -> masterNow("replica2/bayes")))
                    .startsWith("replica2/bayes is a master right now, not a replica");
        } finally {
            follow("replica2/bayes");
        }
    }

    @Test
    void promote() throws Exception {
        try {
            assertThat(ready("promote replica2/fuzzy").confirmation()).isEqualTo(Confirmation.TYPE_NAME);
            assertThat(refusedSinceThePreview("promote replica2/fuzzy", "replica2/fuzzy", () -> masterNow("replica2/fuzzy")))
                    .isEqualTo("replica2/fuzzy is a master already: nothing to promote");
        } finally {
            follow("replica2/fuzzy");
        }
    }

    @Test
    void restore() throws Exception {
        try (Jedis m = jedis("master/fuzzy")) {
            m.set("plan-recheck", "1");
        }
        assertThat(lab.awaitReplication(new PrintWriter(new StringWriter()))).isTrue();
        String line = "restore master/fuzzy from replica1/fuzzy";
        try {
            assertThat(ready(line).hosts()).containsExactlyInAnyOrder("master", "replica1");
            // The source stops while asked: there is no snapshot to take.
            assertThat(refusedSinceThePreview(line, "master/fuzzy", () -> lab.stop(process("replica1/fuzzy"))))
                    .endsWith(": it cannot give a snapshot");
        } finally {
            running("replica1/fuzzy");
            lab.awaitReplication(new PrintWriter(new StringWriter()));
        }
    }

    @Test
    void logsAndExplainReadWhenVerifiedAndEachReadIsFresh() throws Exception {
        Plan logs = ready("logs replica1/redis -n 1");
        assertThat(logs.steps()).isEmpty();
        assertThat(logs.confirmation()).isEqualTo(Confirmation.NONE);
        Instance redis = instance("replica1/redis");
        Path log = Path.of(topology.hostOf(redis).instancePath(redis, Convention.LOGFILE));
        Files.writeString(log, "first line of the test\n", StandardOpenOption.APPEND);
        assertThat(logs.verification().verify(Reporter.SILENT).output()).extracting(OutputLine::text)
                .containsExactly("first line of the test");
        Files.writeString(log, "second line of the test\n", StandardOpenOption.APPEND);
        assertThat(logs.verification().verify(Reporter.SILENT).output()).extracting(OutputLine::text)
                .containsExactly("second line of the test");
        Plan explain = ready("explain local-tunnel-down");
        assertThat(explain.steps()).isEmpty();
        assertThat(explain.verification().verify(Reporter.SILENT).said()).isEqualTo("local-tunnel-down");
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
