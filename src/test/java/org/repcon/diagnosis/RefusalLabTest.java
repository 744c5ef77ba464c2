package org.repcon.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.repcon.lab.Lab;
import org.repcon.monitor.Monitor;
import org.repcon.probe.ProbeOptions;
import org.repcon.testing.Await;
import org.repcon.testing.TestLab;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.transport.Transports;

/**
 * Refusals injected from outside repcon, as an operator or a client would cause them (redis-cli against the lab), read
 * by the real probe and diagnosis; then the finding's own advice is carried out, and the finding must clear.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusalLabTest {

    private static final Duration WINDOW = Duration.ofSeconds(3);

    private Path dir;
    private Lab lab;
    private Monitor monitor;

    @BeforeAll
    void up() throws Exception {
        dir = Files.createTempDirectory("repcon-refusals");
        lab = TestLab.create(36, dir);
        assertThat(lab.up(new PrintWriter(new StringWriter()))).isTrue();
        // A short event window, so that a refusal stops counting soon after it ends.
        monitor = new Monitor(lab.topology(), new Transports(lab.topology()), ProbeOptions.defaults(),
                Thresholds.defaults().withEventWindow(WINDOW));
    }

    @AfterAll
    void down() {
        try {
            if (monitor != null) monitor.close();
        } finally {
            lab.down();
        }
    }

    @Test
    void writesRefusedForLackOfReplicasAreFoundAndClearOnceTheSettingIsLowered() throws Exception {
        monitor.refresh(); // the counters' starting point
        assertThat(cli("master/bayes", "CONFIG", "SET", "min-replicas-to-write", "3")).isEqualTo("OK");
        try {
            // Rspamd learning: every write refused.
            assertThat(cli("master/bayes", "HINCRBY", "RS", "learns_spam", "1")).startsWith("NOREPLICAS");
            List<Finding> found = Await.value("writes-refused on master/bayes", Duration.ofSeconds(5),
                    () -> monitor.refresh().findings(), f -> has(f, Code.WRITES_REFUSED, "master/bayes"));
            Finding f = found.stream().filter(x -> x.code() == Code.WRITES_REFUSED).findFirst().orElseThrow();
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.summary()).startsWith("learning fails: master/bayes refuses writes (fewer good replicas");
            assertThat(f.evidence()).anyMatch(e -> e.startsWith("errorstat_NOREPLICAS rose by 1 "))
                    .contains("min_slaves_good_slaves:2");
        } finally {
            // The advice: lower min-replicas-to-write.
            assertThat(cli("master/bayes", "CONFIG", "SET", "min-replicas-to-write", "0")).isEqualTo("OK");
        }
        assertThat(cli("master/bayes", "HINCRBY", "RS", "learns_spam", "1")).matches("\\d+");
        Await.value("writes-refused gone once writes pass", WINDOW.multipliedBy(3), () -> monitor.refresh().findings(),
                f -> !has(f, Code.WRITES_REFUSED, "master/bayes"));
    }

    @Test
    void aBusyMasterIsFoundAndScriptKillRepairsIt() throws Exception {
        assertThat(cli("master/fuzzy", "CONFIG", "SET", "busy-reply-threshold", "200")).isEqualTo("OK");
        Process script = cliProcess("master/fuzzy", "EVAL", "while true do end", "0");
        try {
            List<Finding> found = Await.value("instance-busy on master/fuzzy", Duration.ofSeconds(10),
                    () -> monitor.refresh().findings(), f -> has(f, Code.INSTANCE_BUSY, "master/fuzzy"));
            assertThat(found).noneMatch(f -> f.code() == Code.PROBE_PROTOCOL);
            // The advice: SCRIPT KILL.
            assertThat(cli("master/fuzzy", "SCRIPT", "KILL")).isEqualTo("OK");
            assertThat(script.waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(script.getInputStream().readAllBytes())).contains("Script killed");
            Await.value("instance-busy gone after SCRIPT KILL", Duration.ofSeconds(5), () -> monitor.refresh().findings(),
                    f -> !has(f, Code.INSTANCE_BUSY, "master/fuzzy"));
        } finally {
            script.destroyForcibly();
            cli("master/fuzzy", "SCRIPT", "KILL");
            cli("master/fuzzy", "CONFIG", "SET", "busy-reply-threshold", "5000");
        }
    }

    private static boolean has(List<Finding> findings, Code code, String subject) {
        return findings.stream().anyMatch(f -> f.code() == code && f.subject().key().equals(subject));
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
