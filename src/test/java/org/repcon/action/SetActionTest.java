package org.repcon.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.repcon.command.CommandParser;
import org.repcon.diagnosis.Code;
import org.repcon.diagnosis.Finding;
import org.repcon.diagnosis.Thresholds;
import org.repcon.lab.Lab;
import org.repcon.monitor.Monitor;
import org.repcon.probe.ProbeOptions;
import org.repcon.testing.Await;
import org.repcon.testing.TwoMasters;
import org.repcon.topology.Convention;
import org.repcon.transport.Transports;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * {@code set} on a lab whose master has a password: the runtime value (CONFIG GET), the instance's file (one line, a
 * backup beside it, the diff previewed) and the audit record; the refusals; and a finding's suggested {@code set},
 * run as suggested, clearing the finding. The password shows up nowhere.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SetActionTest extends LabActionTest {

    @Override
    Lab createLab(Path dir) {
        return new Lab(TwoMasters.topology(152, dir));
    }

    private Path file(String ref) {
        return Path.of(topology.hostOf(instance(ref)).instancePath(instance(ref), Convention.INSTANCE_CONFIG));
    }

    private String configGet(String ref, String name) {
        try (Jedis j = jedis(ref)) {
            return j.configGet(name).get(name);
        }
    }

    @Test
    @Order(1)
    void aBacklogSetAtRuntimeAndInTheFileOnlyItsLineWithABackupAndAnAuditRecord() throws Exception {
        FileBefore file = FileBefore.read(file("master/bayes"));
        Scripted s = Scripted.answering("y");
        ActionResult r = run("set master/bayes repl-backlog-size 64mb", s);
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(r.message()).isEqualTo("master/bayes: CONFIG GET repl-backlog-size 67108864, and " + file.path() + " says the same");
        Preview p = s.previews.get(0);
        assertThat(p.commands()).containsExactly("master/bayes> CONFIG SET repl-backlog-size 64mb", file.writing("master"));
        assertThat(p.files().get(0).diff()).endsWith("+repl-backlog-size 64mb\n");
        assertThat(p.facts()).containsExactly("master/bayes runs with repl-backlog-size 1048576", "master/bayes's file " + file.path()
                + " has no repl-backlog-size line (its common file's or Redis's default applies)");
        assertThat(configGet("master/bayes", "repl-backlog-size")).isEqualTo("67108864");
        JsonObject a = lastAudit();
        file.rewrittenAs(file.text() + "repl-backlog-size 64mb\n", a);
        assertThat(a.get("outcome").getAsString()).isEqualTo("done");
        assertThat(a.get("command").getAsString()).isEqualTo("set master/bayes repl-backlog-size 64mb");
        assertThat(a.getAsJsonArray("ran")).hasSize(2);

        // Again: nothing to do. A new value replaces the line, no second one.
        assertThat(run("set master/bayes repl-backlog-size 64mb", new Scripted()).message()).isEqualTo("master/bayes already"
                + " runs with repl-backlog-size 64mb, and its file says so: nothing to do");
        assertThat(run("set master/bayes repl-backlog-size 128MB", Scripted.answering("y")).outcome()).isEqualTo(Outcome.DONE);
        assertThat(Files.readString(file.path())).isEqualTo(file.text() + "repl-backlog-size 128mb\n");
    }

    @Test
    @Order(2)
    void theOutputBufferLimitOfTheReplicaClassOnly() throws Exception {
        Path file = file("master/bayes");
        ActionResult r = run("set master/bayes client-output-buffer-limit 512mb 128mb 60", Scripted.answering("y"));
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(configGet("master/bayes", "client-output-buffer-limit")).containsPattern("(slave|replica) 536870912 134217728 60")
                .contains("pubsub 33554432 8388608 60");
        assertThat(Files.readString(file)).endsWith("client-output-buffer-limit replica 512mb 128mb 60\n");
    }

    @Test
    @Order(3)
    void whatWouldHarmOrMeansNothingIsRefusedInOneLine() {
        assertThat(run("set master/bayes min-replicas-to-write 2", new Scripted()).message()).isEqualTo("master/bayes has 1"
                + " replica in the topology: min-replicas-to-write 2 would refuse every write (NOREPLICAS), and Rspamd's learning"
                + " with it");
        assertThat(run("set master/bayes masterauth", new Scripted()).message()).isEqualTo("master/bayes is no replica in the"
                + " topology: masterauth is the password a replica gives its master");
        assertThat(run("set replica1/fuzzy repl-backlog-size 1mb", new Scripted()).message()).isEqualTo("replica1/fuzzy has no"
                + " replicas in the topology: repl-backlog-size matters on a master");
        ActionRunner readOnly = new ActionRunner(new ActionContext(topology, transports, java.util.Optional.of(lab),
                Limits.defaults()), true, new Scripted(), new Scripted(), audit);
        ActionResult ro = readOnly.run(parse("set replica1/bayes replica-read-only yes"));
        assertThat(ro.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(ro.message()).contains("read-only");
    }

    /** Monitors the lab until a refresh's findings satisfy {@code wanted}. */
    private List<Finding> findingsUntil(Monitor monitor, String what, java.util.function.Predicate<List<Finding>> wanted) {
        return Await.value(what, Duration.ofSeconds(20), Duration.ofMillis(500), () -> monitor.refresh().findings(), wanted);
    }

    private static java.util.Optional<Finding> find(List<Finding> findings, Code code, String subject) {
        return findings.stream().filter(f -> f.code() == code && f.subject().key().equals(subject)).findFirst();
    }

    /** Runs a finding's suggested command as the console's x would: its words through the one parser. */
    private ActionResult runFix(Finding f, Scripted s) {
        return runner(s, s).run(new CommandParser(topology).parse(f.fix().orElseThrow()));
    }

    @Test
    @Order(4)
    void aWrongMasterauthIsAuthFailureWhoseSuggestedSetPutsTheTopologysPasswordBackUnseen() throws Exception {
        try (Monitor monitor = new Monitor(topology, new Transports(topology), ProbeOptions.defaults(), Thresholds.defaults())) {
            // From outside: another operator's CONFIG SET with a wrong password, and the link made again.
            try (Jedis r = jedis("replica1/bayes")) {
                r.configSet("masterauth", "not-the-password");
                r.clientKill(ClientKillParams.clientKillParams().type(ClientType.MASTER));
            }
            List<Finding> broken = findingsUntil(monitor, "auth-failure on replica1/bayes",
                    fs -> find(fs, Code.AUTH_FAILURE, "replica1/bayes").isPresent());
            Finding f = find(broken, Code.AUTH_FAILURE, "replica1/bayes").orElseThrow();
            assertThat(f.action()).isEqualTo("set replica1/bayes masterauth");

            Scripted s = Scripted.answering("y");
            ActionResult r = runFix(f, s);
            assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
            assertThat(r.message()).isEqualTo("replica1/bayes: CONFIG GET masterauth matches its master's password, and "
                    + file("replica1/bayes") + " says the same");
            // Its file had the right line already: the runtime only.
            assertThat(s.previews.get(0).commands()).containsExactly("replica1/bayes> CONFIG SET masterauth <hidden>");
            assertThat(s.previews.get(0).facts().get(0)).isEqualTo("replica1/bayes runs with masterauth <hidden>");
            assertThat(configGet("replica1/bayes", "masterauth")).isEqualTo(TwoMasters.PASSWORD);
            findingsUntil(monitor, "the link up again, auth-failure gone", fs -> find(fs, Code.AUTH_FAILURE, "replica1/bayes").isEmpty()
                    && find(fs, Code.LINK_DOWN, "replica1/bayes").isEmpty() && "up".equals(lab.infoField(instance("replica1/bayes"),
                    "replication", "master_link_status")));
            assertThat(s.shown() + Files.readString(audit.file()) + r.message()).doesNotContain(TwoMasters.PASSWORD, "not-the-password");
        }
    }

    @Test
    @Order(5)
    void aWritableReplicasSuggestedSetClearsTheFinding() throws Exception {
        Path file = file("replica1/fuzzy");
        String before = Files.readString(file);
        try (Monitor monitor = new Monitor(topology, new Transports(topology), ProbeOptions.defaults(), Thresholds.defaults())) {
            try (Jedis r = jedis("replica1/fuzzy")) {
                r.configSet("replica-read-only", "no");
            }
            List<Finding> broken = findingsUntil(monitor, "replica-writable on replica1/fuzzy",
                    fs -> find(fs, Code.REPLICA_WRITABLE, "replica1/fuzzy").isPresent());
            Finding f = find(broken, Code.REPLICA_WRITABLE, "replica1/fuzzy").orElseThrow();
            assertThat(f.action()).isEqualTo("set replica1/fuzzy replica-read-only yes");
            ActionResult r = runFix(f, Scripted.answering("y"));
            assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
            assertThat(configGet("replica1/fuzzy", "replica-read-only")).isEqualTo("yes");
            assertThat(Files.readString(file)).isEqualTo(before + "replica-read-only yes\n");
            assertThat(find(monitor.refresh().findings(), Code.REPLICA_WRITABLE, "replica1/fuzzy")).isEmpty();
        }
    }
}
