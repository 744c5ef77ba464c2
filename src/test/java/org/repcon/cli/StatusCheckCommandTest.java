package org.repcon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.repcon.lab.LabFaults;
import org.repcon.testing.LabClassTest;
import org.repcon.testing.TestLab;

/** status and check as a script or a monitoring system runs them, against a real lab. */
class StatusCheckCommandTest extends LabClassTest {

    StatusCheckCommandTest() {
        super(25);
    }

    @Test
    void statusShowsEveryHostInstanceAndTunnel() {
        CliRunner.Result r = CliRunner.run("status", file.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("master  (127.0.25.2", "replica2  (127.0.25.4", "tunnel bayes", "client :6478",
                "2/2 replicas", "replica ");
        assertThat(r.out().lines().filter(l -> l.contains(" up ")).count()).isEqualTo(4);
    }

    @Test
    void statusJsonHasRawNumbers() {
        CliRunner.Result r = CliRunner.run("status", file.toString(), "--json");
        assertThat(r.exitCode()).isZero();
        JsonObject root = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonObject replicaBayes = root.getAsJsonArray("hosts").get(1).getAsJsonObject().getAsJsonArray("instances")
                .get(1).getAsJsonObject();
        assertThat(replicaBayes.get("name").getAsString()).isEqualTo("bayes");
        assertThat(replicaBayes.get("link").getAsString()).isEqualTo("up");
        assertThat(replicaBayes.get("master").getAsString()).isEqualTo("127.0.25.3:6478");
        assertThat(replicaBayes.get("replica_offset").getAsLong()).isNotNegative();
        assertThat(replicaBayes.get("used_memory").getAsLong()).isPositive();
    }

    @Test
    void checkIsOkWhenHealthyAndCriticalWithTheFindingFirstWhenATunnelIsDown() {
        CliRunner.Result ok = CliRunner.run("check", file.toString());
        assertThat(ok.exitCode()).as(ok.out()).isZero();
        assertThat(ok.out().lines().findFirst().orElseThrow()).startsWith("REPCON OK - lab: 9 instances and 6 tunnels healthy |");

        LabFaults.inject(lab, LabFaults.Fault.STOP_TUNNEL, "replica1");
        try {
            CliRunner.Result crit = CliRunner.run("check", file.toString());
            assertThat(crit.exitCode()).isEqualTo(2);
            assertThat(crit.out().lines().findFirst().orElseThrow())
                    .startsWith("REPCON CRITICAL - lab: 2 critical, 0 warning: local-tunnel-down replica1/tunnel/bayes")
                    .contains("| crit=2 warn=0 instances=9 tunnels=6");
            assertThat(crit.out()).contains("-> start replica1/tunnel/bayes\n    connect refused");
            CliRunner.Result json = CliRunner.run("check", file.toString(), "--json");
            JsonObject root = JsonParser.parseString(json.out()).getAsJsonObject();
            assertThat(root.get("exit_code").getAsInt()).isEqualTo(2);
            assertThat(root.getAsJsonArray("findings").get(0).getAsJsonObject().get("code").getAsString())
                    .isEqualTo("local-tunnel-down");
        } finally {
            TestLab.heal(lab);
        }
    }

    @Test
    void statusExitsOneWhenAHostDidNotAnswerAndZeroAgainOnceItDoes() throws Exception {
        // From outside, as an operator's kill would: every instance of replica2 gone, its stunnel left running.
        Path hostDir = dir.resolve("replica2");
        try (var pidFiles = Files.walk(hostDir.resolve("run"))) {
            for (Path pidFile : pidFiles.filter(f -> f.getFileName().toString().matches("(redis|bayes|fuzzy)\\.pid")).toList()) {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor();
            }
        }
        try {
            CliRunner.Result r = CliRunner.run("status", file.toString());
            assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
            assertThat(r.out()).contains("instance-down replica2/bayes");
            CliRunner.Result json = CliRunner.run("status", file.toString(), "--json");
            assertThat(json.exitCode()).isEqualTo(1);
        } finally {
            TestLab.heal(lab);
        }
        assertThat(CliRunner.run("status", file.toString()).exitCode()).isZero();
    }

    @Test
    void checkOfAnUnusableTopologyIsUnknown() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: x\nhosts: {}\n");
        CliRunner.Result r = CliRunner.run("check", bad.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).startsWith("REPCON UNKNOWN - " + bad);
    }
}
