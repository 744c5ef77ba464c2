package org.repcon.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.cli.CliRunner;
import org.repcon.config.ConfigRenderer;
import org.repcon.config.PskStore;
import org.repcon.config.RenderedFile;
import org.repcon.config.SecretValues;
import org.repcon.lab.Lab;
import org.repcon.lab.LabTopology;
import org.repcon.testing.TestLab;
import org.repcon.topology.Host;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;

/** An apply that meets a port held by another process stops there, in one line, and leaves every file old or new. */
class SetupFailureTest {

    @Test
    void aTakenPortStopsTheApplyWithOneLineAndEveryFileIsOldOrNew(@TempDir Path dir) throws Exception {
        Path file = TestLab.file(41, dir);
        Topology topology = TopologyLoader.load(file);
        Lab lab = new Lab(LabTopology.of(topology, Optional.empty()));
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("127.0.41.3", 6378)); // replica1/bayes's port; it never answers
            CliRunner.Result r = CliRunner.run("setup", file.toString(), "--apply", "--yes");

            assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.out()).contains("unknown  start redis         start replica1/bayes: 127.0.41.3:6378 is taken by another process");
            assertThat(r.err().lines()).containsExactly("repcon: failed: start replica1/bayes: 127.0.41.3:6378 is taken by another"
                    + " process (it accepts connections but never answers)");
            // It stopped there: replica1's earlier steps ran, nothing after.
            assertThat(lab.pid(lab.process("replica1", "redis").orElseThrow())).isPresent();
            assertThat(lab.pid(lab.process("replica1", "fuzzy").orElseThrow())).isEmpty();
            assertThat(dir.resolve("replica2")).doesNotExist();
        } finally {
            lab.down();
        }
        PskStore secrets = PskStore.read(topology.secrets());
        int written = 0;
        for (Host host : topology.hosts()) {
            for (RenderedFile f : ConfigRenderer.render(topology, host, SecretValues.revealed(secrets)).files()) {
                Path p = Path.of(f.path());
                if (!Files.exists(p)) continue; // the old state: none
                assertThat(Files.readString(p)).as(p.toString()).isEqualTo(f.content());
                written++;
            }
        }
        assertThat(written).isEqualTo(9 + 6); // master's nine files, replica1's files before its instances start
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".repcon")).noneMatch(n -> n.contains(".bak-"));
        }
    }
}
