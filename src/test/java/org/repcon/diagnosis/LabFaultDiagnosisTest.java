package org.repcon.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.repcon.lab.LabFaults;
import org.repcon.lab.LabFaults.Fault;
import org.repcon.monitor.Monitor;
import org.repcon.probe.ProbeOptions;
import org.repcon.probe.Role;
import org.repcon.probe.TunnelSample.Connect;
import org.repcon.probe.TunnelSample.Ping;
import org.repcon.probe.TunnelSample;
import org.repcon.testing.Await;
import org.repcon.testing.Healthy;
import org.repcon.testing.LabClassTest;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;

/**
 * Every fault the lab can inject, read by the real probe and diagnosis: the right finding code on
 * the right target by the second refresh (refreshes one second apart, as the console runs), and
 * gone again once the lab is healed. Refusals are injected from outside repcon (redis-cli), and the finding's advice carried out.
 */
class LabFaultDiagnosisTest extends LabClassTest {

    LabFaultDiagnosisTest() {
        // A short event window, so that a past failed resync stops counting soon after heal.
        super(24, ProbeOptions.defaults(), Thresholds.defaults().withEventWindow(Duration.ofSeconds(4)));
    }

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(Fault.STOP_TUNNEL, "replica1", "local-tunnel-down", "replica1/tunnel/bayes"),
                Arguments.of(Fault.STOP_TUNNEL, "master", "server-tunnel-down", "master/tunnel/bayes"),
                Arguments.of(Fault.FREEZE_TUNNEL, "replica2", "tunnel-hung", "replica2/tunnel/fuzzy"),
                Arguments.of(Fault.KILL, "master/bayes", "instance-down", "master/bayes"),
                Arguments.of(Fault.FREEZE, "master/fuzzy", "instance-hung", "master/fuzzy"),
                Arguments.of(Fault.KILL, "replica1/fuzzy", "instance-down", "replica1/fuzzy"),
                Arguments.of(Fault.WRONG_MASTERAUTH, "replica2/bayes", "auth-failure", "replica2/bayes"),
                Arguments.of(Fault.REPLICA_WRITABLE, "replica1/fuzzy", "replica-writable", "replica1/fuzzy"),
                Arguments.of(Fault.WRONG_MASTER, "replica1/bayes", "wrong-master", "replica1/bayes"),
                Arguments.of(Fault.BACKLOG_BURST, "master/bayes", "backlog-too-small", "master/bayes"),
                Arguments.of(Fault.MASTER_FULL, "master/fuzzy", "master-full", "master/fuzzy"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} on {3}")
    @MethodSource("faults")
    void faultIsDiagnosedWithinTwoRefreshesAndClearsAfterHeal(Fault fault, String target, String code, String subject) {
        monitor().refresh(); // the healthy state is the history's starting point
        LabFaults.inject(lab, fault, target);
        // Refreshes INTERVAL apart, as the console runs them: the fault must show within two intervals.
        // A stopped master stunnel: the replica hosts' stunnels log their refused connects, and the finding quotes them.
        boolean quotesStunnel = code.equals("server-tunnel-down");
        List<Finding> seen = Await.value(code + " on " + subject + " by the second refresh", INTERVAL.multipliedBy(2), INTERVAL,
                () -> monitor().refresh().findings(), found -> has(found, code, subject) && (!quotesStunnel || found.stream()
                        .anyMatch(x -> x.evidence().stream().anyMatch(e -> e.matches("replica\\d stunnel: .*Connection refused.*")))));
        Finding f = seen.stream().filter(x -> x.code().id().equals(code)).findFirst().orElseThrow();
        assertThat(f.evidence()).isNotEmpty();
        // A stopped instance's log is read for why it stopped (a kill -9 leaves its last lines before the kill).
        if (code.equals("instance-down")) assertThat(f.evidence()).anyMatch(e -> e.matches("\\d+:[A-Z] .*"));

        LabFaults.heal(lab, new PrintWriter(new StringWriter()));
        assertThat(lab.awaitReplication(new PrintWriter(new StringWriter()))).isTrue();
        Await.value("every instance answering and no warning or critical finding after heal", Duration.ofSeconds(15), INTERVAL,
                () -> monitor().refresh(), Healthy::quiet);
    }

    @Test
    void aHealthyLabHasNoWarningOrCriticalFinding() {
        Monitor.State state = monitor().refresh();
        // Not vacuous: the refresh read every instance (each replica's link up) and PINGed through every tunnel's
        // client end, so "no finding" is a verdict on real samples, not on an empty or failed probe.
        var instances = state.snapshot().instances();
        assertThat(instances).hasSize((int) lab.topology().instances().count())
                .allSatisfy((ref, sample) -> assertThat(sample.ok()).as(ref + ": " + sample.summary()).isTrue());
        var replicas = instances.values().stream().filter(s -> s.info().orElseThrow().role() == Role.REPLICA).toList();
        assertThat(replicas).as("replicas probed").isNotEmpty()
                .allSatisfy(s -> assertThat(s.info().orElseThrow().masterLink()).as(s.summary())
                        .hasValueSatisfying(link -> assertThat(link.up()).as("link of " + link.endpoint() + " up").isTrue()));
        var tunnels = state.snapshot().tunnels();
        assertThat(tunnels).hasSize((int) lab.topology().tunnels().count());
        var clientEnds = tunnels.values().stream().filter(t -> !t.server()).toList();
        assertThat(clientEnds).as("client tunnel ends probed").isNotEmpty()
                .allSatisfy(t -> assertThat(t.ping()).as(t.tunnel() + ": " + t.summary()).isEqualTo(Ping.PONG));
        assertThat(tunnels.values()).filteredOn(TunnelSample::server).as("server tunnel ends probed").isNotEmpty()
                .allSatisfy(t -> assertThat(t.connect()).as(t.tunnel() + ": " + t.summary()).isEqualTo(Connect.OK));

        assertThat(state.findings()).allMatch(f -> f.severity() == Severity.INFO);
    }

    // ---- refusals injected from outside repcon (redis-cli), then the finding's own advice carried out ----

    @Test
    void writesRefusedForLackOfReplicasAreFoundAndClearOnceTheSettingIsLowered() throws Exception {
        monitor().refresh(); // the counters' starting point
        assertThat(cli("master/bayes", "CONFIG", "SET", "min-replicas-to-write", "3")).isEqualTo("OK");
        try {
            // Rspamd learning: every write refused.
            assertThat(cli("master/bayes", "HINCRBY", "RS", "learns_spam", "1")).startsWith("NOREPLICAS");
            List<Finding> found = Await.value("writes-refused on master/bayes", Duration.ofSeconds(5),
                    () -> monitor().refresh().findings(), f -> has(f, Code.WRITES_REFUSED, "master/bayes"));
            Finding f = found.stream().filter(x -> x.code() == Code.WRITES_REFUSED).findFirst().orElseThrow();
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.summary()).startsWith("learning fails: master/bayes refuses writes (fewer good replicas");
            assertThat(f.evidence()).anyMatch(e -> e.startsWith("errorstat_NOREPLICAS rose by 1 "))
                    .contains("min_slaves_good_slaves:2");
            // Its fix, run as a script runs it: min-replicas-to-write back to the topology's (none: 0), through the runner.
            assertThat(f.action()).isEqualTo("set master/bayes min-replicas-to-write 0");
            runThroughTheShell(f.action());
            assertThat(cli("master/bayes", "CONFIG", "GET", "min-replicas-to-write")).endsWith("\n0");
        } finally {
            // Whatever happened above, the next test starts from a master that takes writes.
            assertThat(cli("master/bayes", "CONFIG", "SET", "min-replicas-to-write", "0")).isEqualTo("OK");
        }
        assertThat(cli("master/bayes", "HINCRBY", "RS", "learns_spam", "1")).matches("\\d+");
        Await.value("writes-refused gone once writes pass", Duration.ofSeconds(12), () -> monitor().refresh().findings(),
                f -> !has(f, Code.WRITES_REFUSED, "master/bayes"));
    }

    @Test
    void aBusyMasterIsFoundAndScriptKillRepairsIt() throws Exception {
        assertThat(cli("master/fuzzy", "CONFIG", "SET", "busy-reply-threshold", "200")).isEqualTo("OK");
        Process script = cliProcess("master/fuzzy", "EVAL", "while true do end", "0");
        try {
            List<Finding> found = Await.value("instance-busy on master/fuzzy", Duration.ofSeconds(10),
                    () -> monitor().refresh().findings(), f -> has(f, Code.INSTANCE_BUSY, "master/fuzzy"));
            assertThat(found).noneMatch(f -> f.code() == Code.PROBE_PROTOCOL);
            // The advice: SCRIPT KILL.
            assertThat(cli("master/fuzzy", "SCRIPT", "KILL")).isEqualTo("OK");
            assertThat(script.waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(script.getInputStream().readAllBytes())).contains("Script killed");
            Await.value("instance-busy gone after SCRIPT KILL", Duration.ofSeconds(5), () -> monitor().refresh().findings(),
                    f -> !has(f, Code.INSTANCE_BUSY, "master/fuzzy"));
        } finally {
            script.destroyForcibly();
            cli("master/fuzzy", "SCRIPT", "KILL");
            cli("master/fuzzy", "CONFIG", "SET", "busy-reply-threshold", "5000");
        }
    }

    @Test
    void anRspamdFileEditedToWriteToTheReplicaIsFoundWithItsLineAndClearsWhenMended() throws Exception {
        monitor().rspamdFilesEvery(Duration.ZERO); // the console reads them once a minute; here at each refresh
        java.nio.file.Path override = java.nio.file.Path.of(lab.topology().host("replica1").orElseThrow()
                .path(org.repcon.topology.Convention.RSPAMD_DIR, "").orElseThrow(), "override.d", "classifier-bayes.conf");
        java.nio.file.Files.createDirectories(override.getParent());
        try {
            // An operator's "quick fix" on the replica host: Bayes learning now goes to the local replica, which refuses.
            java.nio.file.Files.writeString(override, "write_servers = \"" + lab.topology().host("replica1").orElseThrow()
                    .address().orElseThrow() + ":6378\";\n");
            assertThat(cli("replica1/bayes", "HINCRBY", "RS", "learns_spam", "1")).startsWith("READONLY");
            List<Finding> found = Await.value("rspamd-misrouted on replica1/bayes", Duration.ofSeconds(5),
                    () -> monitor().refresh().findings(), f -> has(f, Code.RSPAMD_MISROUTED, "replica1/bayes"));
            Finding f = found.stream().filter(x -> x.code() == Code.RSPAMD_MISROUTED).findFirst().orElseThrow();
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.evidence()).first().asString().startsWith("override.d/classifier-bayes.conf:1: write_servers ")
                    .endsWith("learning goes to port 6378, not the tunnel to master/bayes (6478)");
            assertThat(f.evidence()).anyMatch(e -> e.startsWith("errorstat_READONLY:count="));
        } finally {
            java.nio.file.Files.deleteIfExists(override);
        }
        Await.value("rspamd-misrouted gone once the file is mended", Duration.ofSeconds(5), () -> monitor().refresh().findings(),
                f -> !has(f, Code.RSPAMD_MISROUTED, "replica1/bayes"));
        // and the refused write out of the event window: the next test starts from a quiet lab
        Await.value("no warning or critical finding", Duration.ofSeconds(15), INTERVAL, () -> monitor().refresh(), Healthy::quiet);
    }

    @Test
    void aRoutingOnlyRspamadmResolvesIsFoundThroughItsConfigdump() throws Exception {
        monitor().rspamdFilesEvery(Duration.ZERO);
        monitor().rspamadmDumpEvery(Duration.ZERO, Duration.ZERO); // the console: first after 30 s, then every 5 min
        java.nio.file.Path localD = java.nio.file.Path.of(lab.topology().host("replica1").orElseThrow()
                .path(org.repcon.topology.Convention.RSPAMD_DIR, "").orElseThrow(), "local.d");
        java.nio.file.Path bayes = localD.resolve("classifier-bayes.conf");
        java.nio.file.Path extra = localD.resolve("extra-bayes.conf");
        String original = java.nio.file.Files.readString(bayes);
        try {
            // An include at a higher priority: the tutorial's write_servers line stays, Rspamd takes the included one.
            java.nio.file.Files.writeString(extra, "write_servers = \"" + lab.topology().host("replica1").orElseThrow()
                    .address().orElseThrow() + ":6378\";\n");
            java.nio.file.Files.writeString(bayes, original + ".include(priority=10) \"$LOCAL_CONFDIR/local.d/extra-bayes.conf\"\n");
            List<Finding> found = Await.value("rspamd-misrouted on replica1/bayes from rspamadm", Duration.ofSeconds(40),
                    () -> monitor().refresh().findings(), f -> has(f, Code.RSPAMD_MISROUTED, "replica1/bayes"));
            Finding f = first(found, Code.RSPAMD_MISROUTED);
            assertThat(f.evidence()).first().asString().startsWith("rspamadm configdump (classifier.bayes): write_servers ")
                    .endsWith("learning goes to port 6378, not the tunnel to master/bayes (6478)");
        } finally {
            java.nio.file.Files.writeString(bayes, original);
            java.nio.file.Files.deleteIfExists(extra);
        }
        Await.value("rspamd-misrouted gone once rspamadm resolves the mended files", Duration.ofSeconds(40),
                () -> monitor().refresh().findings(), f -> !has(f, Code.RSPAMD_MISROUTED, "replica1/bayes"));
        monitor().rspamadmDumpEvery(Duration.ofMinutes(5), Duration.ofMinutes(5));
        monitor().rspamdFilesEvery(Duration.ofSeconds(60));
    }

    // ---- drift, injected from outside: a CONFIG SET by hand, a file edited by hand; then the suggested fix run ----

    @Test
    void aConfigSetByHandIsConfigDriftAndTheSuggestedSetPutsTheTopologysValueBack() throws Exception {
        monitor().configEvery(Duration.ofSeconds(1)); // the console compares once a minute
        try {
            assertThat(cli("master/bayes", "CONFIG", "SET", "maxmemory", "200mb")).isEqualTo("OK");
            Finding f = first(Await.value("config-drift on master/bayes", Duration.ofSeconds(6),
                    () -> monitor().refresh().findings(), x -> has(x, Code.CONFIG_DRIFT, "master/bayes")), Code.CONFIG_DRIFT);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.evidence()).first().isEqualTo("runs with maxmemory 209715200, its file says 96M (96000000)");
            assertThat(f.action()).isEqualTo("set master/bayes maxmemory 96M");
            runThroughTheShell(f.action());
            assertThat(cli("master/bayes", "CONFIG", "GET", "maxmemory")).endsWith("\n96000000");
            Await.value("config-drift gone once set", Duration.ofSeconds(8), () -> monitor().refresh().findings(),
                    x -> !has(x, Code.CONFIG_DRIFT, "master/bayes"));
        } finally {
            cli("master/bayes", "CONFIG", "SET", "maxmemory", "96000000");
            monitor().configEvery(Duration.ofSeconds(60));
        }
    }

    @Test
    void aReplicaofEditedInTheFileIsFileDriftAndTheSuggestedRepointMendsTheFile() throws Exception {
        monitor().configEvery(Duration.ofSeconds(1));
        java.nio.file.Path conf = java.nio.file.Path.of(lab.topology().host("replica2").orElseThrow().instancePath(
                lab.topology().instance(InstanceRef.parse("replica2/bayes").orElseThrow()).orElseThrow(),
                org.repcon.topology.Convention.INSTANCE_CONFIG));
        String original = java.nio.file.Files.readString(conf);
        try {
            // An edit by hand that the running replica does not show until its next restart.
            java.nio.file.Files.writeString(conf, original.replaceAll("(?m)^replicaof (\\S+) 6478$", "replicaof $1 6477"));
            assertThat(java.nio.file.Files.readString(conf)).isNotEqualTo(original);
            List<Finding> found = Await.value("file-drift on replica2/bayes", Duration.ofSeconds(6),
                    () -> monitor().refresh().findings(), x -> has(x, Code.FILE_DRIFT, "replica2/bayes"));
            assertThat(found).as("the running replica is right: one finding, the file's")
                    .noneMatch(x -> x.code() == Code.CONFIG_DRIFT && x.subject().key().equals("replica2/bayes"));
            Finding f = first(found, Code.FILE_DRIFT);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.evidence()).first().asString().matches("its file says replicaof \\S+ 6477, the topology gives \\S+ 6478");
            assertThat(f.action()).isEqualTo("repoint replica2/bayes to master/bayes");
            runThroughTheShell(f.action());
            assertThat(java.nio.file.Files.readString(conf)).isEqualTo(original);
            Await.value("file-drift gone once the file is mended", Duration.ofSeconds(8), () -> monitor().refresh().findings(),
                    x -> !has(x, Code.FILE_DRIFT, "replica2/bayes"));
        } finally {
            if (!java.nio.file.Files.readString(conf).equals(original)) java.nio.file.Files.writeString(conf, original);
            monitor().configEvery(Duration.ofSeconds(60));
        }
    }

    private static Finding first(List<Finding> findings, Code code) {
        return findings.stream().filter(x -> x.code() == code).findFirst().orElseThrow();
    }

    /** A finding's fix run as a script runs it: through repcon shell and the one runner, confirmed by --yes. */
    private void runThroughTheShell(String action) {
        org.repcon.cli.CliRunner.Result fixed = org.repcon.cli.CliRunner.run("shell", file.toString(), "-c", action, "--yes");
        assertThat(fixed.exitCode()).as(fixed.out() + fixed.err()).isZero();
    }

    private static boolean has(List<Finding> findings, Code code, String subject) {
        return findings.stream().anyMatch(f -> f.code() == code && f.subject().key().equals(subject));
    }

    private static boolean has(List<Finding> findings, String code, String subject) {
        return findings.stream().anyMatch(f -> f.code().id().equals(code) && f.subject().key().equals(subject));
    }

    /** redis-cli against a lab instance, from outside repcon: its reply, error replies included. */
    private String cli(String ref, String... args) throws Exception {
        Process p = cliProcess(ref, args);
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private Process cliProcess(String ref, String... args) throws Exception {
        Instance i = lab.topology().instance(InstanceRef.parse(ref).orElseThrow()).orElseThrow();
        List<String> argv = new ArrayList<>(List.of("redis-cli", "-h", lab.topology().hostOf(i).address().orElseThrow(), "-p",
                Integer.toString(i.port())));
        argv.addAll(List.of(args));
        return new ProcessBuilder(argv).redirectErrorStream(true).start();
    }
}
