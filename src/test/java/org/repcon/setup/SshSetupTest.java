package org.repcon.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.action.ActionContext;
import org.repcon.action.Audit;
import org.repcon.action.Limits;
import org.repcon.action.Reply;
import org.repcon.config.ConfigRenderer;
import org.repcon.config.PskStore;
import org.repcon.config.SecretValues;
import org.repcon.testing.SshServer;
import org.repcon.topology.Host;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;
import org.repcon.transport.SshTransport;
import org.repcon.transport.Transports;

/**
 * Setup's file steps on a host reached over ssh (a real sshd on 127.0.0.1; a Debian topology whose root is a
 * temporary directory): each file arrives with its content and mode, what it replaced kept as a backup, a merged
 * file keeps its other lines and its mode; a second plan finds them done.
 */
@Tag("slow")
class SshSetupTest {

    private static final Set<StepKind> FILES = EnumSet.of(StepKind.DIRECTORIES, StepKind.LOG_ROTATION, StepKind.COMMON_CONFIG,
            StepKind.INSTANCE_CONFIG, StepKind.STUNNEL_CONFIG, StepKind.PSK, StepKind.RSPAMD);

    @Test
    void fileStepsAppliedOverSshArriveWithModeAndBackupAndASecondPlanFindsThemDone(@TempDir Path dir) throws Exception {
        try (SshServer sshd = SshServer.start(dir)) {
            Path root = Files.createDirectories(dir.resolve("root"));
            Topology topology = TopologyLoader.parse("""
                    name: over-ssh
                    platform: debian
                    root: %s
                    secrets: %s
                    hosts:
                      master:
                        address: 127.0.0.1
                        ssh: { options: [-F, "%s"] }
                        instances:
                          bayes: { port: 6378 }
                        tunnels:
                          bayes: { accept: 6478, to: bayes }
                      edge:
                        address: localhost
                        ssh: { options: [-F, "%s"] }
                        instances:
                          bayes: { port: 6378, replicaof: master/bayes }
                        tunnels:
                          bayes: { accept: 6478, client: master/bayes }
                    """.formatted(root, dir.resolve("secrets.psk"), sshd.clientConfig(), sshd.clientConfig()), dir.resolve("t.yaml"));
            Host edge = topology.host("edge").orElseThrow();
            Path stock = root.resolve("etc/redis/redis.conf");
            Path bayes = root.resolve("etc/redis/redis-bayes.conf");
            Files.createDirectories(stock.getParent());
            String stockText = "bind 127.0.0.1 -::1\nport 6379\nsupervised auto\n# maxmemory <bytes>\n";
            Files.writeString(stock, stockText);
            Files.setPosixFilePermissions(stock, PosixFilePermissions.fromString("rw-r-----"));
            Files.writeString(bayes, "include /etc/redis/redis.conf\nport 6378\n");

            Audit audit = new Audit(dir.resolve("audit.log"));
            try (Transports transports = new Transports(topology)) {
                assertThat(transports.of(edge)).isInstanceOf(SshTransport.class);
                Setup setup = new Setup(new ActionContext(topology, transports, Optional.empty(), Limits.defaults()), audit);
                long t0 = System.nanoTime();
                HostPlan plan = setup.plan(edge);
                System.out.println("TIMING plan over ssh: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                List<PlannedStep> files = plan.steps().stream().filter(p -> FILES.contains(p.step().kind())).toList();
                assertThat(files).isNotEmpty().extracting(p -> p.check().state()).doesNotContain(State.UNKNOWN, State.DONE);
                assertThat(PlanLines.of(plan)).contains("  differs  instance config     write " + bayes + ": content differs");

                SetupResult result = new SetupRunner(setup, false, q -> new Reply.Answer("y"))
                        .apply(new SetupPlan(List.of(new HostPlan(edge, Optional.empty(), files))), SetupProgress.NONE);
                System.out.println("TIMING plan+apply over ssh: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                assertThat(result.outcome()).as(result.message()).isEqualTo(org.repcon.action.Outcome.DONE);
            }

            PskStore secrets = PskStore.read(topology.secrets());
            var rendered = ConfigRenderer.render(topology, edge, SecretValues.revealed(secrets));
            String wantedBayes = rendered.files().stream().filter(f -> f.path().equals(bayes.toString())).findFirst().orElseThrow().content();
            assertThat(Files.readString(bayes)).isEqualTo(wantedBayes).contains("replicaof localhost 6478");
            assertThat(mode(bayes)).isEqualTo("rw-r--r--");
            assertThat(backups(bayes)).singleElement().satisfies(b -> assertThat(Files.readString(b)).isEqualTo("include /etc/redis/redis.conf\nport 6378\n"));
            // The stock file: repcon's lines set, the others kept, and so its mode.
            assertThat(Files.readString(stock)).isEqualTo("bind 127.0.0.1 ::1\nport 6379\nsupervised auto\n# maxmemory <bytes>\n");
            assertThat(mode(stock)).isEqualTo("rw-r-----");
            assertThat(backups(stock)).singleElement().satisfies(b -> assertThat(Files.readString(b)).isEqualTo(stockText));
            Path psk = root.resolve("etc/stunnel/rspamd-redis.psk");
            assertThat(Files.readString(psk)).isEqualTo("edge:" + secrets.secret("edge") + "\n");
            assertThat(mode(psk)).isEqualTo("rw-------");
            assertThat(Files.getOwner(root.resolve("var/lib/redis/bayes")).getName()).isEqualTo("redis");
            assertThat(root.resolve("etc/rspamd/local.d/classifier-bayes.conf")).content().contains("write_servers = \"localhost:6478\";");
            assertThat(Files.readString(audit.file())).contains("\"verb\":\"setup\"", psk.toString()).doesNotContain(secrets.secret("edge"));

            try (Transports transports = new Transports(topology)) {
                HostPlan again = new Setup(new ActionContext(topology, transports, Optional.empty(), Limits.defaults()), audit).plan(edge);
                assertThat(again.steps().stream().filter(p -> FILES.contains(p.step().kind())))
                        .allSatisfy(p -> assertThat(p.check().state()).as(p.step().title() + ": " + p.check().detail()).isEqualTo(State.DONE));
                assertThat(String.join("\n", PlanLines.of(again))).doesNotContain(secrets.secret("edge"));
            }
        }
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static List<Path> backups(Path p) throws Exception {
        try (Stream<Path> s = Files.list(p.getParent())) {
            return s.filter(x -> x.getFileName().toString().startsWith(p.getFileName() + ".bak-")).toList();
        }
    }
}
