package org.repcon.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.config.ConfigRenderer;
import org.repcon.config.RenderedFile;
import org.repcon.config.SecretValues;
import org.repcon.diagnosis.ConfigDrifts;
import org.repcon.probe.RunningConfig;
import org.repcon.testing.TestTopology;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Topology;

/** An instance's running values, its files on the host and the topology, compared as the monitor does once a minute. */
class ConfigFilesTest {

    @TempDir
    Path dir;
    private Topology topology;
    private Host replicaHost;
    private Instance replica;
    /** The replica host's files as setup would write them, passwords revealed: edited per case. */
    private final Map<String, String> disk = new HashMap<>();
    /** What the replica runs with when it runs with its files: CONFIG GET's reply, passwords fingerprinted. */
    private final Map<String, String> running = new HashMap<>();

    @BeforeEach
    void tutorialFiles() throws IOException {
        Files.writeString(dir.resolve("master.pw"), "s3cret-master\n");
        topology = TestTopology.lab(dir, topologyText());
        replicaHost = topology.host("replica").orElseThrow();
        replica = replicaHost.instance("bayes").orElseThrow();
        for (RenderedFile f : ConfigRenderer.redisFiles(topology, replicaHost, REVEALED)) disk.put(f.path(), f.content());
        running.putAll(Map.of("replicaof", "127.0.0.3 6478", "masterauth", RunningConfig.fingerprint("s3cret-master"),
                "requirepass", "", "maxmemory", "73400320", "replica-read-only", "yes", "repl-backlog-size", "1048576",
                "client-output-buffer-limit", "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
                "appendonly", "no", "min-replicas-to-write", "0", "save", "3600 1 300 100 60 10000"));
    }

    private static String topologyText() {
        return """
                  master:
                    address: 127.0.0.2
                    instances:
                      bayes: { port: 6378, password_file: master.pw, maxmemory: 70mb }
                    tunnels:
                      bayes: { accept: 6478, to: bayes }
                  replica:
                    address: 127.0.0.3
                    instances:
                      bayes: { port: 6378, replicaof: master/bayes, maxmemory: 70mb }
                    tunnels:
                      bayes: { accept: 6478, client: master/bayes }
                """;
    }

    private Optional<ConfigDrifts> compare() {
        return ConfigFiles.compare(topology, replicaHost, replica, running, p -> Optional.ofNullable(disk.get(p)));
    }

    private String file() {
        return replicaHost.instancePath(replica, org.repcon.topology.Convention.INSTANCE_CONFIG);
    }

    private void edit(String from, String to) {
        assertThat(disk.get(file())).contains(from);
        disk.put(file(), disk.get(file()).replace(from, to));
    }

    @Test
    void theTutorialsFilesRunningAsWrittenDifferInNothing() {
        assertThat(compare()).hasValueSatisfying(d -> assertThat(d.isEmpty()).as(d.toString()).isTrue());
    }

    @Test
    void aConfigSetIsLostAtTheNextRestartAndSetPutsTheTopologysValueBack() {
        running.put("maxmemory", "104857600");
        running.put("repl-backlog-size", "67108864");
        ConfigDrifts d = compare().orElseThrow();
        assertThat(d.topology()).isEmpty();
        assertThat(d.running()).extracting(ConfigDrifts.Difference::said).containsExactly(
                "runs with maxmemory 104857600, its file says 70mb (73400320)",
                "runs with repl-backlog-size 67108864, its file says 1mb (1048576)");
        // maxmemory: the topology gives 70mb; the backlog: the topology says nothing, so no value is guessed.
        assertThat(d.running()).extracting(ConfigDrifts.Difference::settle)
                .containsExactly(Optional.of(List.of("70mb")), Optional.empty());
    }

    @Test
    void anOutputBufferLimitIsSettledWithTheReplicaClassAloneAsSetTakesIt() {
        topology = TestTopology.lab(dir, topologyText().replace("replicaof: master/bayes, maxmemory: 70mb }",
                "replicaof: master/bayes, maxmemory: 70mb, settings: { client-output-buffer-limit: \"replica 512mb 128mb 60\" } }"));
        replicaHost = topology.host("replica").orElseThrow();
        replica = replicaHost.instance("bayes").orElseThrow();
        for (RenderedFile f : ConfigRenderer.redisFiles(topology, replicaHost, REVEALED)) disk.put(f.path(), f.content());
        running.put("client-output-buffer-limit", "normal 0 0 0 slave 1048576 1048576 0 pubsub 33554432 8388608 60");
        assertThat(compare().orElseThrow().running()).extracting(x -> x.settle().orElseThrow())
                .containsExactly(List.of("512mb", "128mb", "60"));
    }

    @Test
    void aReplicaofEditedOnDiskIsTheFilesDriftAloneAndSaysBothAddresses() {
        edit("replicaof 127.0.0.3 6478", "replicaof 127.0.0.3 6479");
        ConfigDrifts d = compare().orElseThrow();
        assertThat(d.running()).as("the running replica is right: the file is the one cause").isEmpty();
        assertThat(d.topology()).extracting(ConfigDrifts.Difference::said)
                .containsExactly("its file says replicaof 127.0.0.3 6479, the topology gives 127.0.0.3 6478");
    }

    @Test
    void passwordsAreComparedButNeverSaid() {
        running.put("masterauth", RunningConfig.fingerprint("typed-at-3am"));
        edit("s3cret-master", "older-secret");
        ConfigDrifts d = compare().orElseThrow();
        assertThat(d.running()).extracting(ConfigDrifts.Difference::said)
                .containsExactly("runs with another masterauth than its file says (not shown)");
        assertThat(d.topology()).extracting(ConfigDrifts.Difference::said)
                .containsExactly("its file has another masterauth than the topology gives (not shown)");
        assertThat(d.toString()).doesNotContain("typed-at-3am", "older-secret", "s3cret-master");
        assertThat(d.running().get(0).settle()).as("set masterauth takes it from the topology").isEmpty();
    }

    @Test
    void aTopologyPasswordThatCannotBeReadHereIsNotCompared() throws IOException {
        Files.delete(dir.resolve("master.pw"));
        ConfigDrifts d = compare().orElseThrow();
        assertThat(d.isEmpty()).as(d.toString()).isTrue();
    }

    @Test
    void aDirectiveLeftOutOfTheFileIsComparedWithRedisDefault() {
        running.put("replica-read-only", "no");
        assertThat(compare().orElseThrow().running()).extracting(ConfigDrifts.Difference::said)
                .containsExactly("runs with replica-read-only no, its file says yes");
    }

    @Test
    void filesThatCannotBeReadAreNotCompared() {
        disk.remove(topology.host("replica").orElseThrow().path(org.repcon.topology.Convention.COMMON_CONFIG, "").orElseThrow());
        assertThat(compare()).isEmpty();
    }

    private static final SecretValues REVEALED = new SecretValues() {
        @Override
        public String psk(String identity) {
            return "";
        }

        @Override
        public String password(org.repcon.topology.Secret secret) {
            return secret.reveal();
        }
    };
}
