package org.repcon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.repcon.lab.Lab;
import org.repcon.lab.LabFaults;
import org.repcon.testing.TestLab;
import org.repcon.testing.Tools;

/**
 * {@code status --format openmetrics} and {@code --textfile} on a real lab, their output checked by Prometheus's own
 * {@code promtool check metrics} (a missing promtool fails the test, saying how to install it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusMetricsCommandTest {

    private Path dir;
    private Path file;
    private Lab lab;

    @BeforeAll
    void up() throws Exception {
        Tools.promtool();
        dir = Files.createTempDirectory("repcon-metrics-lab");
        file = TestLab.file(110, dir);
        lab = TestLab.create(110, dir);
        TestLab.up(lab);
    }

    @AfterAll
    void down() {
        if (lab != null) lab.down();
    }

    @Test
    void openMetricsOfAHealthyLabPassPromtoolAndShowEveryReplicaUp() throws Exception {
        CliRunner.Result r = CliRunner.run("status", file.toString(), "--format", "openmetrics");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(promtool(r.out())).isEqualTo("ok");
        assertThat(r.out()).endsWith("\n# EOF\n")
                .contains("repcon_replica_link_up{host=\"replica1\",redis=\"bayes\"} 1\n",
                        "repcon_replica_link_up{host=\"replica2\",redis=\"fuzzy\"} 1\n",
                        "repcon_instance_role{host=\"master\",redis=\"bayes\",role=\"master\",expected=\"master\"} 1\n",
                        "repcon_tunnel_up{host=\"master\",tunnel=\"bayes\",end=\"server\"} 1\n",
                        "repcon_findings{severity=\"critical\"} 0\n", "repcon_findings{severity=\"warning\"} 0\n")
                .doesNotContain("severity=\"critical\",subject").doesNotContain("severity=\"warning\",subject");
        assertThat(r.out()).containsPattern("\nrepcon_instance_info\\{host=\"replica1\",redis=\"bayes\",server=\"(redis|valkey)\","
                + "version=\"\\d+\\.\\d+\\.\\d+\",mode=\"standalone\"} 1\n");
        // A PING through the real tunnel took some time, and less than the probe's timeout.
        double ping = Double.parseDouble(value(r.out(), "repcon_tunnel_ping_seconds{host=\"replica1\",tunnel=\"bayes\",end=\"client\"}"));
        assertThat(ping).isGreaterThan(0).isLessThan(1);
    }

    @Test
    void aStoppedTunnelShowsAsDownWithItsFindingAndStillPassesPromtool() throws Exception {
        LabFaults.inject(lab, LabFaults.Fault.STOP_TUNNEL, "replica1");
        try {
            CliRunner.Result r = CliRunner.run("status", file.toString(), "--format", "openmetrics");
            assertThat(promtool(r.out())).isEqualTo("ok");
            assertThat(r.out()).contains("repcon_tunnel_up{host=\"replica1\",tunnel=\"bayes\",end=\"client\"} 0\n",
                    "repcon_finding{code=\"local-tunnel-down\",severity=\"critical\",subject=\"replica1/tunnel/bayes\"} 1\n")
                    .doesNotContain("repcon_tunnel_ping_seconds{host=\"replica1\",tunnel=\"bayes\"");
        } finally {
            TestLab.heal(lab);
        }
    }

    @Test
    void theTextfileIsReplacedInPlaceReadableAndPassesPromtool() throws Exception {
        Path textfiles = Files.createDirectory(dir.resolve("textfile"));
        for (int run = 0; run < 2; run++) {
            CliRunner.Result r = CliRunner.run("status", file.toString(), "--textfile", textfiles.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).as("nothing printed without --format").isEmpty();
        }
        // One file, no backup and no temporary file left for node_exporter to find.
        try (var files = Files.list(textfiles)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("repcon.prom");
        }
        Path prom = textfiles.resolve("repcon.prom");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(prom))).isEqualTo("rw-r--r--");
        String text = Files.readString(prom);
        assertThat(text).doesNotContain("# EOF").contains("repcon_replica_link_up{host=\"replica1\",redis=\"bayes\"} 1\n");
        assertThat(promtool(text)).isEqualTo("ok");

        CliRunner.Result both = CliRunner.run("status", file.toString(), "--textfile", textfiles.toString(), "--json");
        assertThat(both.out()).startsWith("{");
    }

    @Test
    void badTextfileAndFormatOptionsAreOneLineErrors() {
        CliRunner.Result missing = CliRunner.run("status", file.toString(), "--textfile", dir.resolve("nowhere").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("repcon: --textfile " + dir.resolve("nowhere") + ": no such directory\n");
        CliRunner.Result two = CliRunner.run("status", file.toString(), "--json", "--format", "openmetrics");
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).isEqualTo("repcon: --json and --format openmetrics ask for two formats; give one\n");
        CliRunner.Result unknown = CliRunner.run("status", file.toString(), "--format", "prometheus");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().lines().toList()).hasSize(1);
        assertThat(unknown.err()).contains("--format", "openmetrics");
    }

    /** promtool's verdict on {@code text}: "ok" when it exits 0 and prints nothing, else what it said. */
    private static String promtool(String text) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Tools.promtool().toString(), "check", "metrics").redirectErrorStream(true).start();
        try {
            p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return p.exitValue() == 0 && said.isEmpty() ? "ok" : "exit " + p.exitValue() + ": " + said;
        } finally {
            p.destroyForcibly();
        }
    }

    private static String value(String text, String series) {
        List<String> lines = text.lines().filter(l -> l.startsWith(series + " ")).toList();
        assertThat(lines).as(series).hasSize(1);
        return lines.get(0).substring(series.length() + 1);
    }
}
