package org.repcon.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.cli.CliRunner;
import org.repcon.testing.Await;
import org.repcon.testing.TestTopology;
import org.repcon.testing.Tools;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Server;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;
import org.repcon.util.Pids;
import org.repcon.util.RepconException;

/**
 * A lab whose topology says {@code server: valkey} runs valkey-server, found on the PATH. Debian 12 has no Valkey
 * package, so the PATH holds a directory of valkey-server and valkey-cli names for redis-server and redis-cli (Valkey
 * reads the same files and speaks the same protocol): the instances must be started by that name (their
 * /proc/PID/comm and argv[0]) and replicate; a host saying {@code server: redis} keeps redis-server. Block 180.
 */
class LabValkeyTest {

    private static final String HOSTS = """
              master:
                address: 127.0.180.2
                instances:
                  bayes: { port: 6378 }
                tunnels:
                  bayes: { accept: 6478, to: bayes }
              replica1:
                address: 127.0.180.3
                instances:
                  bayes: { port: 6378, replicaof: master/bayes }
                tunnels:
                  bayes: { accept: 6478, client: master/bayes }
              replica2:
                address: 127.0.180.4
                server: redis
                instances:
                  bayes: { port: 6378, replicaof: master/bayes }
                tunnels:
                  bayes: { accept: 6478, client: master/bayes }
            """;

    /** A directory with valkey-server and valkey-cli: the system's redis-server and redis-cli under Valkey's names. */
    private static Path valkeyNames(Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("valkey-bin"));
        Files.createSymbolicLink(bin.resolve("valkey-server"), Tools.redisServer());
        Files.createSymbolicLink(bin.resolve("valkey-cli"), Tools.require("redis-cli", "redis-tools"));
        return bin;
    }

    private static Topology valkeyLab(Path dir) {
        // TestTopology.lab without its header: this one says server: valkey at the top, replica2 says redis.
        String yaml = "name: valkey\nplatform: lab\nserver: valkey\nroot: " + dir.resolve("lab") + "\nhosts:\n" + HOSTS.stripIndent();
        return TopologyLoader.parse(yaml, dir.resolve("valkey.yaml"));
    }

    @Test
    void instancesRunAsValkeyServerAndReplicateAndDownLeavesNothing(@TempDir Path dir) throws Exception {
        Tools.stunnel();
        Path bin = valkeyNames(dir);
        LabBinaries.Choice choice = LabBinaries.Choice.SYSTEM.withPath(bin + File.pathSeparator + System.getenv("PATH"));
        Lab lab = new Lab(LabTopology.of(valkeyLab(dir), Optional.empty()), choice);
        Path root = lab.root();
        List<Long> pids = new ArrayList<>();
        try {
            lab.writeFiles();
            // The lab's files are named for each host's server, and discover reads the server back from them.
            assertThat(root.resolve("master/etc/valkey-bayes.conf")).exists();
            assertThat(root.resolve("master/etc/valkey.conf")).exists();
            assertThat(root.resolve("replica2/etc/redis-bayes.conf")).exists();
            Path found = dir.resolve("found.yaml");
            CliRunner.Result discover = CliRunner.run("discover", "--root", root.toString(), "--out", found.toString(),
                    "master=local", "replica1=local", "replica2=local");
            assertThat(discover.exitCode()).as(discover.err()).isZero();
            // Two servers: said on each Valkey host, Redis left as the default.
            assertThat(Files.readString(found)).contains("\n  master:\n    address: 127.0.180.2\n    server: valkey\n",
                    "\n  replica1:\n    address: 127.0.180.3\n    server: valkey\n", "\n  replica2:\n    address: 127.0.180.4\n    instances:")
                    .doesNotContain("\nserver:");
            assertThat(TopologyLoader.load(found).host("replica1").orElseThrow().server()).isEqualTo(Server.VALKEY);

            StringWriter out = new StringWriter();
            assertThat(lab.up(new PrintWriter(out))).as(out.toString()).isTrue();
            assertThat(out.toString()).contains("redis-server: ", "valkey-server: " + bin.resolve("valkey-server"));
            for (LabProcess p : lab.processes()) pids.add(lab.pid(p).orElseThrow());

            for (String host : List.of("master", "replica1", "replica2")) {
                String expected = host.equals("replica2") ? "redis-server" : "valkey-server";
                long pid = lab.pid(lab.process(host, "bayes").orElseThrow()).orElseThrow();
                assertThat(Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip()).as(host + " comm").isEqualTo(expected);
                String argv0 = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("[\0 ]")[0];
                assertThat(argv0).as(host + " argv[0]").endsWith("/" + expected);
                if (expected.equals("valkey-server")) assertThat(argv0).startsWith(bin.toString());
            }

            var master = lab.topology().instance(new InstanceRef("master", "bayes")).orElseThrow();
            try (var j = Lab.jedis(lab.topology().hostOf(master), master.port())) {
                j.hincrBy("RS", "learns_spam", 3);
            }
            var replica2 = lab.topology().instance(new InstanceRef("replica2", "bayes")).orElseThrow();
            try (var r = Lab.jedis(lab.topology().hostOf(replica2), replica2.port())) {
                Await.until("the learn replicated to replica2 (redis-server)", Duration.ofSeconds(10),
                        () -> "3".equals(r.hget("RS", "learns_spam")));
            }
            // Read on replica1 with valkey-cli, the operator's tool under Valkey's name.
            Await.until("the learn replicated to replica1 (valkey-server), read by valkey-cli", Duration.ofSeconds(10),
                    () -> "3".equals(valkeyCli(bin, "127.0.180.3", "HGET", "RS", "learns_spam")));
        } finally {
            lab.down();
        }
        assertThat(pids).hasSize(6);
        for (long pid : pids) assertThat(Pids.isRunning(pid)).as("pid " + pid).isFalse();
    }

    @Test
    void replacingTheServerEverywhereAndAMissingValkeySaysHowToInstallIt(@TempDir Path dir) throws Exception {
        Topology redis = TestTopology.masterAndReplica(dir.resolve("redis-lab"));
        Path bin = valkeyNames(dir);
        // REPCON_LAB_SERVER=valkey: every host, though the topology does not say.
        Lab everywhere = new Lab(redis, LabBinaries.Choice.SYSTEM.withPath(bin.toString()).withServer(Server.VALKEY));
        assertThat(everywhere.processes()).filteredOn(p -> p.type() == LabProcess.Type.REDIS).extracting(p -> p.command().get(0))
                .containsOnly(bin.resolve("valkey-server").toString());

        Assumptions.assumeTrue(LabBinaries.find("", "valkey-server").isEmpty(), "this machine has valkey-server installed");
        Lab missing = new Lab(valkeyLab(dir), LabBinaries.Choice.SYSTEM.withPath(dir.resolve("nothing-here").toString()));
        assertThatThrownBy(() -> missing.up(new PrintWriter(new StringWriter())))
                .isInstanceOf(RepconException.class)
                .hasMessage("valkey-server is not on the PATH, and the lab runs it for server: valkey: " + LabBinaries.installValkey())
                .hasMessageContaining("apt-get install -y valkey-server");
        // Refused before anything was written or started.
        assertThat(dir.resolve("lab")).doesNotExist();
        assertThat(missing.processes()).allMatch(p -> missing.pid(p).isEmpty());
    }

    private static String valkeyCli(Path bin, String address, String... command) {
        try {
            List<String> args = new ArrayList<>(List.of(bin.resolve("valkey-cli").toString(), "-h", address, "-p", "6378"));
            args.addAll(List.of(command));
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (Exception e) {
            return "";
        }
    }
}
