package org.repcon.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.cli.CliRunner;
import org.repcon.lab.Lab;
import org.repcon.testing.TestLab;
import org.repcon.testing.TestTopologies;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;

/**
 * The three sample topologies: their files laid out (render --out for FreeBSD and Debian, the lab's own files), then
 * discover, then render again: every host's files and commands as the original's, secrets aside.
 */
class DiscoverRoundTripTest {

    @Test
    void freebsdSampleFromRenderOut(@TempDir Path dir) throws Exception {
        roundTrip(dir, "rspamd-freebsd.yaml", "master=local", "replica=local");
    }

    @Test
    void debianSampleFromRenderOut(@TempDir Path dir) throws Exception {
        roundTrip(dir, "rspamd-debian.yaml", "master=local", "edge1=local", "edge2=local");
    }

    /**
     * Valkey's names (valkey-server@ units, /etc/valkey, /var/lib/valkey) read back as the one key that says them, not as
     * overrides of each path; and FreeBSD's (valkey_profiles, /usr/local/etc/valkey-NAME.conf, service valkey).
     */
    @Test
    void valkeySamplesFromRenderOutSayServerValkey(@TempDir Path dir) throws Exception {
        String debian = roundTrip(dir.resolve("debian"), "rspamd-debian-valkey.yaml", "master=local", "edge1=local", "edge2=local");
        Path freebsd = Files.createDirectories(dir.resolve("freebsd")).resolve("freebsd-valkey.yaml");
        Files.writeString(freebsd, Files.readString(TestTopologies.sample("rspamd-freebsd.yaml"))
                .replace("\nplatform: freebsd\n", "\nplatform: freebsd\nserver: valkey\n"));
        String bsd = roundTripFile(freebsd, "master=local", "replica=local");
        for (String found : List.of(debian, bsd)) {
            assertThat(found).contains("\nserver: valkey\n").doesNotContain("conventions:").doesNotContain("    server:");
        }
        assertThat(Renders.of(TopologyLoader.load(freebsd))).containsKey("master /usr/local/etc/valkey-bayes.conf")
                .hasEntrySatisfying("master /etc/rc.conf", rc -> assertThat(rc).contains("valkey_profiles=\"redis bayes fuzzy\""))
                .hasEntrySatisfying("master commands", c -> assertThat(c).contains("service valkey start bayes"));
    }

    private static String roundTrip(Path dir, String sample, String... hosts) throws Exception {
        Path original = Files.createDirectories(dir).resolve(sample);
        Files.copy(TestTopologies.sample(sample), original);
        return roundTripFile(original, hosts);
    }

    /** Render --out, discover over it, render again: the same; returns the discovered topology's text. */
    private static String roundTripFile(Path original, String... hosts) throws Exception {
        Path dir = original.getParent();
        Path files = dir.resolve("files");
        CliRunner.Result render = CliRunner.run("render", original.toString(), "--out", files.toString());
        assertThat(render.exitCode()).as(render.err()).isZero();
        List<Path> before = tree(files);

        Path found = dir.resolve("found.yaml");
        String[] args = Stream.concat(Stream.of("discover", "--root", files.toString(), "--out", found.toString()), Stream.of(hosts))
                .toArray(String[]::new);
        CliRunner.Result discover = CliRunner.run(args);
        assertThat(discover.exitCode()).as(discover.err()).isZero();
        assertThat(discover.err()).isEmpty();
        assertThat(discover.out()).startsWith("wrote " + found + " (");

        assertThat(CliRunner.run("validate", found.toString()).exitCode()).isZero();
        Topology again = TopologyLoader.load(found);
        Topology first = TopologyLoader.load(original);
        assertThat(Renders.of(again)).containsExactlyEntriesOf(Renders.of(first));
        // Read-only: the laid-out files are exactly as render left them.
        assertThat(tree(files)).isEqualTo(before);
        return Files.readString(found);
    }

    @Test
    void labFromItsFilesAndRunning(@TempDir Path dir) throws Exception {
        Lab lab = TestLab.create(100, dir);
        lab.writeFiles();
        Path found = dir.resolve("found.yaml");
        CliRunner.Result files = CliRunner.run("discover", "--root", dir.toString(), "--out", found.toString(),
                "master=local", "replica1=local", "replica2=local");
        assertThat(files.exitCode()).as(files.err()).isZero();
        String text = Files.readString(found);
        assertThat(text).contains("platform: lab", "root: " + dir, "name: " + dir.getFileName(),
                "not running (nothing answers on 127.0.100.3:6378): replication not confirmed");
        assertThat(Renders.of(TopologyLoader.load(found))).containsExactlyEntriesOf(Renders.of(lab.topology()));

        try {
            StringWriter out = new StringWriter();
            assertThat(lab.up(new PrintWriter(out))).as(out.toString()).isTrue();
            CliRunner.Result running = CliRunner.run("discover", "--root", dir.toString(),
                    "master=local", "replica1=local", "replica2=local");
            assertThat(running.exitCode()).as(running.err()).isZero();
            assertThat(running.out()).contains("running: a replica of 127.0.100.3 6478, link up",
                    "running: a master with 2 replica(s) connected");
            assertThat(Renders.of(TopologyLoader.parse(running.out(), found))).containsExactlyEntriesOf(Renders.of(lab.topology()));

            // A replica re-pointed by hand, its file unchanged: what runs is not what the files say.
            try (var replica = Lab.jedis(lab.topology().host("replica2").orElseThrow(), 6377)) {
                replica.replicaof("127.0.100.4", 6378);
            }
            CliRunner.Result repointed = CliRunner.run("discover", "--root", dir.toString(),
                    "master=local", "replica1=local", "replica2=local");
            assertThat(repointed.exitCode()).isEqualTo(1);
            assertThat(repointed.err()).contains("warning: replica2/fuzzy runs as a replica of 127.0.100.4 6378, its file says"
                    + " replicaof 127.0.100.4 6477: a restart is pending, or it was re-pointed by hand");
        } finally {
            lab.down();
        }
    }

    private static List<Path> tree(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.sorted().toList();
        }
    }
}
