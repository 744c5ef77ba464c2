package org.repcon.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.action.ActionContext;
import org.repcon.action.Audit;
import org.repcon.action.Limits;
import org.repcon.action.Progress;
import org.repcon.action.StepRunner;
import org.repcon.topology.Host;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;
import org.repcon.transport.Transports;

/**
 * File steps on a FreeBSD host (local, its root a temporary directory): the stock redis.conf made from
 * redis.conf.sample as the tutorial does, rc.conf's other lines and mode kept, a PSK file with a wrong mode
 * put right without ever showing its content.
 */
class FileStepTest {

    @TempDir
    Path root;
    private Transports transports;
    private Setup setup;
    private Host host;

    @BeforeEach
    void setUp() {
        Topology t = TopologyLoader.parse("""
                name: bsd
                platform: freebsd
                root: %s
                secrets: %s
                common: { maxmemory: 200M }
                hosts:
                  master:
                    access: local
                    instances:
                      bayes: { port: 6378 }
                    tunnels:
                      bayes: { accept: 6478, to: bayes }
                  replica:
                    access: local
                    loopback: 127.0.0.1
                    instances:
                      bayes: { port: 6378, replicaof: master/bayes }
                    tunnels:
                      bayes: { accept: 6478, client: master/bayes }
                """.formatted(root, root.resolve("secrets.psk")), root.resolve("t.yaml"));
        transports = new Transports(t);
        setup = new Setup(new ActionContext(t, transports, Optional.empty(), Limits.defaults()), new Audit(root.resolve("audit.log")));
        host = t.host("master").orElseThrow();
    }

    @AfterEach
    void tearDown() {
        transports.close();
    }

    private SetupStep step(StepKind kind) {
        return setup.steps(host).stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
    }

    private String apply(SetupStep step) {
        return step.apply(setup.context(), step.detect(setup.context()), new StepRunner(setup.context().actions()), Progress.NONE);
    }

    @Test
    void theStockRedisConfIsMadeFromTheSample() throws Exception {
        Path sample = Files.createDirectories(root.resolve("usr/local/etc")).resolve("redis.conf.sample");
        Files.writeString(sample, "bind 127.0.0.1 -::1\nport 6379\n# maxmemory <bytes>\ndaemonize yes\n");
        SetupStep common = step(StepKind.COMMON_CONFIG);
        Check c = common.detect(setup.context());
        assertThat(c.state()).isEqualTo(State.MISSING);
        assertThat(c.detail()).isEqualTo("missing (made from " + sample + ", as the tutorial does)");
        assertThat(c.diff()).contains("-bind 127.0.0.1 -::1", "+bind 127.0.0.1 ::1", "+maxmemory 200M").doesNotContain("-daemonize");
        apply(common);
        assertThat(root.resolve("usr/local/etc/redis.conf")).content()
                .isEqualTo("bind 127.0.0.1 ::1\nport 6379\n# maxmemory <bytes>\ndaemonize yes\nmaxmemory 200M\n");
        assertThat(common.detect(setup.context()).state()).isEqualTo(State.DONE);
    }

    @Test
    void rcConfKeepsItsOtherLinesAndItsMode() throws Exception {
        Path rc = Files.createDirectories(root.resolve("etc")).resolve("rc.conf");
        Files.writeString(rc, "hostname=\"mx1\"\nredis_enable=\"NO\"\nsshd_enable=\"YES\"\n");
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
        SetupStep boot = step(StepKind.BOOT);
        assertThat(boot.title()).isEqualTo("set lines in " + rc);
        Check c = boot.detect(setup.context());
        assertThat(c.state()).isEqualTo(State.DIFFERS);
        assertThat(c.diff()).contains("-redis_enable=\"NO\"", "+redis_enable=\"YES\"", "+redis_profiles=\"bayes\"");
        assertThat(apply(boot)).startsWith("wrote " + rc + " (mode 0600), the old one kept as " + rc + ".bak-");
        assertThat(rc).content().isEqualTo("hostname=\"mx1\"\nredis_enable=\"YES\"\nsshd_enable=\"YES\"\nredis_profiles=\"bayes\"\n"
                + "stunnel_enable=\"YES\"\nstunnel_pidfile=\"" + root + "/var/run/stunnel/stunnel.pid\"\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rc))).isEqualTo("rw-------");
    }

    @Test
    void aPskFileWithTheRightSecretsButAWrongModeIsPutRightUnseen() throws Exception {
        setup.context().ensureSecrets();
        SetupStep psk = step(StepKind.PSK);
        apply(psk);
        Path file = root.resolve("usr/local/etc/stunnel/psk.txt");
        String secrets = Files.readString(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Check c = psk.detect(setup.context());
        assertThat(c.state()).isEqualTo(State.DIFFERS);
        assertThat(c.detail()).isEqualTo("mode 0644, wanted 0600");
        assertThat(c.diff()).isEmpty();
        Files.writeString(file, "replica:0123456789abcdef0123456789abcdef\n");
        Check changed = psk.detect(setup.context());
        assertThat(changed.detail()).isEqualTo("content differs (not shown: it holds secrets)");
        assertThat(changed.diff()).isEmpty();
        assertThat(changed.toString()).doesNotContain("0123456789abcdef", secrets.strip());
        apply(psk);
        assertThat(file).content().isEqualTo(secrets);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
