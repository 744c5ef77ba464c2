package org.repcon.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.cli.CliRunner;
import org.repcon.command.CommandParser;
import org.repcon.diagnosis.LogPatterns;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.ProbeOptions;
import org.repcon.probe.Prober;
import org.repcon.probe.Role;
import org.repcon.probe.Snapshot;
import org.repcon.probe.TunnelSample;
import org.repcon.testing.Await;
import org.repcon.testing.Messages;
import org.repcon.testing.SshDeployment;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;
import org.repcon.topology.Tunnel;
import org.repcon.transport.Endpoint;
import org.repcon.transport.Transports;
import org.repcon.util.Pids;
import redis.clients.jedis.Jedis;

/**
 * The action suite over ssh: a deployment of two hosts reached by ssh through a real sshd on loopback addresses
 * with its own keys and known_hosts ({@link SshDeployment}), services driven by a service script over ssh,
 * replication through real stunnel tunnels. The probe, start (and stop), re-point (and the restart after it),
 * logs, the shell's -c, and an ssh connection that cannot be made.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SshActionTest {

    @TempDir
    static Path dir;

    private SshDeployment deployment;
    private Topology topology;
    private Transports transports;
    private Audit audit;

    @BeforeAll
    void up() {
        long start = System.nanoTime();
        deployment = SshDeployment.start(dir);
        System.out.println("TIMING set-up (sshd, files, starts over ssh, replication): " + (System.nanoTime() - start) / 1_000_000 + " ms");
        topology = deployment.topology();
        transports = new Transports(topology);
        audit = new Audit(dir.resolve("audit.log"));
    }

    @AfterAll
    void down() {
        try {
            if (transports != null) transports.close();
        } finally {
            if (deployment != null) deployment.close();
        }
    }

    @Test
    @Order(1)
    void theProbeReadsEveryInstanceAndTunnelOverSsh() {
        try (Transports own = new Transports(topology); Prober prober = new Prober(topology, own, ProbeOptions.defaults())) {
            long start = System.nanoTime();
            // The first ssh connects may outlast several refreshes on a busy machine: bounded by time, not by count.
            Snapshot s = Await.value("every instance and tunnel answering over ssh", java.time.Duration.ofSeconds(30),
                    java.time.Duration.ofMillis(200), prober::refresh, this::allOk);
            System.out.println("TIMING probe of every instance and tunnel over ssh: " + (System.nanoTime() - start) / 1_000_000 + " ms");
            for (Instance i : topology.instances().toList()) {
                InstanceSample sample = s.instance(i.ref()).orElseThrow();
                assertThat(sample.status()).as(i.ref() + ": " + sample.summary()).isEqualTo(InstanceSample.Status.OK);
                // INFO of the instance on its host, not of the forward.
                assertThat(sample.info().orElseThrow().string("tcp_port")).hasValue(String.valueOf(i.port()));
            }
            assertThat(s.instance(instance("replica/bayes").ref()).orElseThrow().info().orElseThrow().role()).isEqualTo(Role.REPLICA);
            assertThat(s.instance(instance("master/bayes").ref()).orElseThrow().info().orElseThrow().replicas()).hasSize(1);
            for (Tunnel t : topology.tunnels().toList()) {
                TunnelSample sample = s.tunnel(t.ref()).orElseThrow();
                assertThat(sample.ok()).as(t.ref() + ": " + sample.summary()).isTrue();
                if (t.isClient()) assertThat(sample.reachesRedis()).as(t.ref() + " carries a PING").isTrue();
            }
        }
    }

    private boolean allOk(Snapshot s) {
        return topology.instances().allMatch(i -> s.instance(i.ref()).map(InstanceSample::ok).orElse(false))
                && topology.tunnels().allMatch(t -> s.tunnel(t.ref()).map(TunnelSample::ok).orElse(false));
    }

    @Test
    @Order(2)
    void stopThenStartThroughTheServiceScriptOverSsh() throws Exception {
        Instance bayes = instance("replica/bayes");
        long before = deployment.pid(bayes).orElseThrow();

        serviceScriptRuns("stop", bayes, "replica/bayes no longer answers (connection refused) after");
        assertThat(Pids.isRunning(before)).isFalse();
        assertThat(lastAudit().get("verb").getAsString()).isEqualTo("stop");

        serviceScriptRuns("start", bayes, "replica/bayes answers PING after");
        // A PING of our own through the forward (a unix socket here, not the host's address), and a new process
        // behind it that reads its file (and so replicates).
        assertThat(transports.of("replica").reach(SshDeployment.REPLICA_ADDRESS, bayes.port())).isInstanceOf(Endpoint.Unix.class);
        try (Jedis j = SshDeployment.connect(transports, bayes)) {
            assertThat(j.ping()).isEqualTo("PONG");
        }
        assertThat(deployment.pid(bayes)).isPresent().get().isNotEqualTo(before);
        SshDeployment.awaitKeys(transports, bayes, 5);
        JsonObject a = lastAudit();
        assertThat(a.get("outcome").getAsString()).isEqualTo("done");
        assertThat(a.get("verb").getAsString()).isEqualTo("start");
        assertThat(a.get("host").getAsString()).isEqualTo("replica");
        assertThat(a.getAsJsonArray("ran").get(0).getAsString()).isEqualTo("replica$ sh " + deployment.serviceScript()
                + " start redis " + file(bayes));

        ActionResult again = run("start replica/bayes", new Scripted());
        assertThat(again.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(again.message()).isEqualTo("replica/bayes already runs: replica/bayes answers PING");
    }

    @Test
    @Order(3)
    void repointFollowsTheOtherMasterEditsTheRemoteFileAndSurvivesARestart() throws Exception {
        Instance bayes = instance("replica/bayes");
        FileBefore file = FileBefore.read(Path.of(file(bayes)));
        assertThat(file.text()).contains("replicaof 127.0.52.2 6478\nmasterauth " + SshDeployment.PASSWORD + "\n");

        Scripted s = done("repoint replica/bayes to master/bayes2",
                "replica/bayes replicates from master/bayes2 through 127.0.52.2:6488: link up, offsets meet at…",
                "replica/bayes> REPLICAOF 127.0.52.2 6488", file.writing("replica"));
        assertThat(s.previews.get(0).files().get(0).diff()).contains("-replicaof 127.0.52.2 6478\n+replicaof 127.0.52.2 6488\n"
                + " masterauth <hidden>\n");

        // The data through the forward, the file on the "remote" side.
        try (Jedis j = SshDeployment.connect(transports, bayes)) {
            RepointActionTest.repointed(j, file, "replicaof 127.0.52.2 6478", "replicaof 127.0.52.2 6488", lastAudit());
        }

        // Restarted through the service script, it reads its file and still follows master/bayes2.
        long pid = deployment.pid(bayes).orElseThrow();
        ActionResult restart = run("restart replica/bayes", Scripted.answering("y"));
        assertThat(restart.outcome()).as(restart.message()).isEqualTo(Outcome.DONE);
        assertThat(lastAudit().getAsJsonArray("ran").get(0).getAsString()).isEqualTo("replica$ sh " + deployment.serviceScript()
                + " restart redis " + file.path());
        assertThat(deployment.pid(bayes)).isPresent().get().isNotEqualTo(pid);
        try (Jedis m = SshDeployment.connect(transports, instance("master/bayes2"))) {
            m.set("m2:after-restart", "1");
        }
        SshDeployment.awaitKeys(transports, bayes, 51);
        try (Jedis j = SshDeployment.connect(transports, bayes)) {
            assertThat(j.info("replication")).contains("master_port:6488", "master_link_status:up");
        }
        assertThat(Files.readString(audit.file())).contains("repoint").doesNotContain(SshDeployment.PASSWORD);
        assertThat(s.shown()).isNotEmpty().doesNotContain(SshDeployment.PASSWORD);
    }

    @Test
    @Order(4)
    void logsShowTheLastLinesOfTheRemoteLogWithKnownLinesMarked() throws Exception {
        Instance bayes = instance("replica/bayes");
        long audited = Files.readAllLines(audit.file()).size();
        ActionRunner runner = runner(new Scripted());
        long start = System.nanoTime();
        ActionResult r = runner.run(new CommandParser(topology).parse(List.of("logs", "replica/bayes", "-n", "30")));
        System.out.println("TIMING logs replica/bayes -n 30: " + (System.nanoTime() - start) / 1_000_000 + " ms (" + r.outcome() + ")");
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        String log = topology.hostOf(bayes).instancePath(bayes, Convention.LOGFILE);
        List<String> last = Files.readAllLines(Path.of(log));
        assertThat(r.message()).isEqualTo("30 lines of " + log);
        assertThat(r.output()).extracting(OutputLine::text).containsExactlyElementsOf(last.subList(last.size() - 30, last.size()));
        // After the restart: the sync with master/bayes2 finished, and the line says so.
        assertThat(r.output()).filteredOn(l -> l.text().contains("MASTER <-> REPLICA sync: Finished with success"))
                .isNotEmpty().allMatch(l -> l.meaning().equals(Optional.of(LogPatterns.Meaning.SYNC_SUCCESS)));
        assertThat(r.output()).filteredOn(l -> l.text().contains("Ready to accept connections")).isNotEmpty()
                .allMatch(l -> !l.known());

        ActionResult tunnel = runner.run(new CommandParser(topology).parse(List.of("logs", "replica/tunnel/bayes2", "-n", "5")));
        assertThat(tunnel.outcome()).as(tunnel.message()).isEqualTo(Outcome.DONE);
        assertThat(tunnel.message()).endsWith("of " + topology.host("replica").orElseThrow().path(Convention.STUNNEL_LOG, "").orElseThrow());
        assertThat(tunnel.output()).isNotEmpty();
        // A log that is not there says so (stunnel keeps writing to the file it has open, renamed for a moment).
        Path stunnelLog = Path.of(topology.host("replica").orElseThrow().path(Convention.STUNNEL_LOG, "").orElseThrow());
        Path aside = stunnelLog.resolveSibling("aside.log");
        Files.move(stunnelLog, aside);
        try {
            ActionResult missing = runner.run(new CommandParser(topology).parse(List.of("logs", "replica/tunnel/bayes")));
            assertThat(missing.outcome()).isEqualTo(Outcome.DONE);
            assertThat(missing.message()).isEqualTo("no lines in " + stunnelLog + " (missing)");
            assertThat(missing.output()).isEmpty();
        } finally {
            Files.move(aside, stunnelLog);
        }
        // Reading changes nothing: no audit line.
        assertThat(Files.readAllLines(audit.file())).hasSize((int) audited);
    }

    @Test
    @Order(5)
    void theShellRunsThemOverSshFromAScript() throws Exception {
        Path standardAudit = Audit.standard().file();
        int auditBefore = Files.exists(standardAudit) ? Files.readAllLines(standardAudit).size() : 0;
        Host replica = topology.host("replica").orElseThrow();
        Path stunnelPid = Path.of(replica.path(Convention.STUNNEL_PIDFILE, "").orElseThrow());
        long before = Pids.read(stunnelPid).orElseThrow();

        long start = System.nanoTime();
        CliRunner.Result restart = CliRunner.run("shell", deployment.file().toString(), "--yes", "-c", "restart replica/tunnel/bayes2");
        System.out.println("TIMING repcon shell --yes -c 'restart replica/tunnel/bayes2': " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThat(restart.exitCode()).as(restart.err()).isZero();
        assertThat(restart.out()).contains("replica$ sh " + deployment.serviceScript() + " restart stunnel "
                + replica.path(Convention.STUNNEL_CONFIG, "").orElseThrow(),
                "replica/tunnel/bayes2 carries a PING to master/bayes2 again after");
        assertThat(Pids.read(stunnelPid)).isPresent().get().isNotEqualTo(before);

        CliRunner.Result logs = CliRunner.run("shell", deployment.file().toString(), "-c", "logs replica/bayes -n 3 --grep sync");
        assertThat(logs.exitCode()).as(logs.err()).isZero();
        assertThat(logs.out().lines()).hasSize(3).allMatch(l -> l.toLowerCase(Locale.ROOT).contains("sync"));

        List<String> lines = Files.readAllLines(standardAudit);
        assertThat(lines).hasSize(auditBefore + 2); // 'started' before the first command, then how it ended
        assertThat(JsonParser.parseString(lines.get(lines.size() - 2)).getAsJsonObject().get("outcome").getAsString())
                .isEqualTo("started");
        JsonObject a = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
        assertThat(a.get("outcome").getAsString()).isEqualTo("done");
        assertThat(a.get("target").getAsString()).isEqualTo("replica/tunnel/bayes2");

        // Replication goes on through the restarted tunnel (the replica reconnects by itself within a second or so).
        try (Jedis m = SshDeployment.connect(transports, instance("master/bayes2"))) {
            m.set("m2:after-tunnel-restart", "1");
        }
        SshDeployment.awaitKeys(transports, instance("replica/bayes"), 52);
    }

    @Test
    @Order(6)
    void aHostKeyThatIsNotTheHostsStopsAnActionWithOneLineAndChangesNothing() throws Exception {
        Path wrongConfig = deployment.sshd().clientConfigWithKnownHosts("wrong", deployment.sshd().wrongKnownHostsLine());
        Path wrongFile = deployment.fileWith("wrong-key.yaml", wrongConfig);
        Topology wrong = TopologyLoader.load(wrongFile);
        Instance bayes = instance("replica/bayes");
        long pid = deployment.pid(bayes).orElseThrow();
        String content = Files.readString(Path.of(file(bayes)));
        long audited = Files.readAllLines(audit.file()).size();
        String why = "ssh to 127.0.52.2 failed: Host key verification failed: the host's key has CHANGED since it was"
                + " recorded in known_hosts (a reinstalled host, or someone in between); check it before replacing the entry";

        try (Transports wrongTransports = new Transports(wrong)) {
            Scripted s = new Scripted();
            ActionRunner runner = new ActionRunner(new ActionContext(wrong, wrongTransports, Optional.empty(), Limits.defaults()),
                    false, s, s, audit);
            for (String line : List.of("stop replica/bayes", "repoint replica/bayes to master/bayes", "logs replica/bayes")) {
                long start = System.nanoTime();
                ActionResult r = runner.run(new CommandParser(wrong).parse(List.of(line.split(" "))));
                long ms = (System.nanoTime() - start) / 1_000_000;
                System.out.println("TIMING " + line + " with a wrong host key: " + ms + " ms (" + r.outcome() + ": " + r.message() + ")");
                assertThat(ms).isLessThan(10_000);
                if (line.startsWith("logs")) {
                    // Not "no lines": the log could not be read at all.
                    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
                    assertThat(r.message()).isEqualTo("cannot read " + topology.hostOf(bayes).instancePath(bayes, Convention.LOGFILE)
                            + " on replica: " + why);
                } else {
                    assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
                    assertThat(r.message()).isEqualTo("cannot reach replica/bayes: " + why);
                }
                assertThat(s.questions).isEmpty();
                assertThat(s.previews).isEmpty();
            }
        }
        CliRunner.Result cli = CliRunner.run("shell", wrongFile.toString(), "--yes", "-c", "stop replica/bayes");
        assertThat(cli.exitCode()).isEqualTo(4);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).isEqualTo("repcon: refused: cannot reach replica/bayes: " + why + "\n");

        // Nothing changed: the same process, the same file, and the refusals recorded with nothing run.
        assertThat(deployment.pid(bayes)).contains(pid);
        assertThat(Pids.isRunning(pid)).isTrue();
        assertThat(Files.readString(Path.of(file(bayes)))).isEqualTo(content);
        List<String> lines = Files.readAllLines(audit.file());
        assertThat(lines).hasSize((int) audited + 2);
        for (String l : lines.subList((int) audited, lines.size())) {
            JsonObject o = JsonParser.parseString(l).getAsJsonObject();
            assertThat(o.get("outcome").getAsString()).isEqualTo("refused");
            assertThat(o.getAsJsonArray("ran")).isEmpty();
        }
        try (Jedis j = SshDeployment.connect(transports, bayes)) {
            assertThat(j.info("replication")).contains("master_port:6488", "master_link_status:up");
        }
    }

    @Test
    @Order(7)
    void setChangesTheRunningValueAndTheRemoteFileOverSsh() throws Exception {
        Instance master = instance("master/bayes");
        FileBefore file = FileBefore.read(Path.of(file(master)));
        Scripted s = done("set master/bayes repl-backlog-size 32mb",
                "master/bayes: CONFIG GET repl-backlog-size 33554432, and " + file.path() + " says the same",
                "master/bayes> CONFIG SET repl-backlog-size 32mb", file.writing("master"));
        assertThat(s.previews.get(0).files().get(0).diff()).endsWith("+repl-backlog-size 32mb\n");
        try (Jedis j = SshDeployment.connect(transports, master)) {
            assertThat(j.configGet("repl-backlog-size").get("repl-backlog-size")).isEqualTo("33554432");
        }
        JsonObject a = lastAudit();
        file.rewrittenAs(file.text() + "repl-backlog-size 32mb\n", a);
        assertThat(a.get("command").getAsString()).isEqualTo("set master/bayes repl-backlog-size 32mb");
        assertThat(a.get("outcome").getAsString()).isEqualTo("done");
        assertThat(a.getAsJsonArray("ran").get(0).getAsString()).isEqualTo("master/bayes> CONFIG SET repl-backlog-size 32mb");

        // masterauth from the topology's secret, never typed: a replica whose runtime value someone changed gets it back.
        Instance replica = instance("replica/bayes");
        try (Jedis j = SshDeployment.connect(transports, replica)) {
            j.configSet("masterauth", "not-the-password");
        }
        Scripted auth = Scripted.answering("y");
        ActionResult fixed = run("set replica/bayes masterauth", auth);
        assertThat(fixed.outcome()).as(fixed.message()).isEqualTo(Outcome.DONE);
        assertThat(auth.previews.get(0).commands()).containsExactly("replica/bayes> CONFIG SET masterauth <hidden>");
        try (Jedis j = SshDeployment.connect(transports, replica)) {
            assertThat(j.configGet("masterauth").get("masterauth")).isEqualTo(SshDeployment.PASSWORD);
        }
        assertThat(Files.readString(audit.file())).contains("set replica/bayes masterauth").doesNotContain(SshDeployment.PASSWORD,
                "not-the-password");
    }

    private ActionRunner runner(Scripted s) {
        return new ActionRunner(new ActionContext(topology, transports, Optional.empty(), Limits.defaults()), false, s, s, audit);
    }

    /** {@code VERB replica/bayes}, confirmed: done as the service script's {@code VERB redis FILE} over ssh, saying so. */
    private void serviceScriptRuns(String verb, Instance bayes, String says) {
        done(verb + " replica/bayes", says + "…", "replica$ sh " + deployment.serviceScript() + " " + verb + " redis " + file(bayes));
    }

    /**
     * {@code line}, confirmed with y: done, its message {@code says} ({@link Messages#assertSays}: "…" for text left
     * out), the preview's commands exactly {@code commands}; the answers and what was shown.
     */
    private Scripted done(String line, String says, String... commands) {
        Scripted s = Scripted.answering("y");
        ActionResult r = run(line, s);
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        Messages.assertSays(r.message(), says);
        assertThat(s.previews.get(0).commands()).containsExactly(commands);
        return s;
    }

    private ActionResult run(String line, Scripted s) {
        long start = System.nanoTime();
        ActionResult r = runner(s).run(new CommandParser(topology).parse(List.of(line.split(" "))));
        System.out.println("TIMING " + line + " over ssh: " + (System.nanoTime() - start) / 1_000_000 + " ms (" + r.outcome() + ": " + r.message() + ")");
        assertThat(s.shown() + r.message()).doesNotContain(SshDeployment.PASSWORD);
        return r;
    }

    private Instance instance(String ref) {
        return deployment.instance(ref);
    }

    private String file(Instance i) {
        return topology.hostOf(i).instancePath(i, Convention.INSTANCE_CONFIG);
    }

    private JsonObject lastAudit() throws Exception {
        List<String> lines = Files.readAllLines(audit.file());
        return JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
    }

}
