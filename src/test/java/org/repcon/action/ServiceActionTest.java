package org.repcon.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.diagnosis.Code;
import org.repcon.diagnosis.Finding;
import org.repcon.diagnosis.Severity;
import org.repcon.diagnosis.Thresholds;
import org.repcon.lab.Lab;
import org.repcon.lab.LabFaults;
import org.repcon.monitor.Monitor;
import org.repcon.probe.ProbeOptions;
import org.repcon.testing.Await;
import org.repcon.testing.Daemons;
import org.repcon.testing.TestLab;
import org.repcon.transport.Transports;

/** start, stop and restart against a real lab (redis-server and stunnel), and how the runner asks before them. */
class ServiceActionTest extends LabActionTest {

    @Override
    Lab createLab(Path dir) {
        return TestLab.create(30, dir);
    }


    @Test
    void startBringsAKilledInstanceBack() throws Exception {
        LabFaults.inject(lab, LabFaults.Fault.KILL, "replica1/bayes");
        assertThat(lab.pid(lab.process("replica1", "bayes").orElseThrow())).isEmpty();

        Scripted s = Scripted.answering("y");
        ActionResult r = run("start replica1/bayes", s);
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(r.message()).startsWith("replica1/bayes answers PING after");
        assertThat(s.previews.get(0).commands()).containsExactly("replica1$ " + String.join(" ",
                lab.process("replica1", "bayes").orElseThrow().command()));
        assertThat(s.questions).extracting(Question::kind).containsExactly(Confirmation.YES_NO);
        assertThat(lab.pid(lab.process("replica1", "bayes").orElseThrow())).isPresent();
        assertThat(lab.awaitReplication(new PrintWriter(new StringWriter()))).isTrue();
        JsonObject a = lastAudit();
        assertThat(a.get("outcome").getAsString()).isEqualTo("done");
        assertThat(a.get("verb").getAsString()).isEqualTo("start");
        assertThat(a.get("target").getAsString()).isEqualTo("replica1/bayes");
        assertThat(a.getAsJsonArray("ran").get(0).getAsString()).contains("redis-bayes.conf");

        // Started already: refused before anything is asked.
        Scripted again = new Scripted();
        ActionResult twice = run("start replica1/bayes", again);
        assertThat(twice.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(twice.message()).isEqualTo("replica1/bayes already runs: replica1/bayes answers PING");
        assertThat(again.questions).isEmpty();
        assertThat(again.previews).isEmpty();
        LabFaults.heal(lab, new PrintWriter(new StringWriter()));
    }

    @Test
    void stopStartAndRestartATunnel() throws Exception {
        long before = lab.pid(lab.tunnelProcess("replica2").orElseThrow()).orElseThrow();
        Scripted s = Scripted.answering("y");
        ActionResult stop = run("stop replica2/tunnel/bayes", s);
        assertThat(stop.outcome()).as(stop.message()).isEqualTo(Outcome.DONE);
        assertThat(stop.message()).startsWith("replica2/tunnel/bayes no longer answers (connection refused)");
        assertThat(s.shown()).contains("stunnel on replica2 serves all its tunnels (bayes, fuzzy)",
                "replicas that lose their link meanwhile: replica2/bayes, replica2/fuzzy", "kill -TERM " + before);
        assertThat(lab.pid(lab.tunnelProcess("replica2").orElseThrow())).isEmpty();
        assertThat(Daemons.accepts("127.0.30.4", 6478)).isFalse();
        assertThat(lastAudit().getAsJsonArray("ran").toString()).contains("kill -TERM " + before).doesNotContain("kill -KILL");

        ActionResult again = run("stop replica2/tunnel/fuzzy", new Scripted());
        assertThat(again.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(again.message()).isEqualTo("stunnel on replica2 (tunnels bayes, fuzzy) is not running: nothing to stop");

        // Starting by the other tunnel's name starts the same stunnel.
        ActionResult start = run("start replica2/tunnel/fuzzy", Scripted.answering("yes"));
        assertThat(start.outcome()).as(start.message()).isEqualTo(Outcome.DONE);
        assertThat(start.message()).startsWith("replica2/tunnel/fuzzy carries a PING to master/fuzzy after");
        long started = lab.pid(lab.tunnelProcess("replica2").orElseThrow()).orElseThrow();

        ActionResult restart = run("restart replica2/tunnel/bayes", Scripted.answering("Y"));
        assertThat(restart.outcome()).as(restart.message()).isEqualTo(Outcome.DONE);
        assertThat(restart.message()).startsWith("replica2/tunnel/bayes carries a PING to master/bayes again after");
        assertThat(lab.pid(lab.tunnelProcess("replica2").orElseThrow())).isPresent().get().isNotEqualTo(started);
        assertThat(lab.awaitReplication(new PrintWriter(new StringWriter()))).isTrue();
    }

    @Test
    void aFrozenMasterStunnelIsFoundOnTheMasterAndItsSuggestedFixRepairsIt() throws Exception {
        long frozen = lab.pid(lab.tunnelProcess("master").orElseThrow()).orElseThrow();
        try (Monitor monitor = new Monitor(topology, new Transports(topology), ProbeOptions.defaults(), Thresholds.defaults())) {
            monitor.refresh();
            // From outside repcon, as a stuck process would be: the kernel still accepts on its ports.
            assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(frozen)).start().waitFor()).isZero();
            List<Finding> found = Await.value("tunnel-hung on master/tunnel/bayes", Duration.ofSeconds(10),
                    () -> monitor.refresh().findings(), f -> f.stream().anyMatch(x -> x.code() == Code.TUNNEL_HUNG
                            && x.subject().key().equals("master/tunnel/bayes")));
            // On the master's hop, not on each replica's: the replicas' ends are its evidence.
            assertThat(found).noneMatch(x -> x.subject().key().startsWith("replica"));
            Finding hung = found.stream().filter(x -> x.subject().key().equals("master/tunnel/bayes")).findFirst().orElseThrow();
            assertThat(hung.evidence()).anyMatch(e -> e.startsWith("replica1/tunnel/bayes: connect ok, PING timed out"));

            // The finding's own fix, run as the console's x would.
            ActionResult fix = run(hung.action(), Scripted.answering("y"));
            assertThat(fix.outcome()).as(fix.message()).isEqualTo(Outcome.DONE);
            assertThat(lab.pid(lab.tunnelProcess("master").orElseThrow())).isPresent().get().isNotEqualTo(frozen);
            assertThat(lab.awaitReplication(new PrintWriter(new StringWriter()))).isTrue();
            Await.value("no tunnel finding after the fix", Duration.ofSeconds(10), () -> monitor.refresh().findings(),
                    f -> f.stream().noneMatch(x -> x.severity() == Severity.CRITICAL));
        } finally {
            new ProcessBuilder("kill", "-CONT", Long.toString(frozen)).start().waitFor();
        }
    }

    @Test
    void restartAnInstanceKeepsItsReplicationAndStopWarnsAboutReplicas() {
        long before = lab.pid(lab.process("master", "fuzzy").orElseThrow()).orElseThrow();
        Scripted s = Scripted.answering("y");
        ActionResult r = run("restart master/fuzzy", s);
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(s.shown()).contains("while master/fuzzy is down, its replicas lose their link: replica1/fuzzy, replica2/fuzzy");
        assertThat(lab.pid(lab.process("master", "fuzzy").orElseThrow())).isPresent().get().isNotEqualTo(before);
        assertThat(lab.awaitReplication(new PrintWriter(new StringWriter()))).isTrue();
        assertThat(lab.infoField(instance("master/fuzzy"), "replication", "connected_slaves")).isEqualTo("2");
    }

    @Test
    void enterAloneIsNoAnswerAndOnlyYesRuns() throws Exception {
        Path pidBefore = lab.process("replica2", "redis").orElseThrow().pidFile();
        long pid = lab.pid(lab.process("replica2", "redis").orElseThrow()).orElseThrow();

        Scripted enter = Scripted.answering("", "", "");
        ActionResult r = run("stop replica2/redis", enter);
        assertThat(r.outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(r.message()).isEqualTo("no answer: nothing done");
        assertThat(enter.questions).extracting(Question::again).containsExactly(false, true, true);
        assertThat(enter.questions.get(0).prompt()).isEqualTo("stop replica2/redis? [y/n] ");

        assertThat(run("stop replica2/redis", Scripted.answering("maybe", "n")).message()).isEqualTo("declined: nothing done");
        assertThat(run("stop replica2/redis", Scripted.replying(new Reply.Cancelled())).outcome()).isEqualTo(Outcome.DECLINED);
        ActionResult none = run("stop replica2/redis", Scripted.replying(new Reply.Unavailable("no terminal")));
        assertThat(none.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(none.message()).isEqualTo("no terminal");

        assertThat(lab.pid(lab.process("replica2", "redis").orElseThrow())).contains(pid);
        assertThat(Files.exists(pidBefore)).isTrue();
        List<String> lines = Files.readAllLines(audit.file());
        List<JsonObject> last = lines.subList(lines.size() - 4, lines.size()).stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        assertThat(last).extracting(o -> o.get("outcome").getAsString()).containsExactly("declined", "declined", "declined", "refused");
        for (JsonObject o : last) {
            assertThat(o.getAsJsonArray("planned").toString()).contains("kill -TERM " + pid);
            assertThat(o.getAsJsonArray("ran")).isEmpty();
        }
    }

}
