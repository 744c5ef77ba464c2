package org.repcon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.testing.Await;
import org.repcon.testing.Daemons;
import org.repcon.testing.TestTopologies;
import org.repcon.testing.Tools;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Topology;
import redis.clients.jedis.Jedis;

/**
 * The rendered files run: real redis-server processes start from the rendered instance files, real
 * stunnel processes carry a PING (and replication) from a replica's client end to the master, and
 * Rspamd accepts its files. Paths are placed under a temporary root; each test uses its own
 * loopback addresses so that nothing else on the machine (a lab, the real services) is touched.
 */
class RenderedFilesRunTest {

    @Test
    void everyFreebsdInstanceFileStartsARedisThatHasTheTopologysValues(@TempDir Path root) throws Exception {
        Path redisServer = Tools.redisServer();
        Topology t = TestTopologies.loadWith("rspamd-freebsd.yaml", Map.of("bind: [127.0.0.1, \"::1\"]", "bind: [127.0.0.61]"))
                .withRoot(root);
        // master and replica use the same ports, as on two machines: run one host at a time.
        for (Host host : t.hosts()) {
            try (Daemons daemons = new Daemons()) {
                Rendering r = ConfigRenderer.render(t, host, SecretValues.masked(t.secrets()));
                writeAll(r, stockFreebsdRedisConf(host));
                for (Instance i : host.instances()) {
                    daemons.startDaemon(Path.of(host.instancePath(i, Convention.PIDFILE)), redisServer.toString(),
                            host.instancePath(i, Convention.INSTANCE_CONFIG));
                    Daemons.awaitPort("127.0.0.61", i.port());
                    try (Jedis jedis = new Jedis("127.0.0.61", i.port())) {
                        assertThat(jedis.configGet("port")).containsEntry("port", Integer.toString(i.port()));
                        long maxmemory = i.maxmemory().or(t::commonMaxmemory).orElseThrow().bytes();
                        assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", Long.toString(maxmemory));
                        String replicaof = t.replicationTunnel(i).map(tun -> "localhost " + tun.accept()).orElse("");
                        assertThat(jedis.configGet("replicaof")).containsEntry("replicaof", replicaof);
                        assertThat(jedis.configGet("dir").get("dir") + "/").isEqualTo(host.instancePath(i, Convention.DIR));
                    }
                }
            }
        }
    }

    /** What FreeBSD's redis.conf.sample says that the tutorial's bare "include" instance relies on. */
    private static String stockFreebsdRedisConf(Host host) {
        return "daemonize yes\nport 6379\nbind 127.0.0.1\npidfile " + host.underRoot("/var/run/redis/redis.pid")
                + "\nlogfile " + host.underRoot("/var/log/redis/redis.log") + "\ndir " + host.underRoot("/var/db/redis/")
                + "\ndbfilename dump.rdb\n# maxmemory <bytes>\n";
    }

    @Test
    void labStunnelConfigsCarryPingAndReplicationFromReplicaToMaster(@TempDir Path root) throws Exception {
        Path redisServer = Tools.redisServer();
        Path stunnel = Tools.stunnel();
        Topology t = TestTopologies.loadWith("lab.yaml", Map.of("127.0.0.2", "127.0.0.62", "127.0.0.3", "127.0.0.63",
                "127.0.0.4", "127.0.0.64")).withRoot(root);
        PskStore store = PskStore.ensure(t.secrets(), ConfigRenderer.pskIdentities(t));
        Host master = t.host("master").orElseThrow();
        Host replica = t.host("replica1").orElseThrow();
        try (Daemons daemons = new Daemons()) {
            for (Host host : List.of(master, replica)) {
                writeAll(ConfigRenderer.render(t, host, SecretValues.revealed(store)), "");
                Instance bayes = host.instance("bayes").orElseThrow();
                daemons.startDaemon(Path.of(host.instancePath(bayes, Convention.PIDFILE)), redisServer.toString(),
                        host.instancePath(bayes, Convention.INSTANCE_CONFIG));
                daemons.startDaemon(Path.of(host.path(Convention.STUNNEL_PIDFILE, "").orElseThrow()), stunnel.toString(),
                        host.path(Convention.STUNNEL_CONFIG, "").orElseThrow());
                Daemons.awaitPort(host.address().orElseThrow(), bayes.port());
                Daemons.awaitPort(host.address().orElseThrow(), host.tunnel("bayes").orElseThrow().accept());
            }
            try (Jedis masterBayes = new Jedis("127.0.0.62", 6378); Jedis throughTunnel = new Jedis("127.0.0.63", 6478)) {
                masterBayes.set("learned", "token");
                assertThat(throughTunnel.ping()).isEqualTo("PONG");
                // The tunnel's client end reaches the master's bayes instance, not the replica's.
                assertThat(throughTunnel.get("learned")).isEqualTo("token");
            }
            try (Jedis replicaBayes = new Jedis("127.0.0.63", 6378)) {
                Await.until("replica bayes linked", Duration.ofSeconds(20), () -> replicaBayes.info("replication").contains("master_link_status:up"));
                Await.until("the learned token replicated", Duration.ofSeconds(10), () -> "token".equals(replicaBayes.get("learned")));
            }
        }
    }

    @Test
    void debianStunnelConfigsAreAcceptedByStunnel(@TempDir Path root) throws Exception {
        Path stunnel = Tools.stunnel();
        Topology t = TestTopologies.load("rspamd-debian.yaml").withRoot(root);
        PskStore store = PskStore.ensure(root.resolve("secrets.psk"), ConfigRenderer.pskIdentities(t));
        for (Host host : List.of(t.host("master").orElseThrow(), t.host("edge1").orElseThrow())) {
            writeAll(ConfigRenderer.render(t, host, SecretValues.revealed(store)), "");
            Path config = Path.of(host.path(Convention.STUNNEL_CONFIG, "").orElseThrow());
            // Only the listening addresses move to a test address; everything else is as rendered
            // (setuid stunnel4, foreground for systemd, PSK file, identities).
            Files.writeString(config, Files.readString(config).replaceAll("(?m)^accept = (localhost:)?", "accept = 127.0.0.65:"));
            try (Daemons daemons = new Daemons()) {
                Process p = daemons.start(stunnel.toString(), config.toString());
                // stunnel logs to stderr in the foreground; the Daemons helper discards output, so wait for the port.
                Daemons.awaitPort("127.0.0.65", host.tunnels().get(0).accept());
                assertThat(p.isAlive()).as("stunnel with " + host.name() + "'s configuration").isTrue();
            }
        }
    }

    @Test
    void rspamdAcceptsTheRenderedFilesAndSeesTheTopologysServers(@TempDir Path root) throws Exception {
        Path rspamadm = Tools.rspamadm();
        Topology t = TestTopologies.load("rspamd-freebsd.yaml").withRoot(root);
        for (Host host : t.hosts()) {
            writeAll(ConfigRenderer.render(t, host, SecretValues.masked(t.secrets())), "");
            String localConfdir = host.path(Convention.RSPAMD_DIR, "").orElseThrow();
            String test = run(rspamadm.toString(), "--var=LOCAL_CONFDIR=" + localConfdir, "configtest", "-c", "/etc/rspamd/rspamd.conf");
            assertThat(test).as("configtest of " + host.name()).contains("syntax OK");
            String classifier = run(rspamadm.toString(), "--var=LOCAL_CONFDIR=" + localConfdir, "configdump", "-c",
                    "/etc/rspamd/rspamd.conf", "classifier");
            String workers = run(rspamadm.toString(), "--var=LOCAL_CONFDIR=" + localConfdir, "configdump", "-c",
                    "/etc/rspamd/rspamd.conf", "worker");
            if (host.name().equals("master")) {
                assertThat(classifier).contains("servers = \"localhost:6378\";");
                assertThat(workers).contains("servers = \"localhost:6377\";");
            } else {
                assertThat(classifier).contains("read_servers = \"localhost:6378\";", "write_servers = \"localhost:6478\";");
                assertThat(workers).contains("read_servers = \"localhost:6377\";", "write_servers = \"localhost:6477\";");
            }
        }
    }

    /** Writes a host's files under their (already rooted) paths, merging into {@code stock} where the file is the system's. */
    private static void writeAll(Rendering r, String stock) throws IOException {
        for (RenderedDirectory d : r.directories()) Files.createDirectories(Path.of(d.path()));
        for (RenderedFile f : r.files()) {
            Path p = Path.of(f.path());
            Files.createDirectories(p.getParent());
            String existing = Files.exists(p) ? Files.readString(p) : stock;
            Files.writeString(p, FileMerge.apply(existing, f));
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
