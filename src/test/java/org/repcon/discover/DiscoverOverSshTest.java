package org.repcon.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.cli.CliRunner;
import org.repcon.testing.SshServer;
import org.repcon.testing.TestTopologies;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;

/**
 * discover over ssh against a real sshd on loopback (127.0.101.1 "master", 127.0.101.2 "replica"): the FreeBSD
 * sample's files laid out by render --out, read through each host's ssh transport, give a topology that renders the same.
 */
class DiscoverOverSshTest {

    private static final String MASTER = "127.0.101.1";
    private static final String REPLICA = "127.0.101.2";

    @TempDir
    static Path dir;
    @AutoClose
    static SshServer sshd;

    @BeforeAll
    static void start() {
        sshd = SshServer.start(dir, MASTER, REPLICA);
    }

    @Test
    void readsEachHostThroughSsh() throws Exception {
        Path original = dir.resolve("rspamd-freebsd.yaml");
        Files.writeString(original, Files.readString(TestTopologies.sample("rspamd-freebsd.yaml"))
                .replace("master.example.com", MASTER).replace("replica.example.com", REPLICA));
        Path files = dir.resolve("files");
        assertThat(CliRunner.run("render", original.toString(), "--out", files.toString()).exitCode()).isZero();

        Path found = dir.resolve("found.yaml");
        String user = System.getProperty("user.name");
        CliRunner.Result r = CliRunner.run("discover", "--root", files.toString(), "--out", found.toString(),
                "--ssh-option", "-F " + sshd.clientConfig(), "master=" + user + "@" + MASTER, "replica=" + REPLICA + ":" + sshd.port());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String text = Files.readString(found);
        assertThat(text).contains("    address: " + MASTER + "\n    access: ssh\n    ssh: { user: " + user + ", options: [-F, "
                + sshd.clientConfig() + "] }", "    address: " + REPLICA + "\n    access: ssh\n    ssh: { port: " + sshd.port());
        Topology topology = TopologyLoader.load(found);
        assertThat(Renders.of(topology)).containsExactlyEntriesOf(Renders.of(TopologyLoader.load(original)));
    }

    @Test
    void aHostThatCannotBeReachedIsOneLine() {
        CliRunner.Result r = CliRunner.run("discover", "--platform", "freebsd", "--ssh-option", "-F " + sshd.clientConfig(),
                "--ssh-option", "ConnectTimeout=2", "gone=127.0.101.9");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).hasSize(2);
        assertThat(r.err()).startsWith("error: gone: cannot be reached: ").endsWith("repcon: discover: nothing written: 1 error(s)\n");
    }
}
