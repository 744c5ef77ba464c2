package org.repcon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.lab.Lab;
import org.repcon.lab.LabTopology;
import org.repcon.testing.TestLab;
import org.repcon.topology.TopologyLoader;

/** The footprint benchmark on a real stunnel lab: it counts the master's log, and leaves no process behind. */
class BenchFootprintTest {

    @TempDir
    Path dir;

    @Test
    void aSteadyConsoleOpensNoSessionOnTheMastersStunnel() {
        Path file = TestLab.file(48, dir);
        Lab lab = new Lab(LabTopology.of(TopologyLoader.load(file), java.util.Optional.empty()));
        try {
            CliRunner.Result r = CliRunner.run("bench", "footprint", "--lab", file.toString(), "--seconds", "3", "--interval-ms", "200");

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("master/log/stunnel.log").contains("sessions accepted: 0 (0.0 per minute)")
                    .contains("log lines: 0 (0.0 per minute)").containsPattern("\\d+ refreshes in 3\\.\\d s");
            // It started the lab, so it stopped it.
            assertThat(lab.processes()).isNotEmpty().allSatisfy(p -> assertThat(lab.pid(p)).as(p.label()).isEmpty());
        } finally {
            lab.down();
        }
    }
}
