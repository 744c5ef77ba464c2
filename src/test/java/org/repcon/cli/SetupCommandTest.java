package org.repcon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.action.Audit;
import org.repcon.testing.TestLab;

/** {@code repcon setup}'s options and exit codes, on a lab topology nothing runs for (every step stays missing). */
class SetupCommandTest {

    @TempDir
    Path dir;

    private List<String> filesUnder(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void thePlanIsMadeAndNothingIsWritten() throws Exception {
        Path file = TestLab.file(42, dir);
        CliRunner.Result r = CliRunner.run("setup", file.toString(), "--host", "replica2", "--host", "master", "--plan");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("setup plan for 'lab': 2 hosts, 32 steps").contains("host master (lab, local)")
                .doesNotContain("host replica1");
        assertThat(r.out().indexOf("host master")).as("masters first").isLessThan(r.out().indexOf("host replica2"));
        assertThat(filesUnder(dir)).containsExactly("lab.yaml");
    }

    @Test
    void withoutATerminalOrYesTheApplyIsRefusedAndNothingRuns() throws Exception {
        Path file = TestLab.file(42, dir);
        Path audit = Audit.standard().file();
        int before = Files.exists(audit) ? Files.readAllLines(audit).size() : 0;
        CliRunner.Result r = CliRunner.run("setup", file.toString(), "--apply");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err().lines()).containsExactly("repcon: refused: it needs confirming and there is no terminal: add --yes"
                + " to run it from a script");
        assertThat(r.out()).contains("49 steps: 3 done, 0 differ, 46 missing");
        assertThat(filesUnder(dir)).containsExactly("lab.yaml");
        List<String> lines = Files.readAllLines(audit);
        assertThat(lines.subList(before, lines.size())).singleElement().asString().contains("\"verb\":\"setup\"", "\"outcome\":\"refused\"");
    }

    @Test
    void usageMistakesAreInvalid() throws Exception {
        Path file = TestLab.file(42, dir);
        CliRunner.Result none = CliRunner.run("setup", file.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.firstErrLine()).contains("--plan", "--apply", "--out").contains("see 'repcon setup --help'");
        assertThat(CliRunner.run("setup", file.toString(), "--plan", "--apply").exitCode()).isEqualTo(2);
        CliRunner.Result yes = CliRunner.run("setup", file.toString(), "--plan", "--yes");
        assertThat(yes.exitCode()).isEqualTo(2);
        assertThat(yes.firstErrLine()).isEqualTo("repcon: --yes answers the question of --apply; --plan and --out ask none");
        CliRunner.Result host = CliRunner.run("setup", file.toString(), "--host", "replica3", "--plan");
        assertThat(host.exitCode()).isEqualTo(2);
        assertThat(host.firstErrLine()).startsWith("repcon: no host 'replica3' in ").contains("did you mean 'replica1'");
        assertThat(filesUnder(dir)).containsExactly("lab.yaml");
    }

    @Test
    void outWritesTheFilesAsSetupWouldForReview() throws Exception {
        Path file = TestLab.file(42, dir);
        Path out = dir.resolve("review");
        CliRunner.Result r = CliRunner.run("setup", file.toString(), "--host", "replica1", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + out.resolve("replica1" + dir.resolve("replica1/etc/redis-bayes.conf")),
                "generated PSK secrets for replica1, replica2 into " + dir.resolve("secrets.psk"));
        assertThat(Files.readString(out.resolve("replica1" + dir.resolve("replica1/etc/redis-bayes.conf"))))
                .contains("replicaof 127.0.42.3 6478");
        assertThat(dir.resolve("replica1")).as("nothing on the host itself").doesNotExist();
    }
}
