package org.repcon.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.util.Xdg;

/** The sample topologies, loaded: counts, relations, and the defaults each platform fills in. */
class TopologyLoaderTest {

    private static final Path SAMPLES = Path.of("sample-topologies");
    private static final Topology FREEBSD = TopologyLoader.load(SAMPLES.resolve("rspamd-freebsd.yaml"));
    private static final Topology DEBIAN = TopologyLoader.load(SAMPLES.resolve("rspamd-debian.yaml"));
    private static final Topology LAB = TopologyLoader.load(SAMPLES.resolve("lab.yaml"));

    @Test
    void countsHostsInstancesAndTunnels() {
        assertThat(FREEBSD.counts()).isEqualTo("2 hosts, 6 instances, 4 tunnels");
        assertThat(DEBIAN.counts()).isEqualTo("3 hosts, 9 instances, 6 tunnels");
        assertThat(LAB.counts()).isEqualTo("3 hosts, 9 instances, 6 tunnels");
        assertThat(List.of(FREEBSD, DEBIAN, LAB)).allSatisfy(t -> assertThat(t.warnings()).isEmpty());
    }

    @Test
    void theHeartbeatIsOffUnlessTheTopologySaysSoAndABadValueIsPositioned() {
        assertThat(FREEBSD.heartbeat()).isFalse();
        assertThat(LAB.heartbeat()).isTrue();
        String hosts = "platform: lab\nhosts:\n  master:\n    address: 127.0.0.2\n    instances:\n      bayes: { port: 6378 }\n";
        assertThat(TopologyLoader.parse("name: t\nheartbeat: yes\n" + hosts, Path.of("t.yaml")).heartbeat()).isTrue();
        assertThat(TopologyLoader.parse("name: t\nheartbeat: false\n" + hosts, Path.of("t.yaml")).heartbeat()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TopologyLoader.parse("name: t\nheartbeat: sometimes\n" + hosts,
                        Path.of("t.yaml")))
                .isInstanceOfSatisfying(TopologyException.class, e -> assertThat(e.problems()).map(Problem::toString)
                        .containsExactly("t.yaml:2:12: heartbeat in the topology: 'sometimes' is not true or false"));
    }

    @Test
    void readsTheTutorialsInstances() {
        Instance bayes = instance(FREEBSD, "master/bayes");
        assertThat(bayes.kind()).isEqualTo(Kind.BAYES);
        assertThat(bayes.port()).isEqualTo(6378);
        assertThat(bayes.maxmemory()).map(Size::bytes).contains(600_000_000L);
        assertThat(instance(FREEBSD, "master/redis").kind()).isEqualTo(Kind.CACHE);
        assertThat(instance(FREEBSD, "replica/fuzzy").kind()).isEqualTo(Kind.FUZZY);
        assertThat(FREEBSD.commonMaxmemory()).map(Size::text).contains("200M");
    }

    @Test
    void answersWhoReplicatesFromWhomThroughWhat() {
        Instance master = instance(DEBIAN, "master/bayes");
        Instance edge1 = instance(DEBIAN, "edge1/bayes");
        Instance edge2 = instance(DEBIAN, "edge2/bayes");

        assertThat(DEBIAN.masterOf(edge1)).contains(master);
        assertThat(DEBIAN.masterOf(master)).isEmpty();
        assertThat(DEBIAN.replicasOf(master)).containsExactly(edge1, edge2);
        assertThat(DEBIAN.replicasOf(edge1)).isEmpty();

        Tunnel client = DEBIAN.replicationTunnel(edge1).orElseThrow();
        assertThat(client.ref()).hasToString("edge1/tunnel/bayes");
        // A tunnel and an instance of one name are different things, never equal.
        assertThat((Object) client.ref()).isNotEqualTo(edge1.ref());
        assertThat(TunnelRef.parse(client.ref().toString())).contains(client.ref());
        assertThat(TunnelRef.parse("edge1/bayes")).isEmpty();
        assertThat(client.accept()).isEqualTo(6478);
        assertThat(DEBIAN.replicationTunnel(master)).isEmpty();
        assertThat(DEBIAN.replicationTunnel(instance(DEBIAN, "edge1/redis"))).isEmpty();

        Tunnel server = DEBIAN.serverOf(client).orElseThrow();
        assertThat(server.ref()).hasToString("master/tunnel/bayes");
        assertThat(DEBIAN.destinationOf(client)).contains(master);
        assertThat(DEBIAN.destinationOf(server)).contains(master);
        assertThat(DEBIAN.clientsOf(server)).extracting(Tunnel::ref).extracting(Object::toString)
                .containsExactly("edge1/tunnel/bayes", "edge2/tunnel/bayes");
        assertThat(DEBIAN.destinationOf(DEBIAN.tunnel(TunnelRef.of(ref("edge2/fuzzy"))).orElseThrow()))
                .contains(instance(DEBIAN, "master/fuzzy"));
    }

    @Test
    void freebsdFollowsTheTutorialsPaths() {
        Host master = FREEBSD.host("master").orElseThrow();
        assertThat(instancePaths(FREEBSD, "master/bayes")).containsExactly("/usr/local/etc/redis-bayes.conf",
                "/var/run/redis/bayes.pid", "/var/log/redis/bayes.log", "/var/db/redis/bayes/", "bayes.rdb");
        assertThat(master.path(Convention.COMMON_CONFIG, "")).contains("/usr/local/etc/redis.conf");
        assertThat(master.path(Convention.STUNNEL_LOG, "")).isEmpty();
        assertThat(master.serviceCommand(Convention.REDIS_SERVICE, "bayes", "start")).contains("service redis start bayes");
        assertThat(master.access().method()).isEqualTo(Access.Method.SSH);
        assertThat(master.loopback()).isEqualTo("localhost");
        assertThat(master.bind()).containsExactly("127.0.0.1", "::1");
        assertThat(master.pskIdentity()).isEqualTo("master");
        assertThat(master.root()).isEqualTo("/");
    }

    @Test
    void debianUsesSystemdAndEtcRedis() {
        Host edge1 = DEBIAN.host("edge1").orElseThrow();
        Instance bayes = instance(DEBIAN, "edge1/bayes");
        assertThat(edge1.platform()).isEqualTo(Platform.DEBIAN);
        assertThat(edge1.instancePath(bayes, Convention.INSTANCE_CONFIG)).isEqualTo("/etc/redis/redis-bayes.conf");
        assertThat(edge1.instancePath(bayes, Convention.PIDFILE)).isEqualTo("/run/redis-bayes/redis-server.pid");
        assertThat(edge1.instancePath(bayes, Convention.DIR)).isEqualTo("/var/lib/redis/bayes/");
        assertThat(edge1.serviceCommand(Convention.REDIS_SERVICE, "bayes", "restart")).contains("systemctl restart redis-server@bayes");
        assertThat(edge1.access().user()).contains("root");
    }

    @Test
    void serverValkeyRenamesTheServersOwnConventionsAndTheHostsValueWins(@TempDir Path dir) throws IOException {
        Topology sample = TopologyLoader.load(SAMPLES.resolve("rspamd-debian-valkey.yaml"));
        Host edge1 = sample.host("edge1").orElseThrow();
        assertThat(edge1.server()).isEqualTo(Server.VALKEY);
        assertThat(instancePaths(sample, "edge1/bayes")).containsExactly("/etc/valkey/valkey-bayes.conf",
                "/run/valkey-bayes/valkey-server.pid", "/var/log/valkey/bayes.log", "/var/lib/valkey/bayes/", "bayes.rdb");
        assertThat(edge1.path(Convention.COMMON_CONFIG, "")).contains("/etc/valkey/valkey.conf");
        assertThat(edge1.serviceCommand(Convention.REDIS_SERVICE, "bayes", "restart")).contains("systemctl restart valkey-server@bayes");
        assertThat(edge1.convention(Convention.INSTALL, "")).isEqualTo("apt-get install -y valkey-server stunnel4");
        assertThat(edge1.convention(Convention.REDIS_USER, "")).isEqualTo("valkey");
        // stunnel's and Rspamd's are no server's.
        assertThat(edge1.path(Convention.STUNNEL_CONFIG, "")).contains("/etc/stunnel/rspamd-redis.conf");
        assertThat(edge1.path(Convention.RSPAMD_DIR, "")).contains("/etc/rspamd");
        assertThat(List.of(FREEBSD, DEBIAN, LAB)).allSatisfy(t -> assertThat(t.hosts()).allMatch(h -> h.server() == Server.REDIS));

        Path file = write(dir.resolve("t.yaml"), """
                name: t
                server: valkey
                conventions: { logfile: "/srv/log/{name}.log" }
                hosts:
                  master:
                    address: master.example.com
                    instances:
                      redis: { port: 6379 }
                      bayes: { port: 6378 }
                  other:
                    address: other.example.com
                    server: redis
                    instances:
                      bayes: { port: 6378 }
                """);
        Topology t = TopologyLoader.load(file);
        Host master = t.host("master").orElseThrow();
        assertThat(instancePaths(t, "master/bayes")).containsExactly("/usr/local/etc/valkey-bayes.conf",
                "/var/run/valkey/bayes.pid", "/srv/log/bayes.log", "/var/db/valkey/bayes/", "bayes.rdb");
        // FreeBSD's stock instance leans on the stock valkey.conf's paths.
        assertThat(instancePaths(t, "master/redis")).containsExactly("/usr/local/etc/valkey-redis.conf",
                "/var/run/valkey/valkey.pid", "/var/log/valkey/valkey.log", "/var/db/valkey/", "dump.rdb");
        assertThat(master.serviceCommand(Convention.REDIS_SERVICE, "bayes", "start")).contains("service valkey start bayes");
        assertThat(t.host("other").orElseThrow().server()).isEqualTo(Server.REDIS);
        assertThat(instancePaths(t, "other/bayes")).containsExactly("/usr/local/etc/redis-bayes.conf",
                "/var/run/redis/bayes.pid", "/srv/log/bayes.log", "/var/db/redis/bayes/", "bayes.rdb");
    }

    @Test
    void theLabLivesUnderTheStateDirectoryOnLoopbackAddresses() {
        Path root = Xdg.stateHome().resolve("lab").resolve("lab");
        Host replica1 = LAB.host("replica1").orElseThrow();
        assertThat(replica1.root()).isEqualTo(root.toString());
        assertThat(replica1.access().isLocal()).isTrue();
        assertThat(replica1.loopback()).isEqualTo("127.0.0.3");
        assertThat(replica1.bind()).containsExactly("127.0.0.3");
        assertThat(replica1.instancePath(instance(LAB, "replica1/bayes"), Convention.INSTANCE_CONFIG))
                .isEqualTo(root + "/replica1/etc/redis-bayes.conf");
        assertThat(replica1.serviceCommand(Convention.REDIS_SERVICE, "bayes", "start")).isEmpty();
        assertThat(LAB.secrets()).isEqualTo(root.resolve("secrets.psk"));
    }

    @Test
    void withRootPlacesEveryPathUnderTheDirectory(@TempDir Path dir) {
        Topology moved = FREEBSD.withRoot(dir);
        Host master = moved.host("master").orElseThrow();
        Instance bayes = instance(moved, "master/bayes");
        assertThat(master.instancePath(bayes, Convention.INSTANCE_CONFIG)).isEqualTo(dir + "/usr/local/etc/redis-bayes.conf");
        assertThat(master.instancePath(bayes, Convention.DIR)).isEqualTo(dir + "/var/db/redis/bayes/");
        assertThat(master.instancePath(bayes, Convention.DBFILENAME)).isEqualTo("bayes.rdb");
        assertThat(master.path(Convention.STUNNEL_CONFIG, "")).contains(dir + "/usr/local/etc/stunnel/stunnel.conf");
        // Commands are not paths: they stay as they are.
        assertThat(master.serviceCommand(Convention.REDIS_SERVICE, "bayes", "stop")).contains("service redis stop bayes");
        assertThat(moved.counts()).isEqualTo(FREEBSD.counts());
    }

    @Test
    void relativePathsAreRelativeToTheTopologyFile() {
        Path dir = SAMPLES.toAbsolutePath().normalize();
        assertThat(FREEBSD.secrets()).isEqualTo(dir.resolve("rspamd-stats.psk"));
        assertThat(DEBIAN.secrets()).isEqualTo(dir.resolve("rspamd-stats-debian.psk"));
    }

    @Test
    void passwordFilesAreRelativeToTheTopologyFileAndEnvironmentVariablesAreKeptByName(@TempDir Path dir) throws IOException {
        Path file = write(dir.resolve("site/t.yaml"), """
                name: t
                secrets: ../keys/t.psk
                hosts:
                  master:
                    address: master.example.com
                    instances:
                      bayes: { port: 6378, password_file: ../keys/bayes.pw }
                      fuzzy: { port: 6377, password_env: REPCON_TEST_PASSWORD }
                      redis: { port: 6379, password_file: %s }
                """.formatted(dir.resolve("redis.pw")));
        write(dir.resolve("keys/bayes.pw"), "one\n");
        write(dir.resolve("redis.pw"), "two");
        Topology t = TopologyLoader.load(file);
        assertThat(t.secrets()).isEqualTo(dir.resolve("keys/t.psk"));
        assertThat(instance(t, "master/bayes").password()).contains(Secret.file(dir.resolve("keys/bayes.pw")));
        assertThat(instance(t, "master/fuzzy").password()).contains(Secret.env("REPCON_TEST_PASSWORD"));
        assertThat(instance(t, "master/redis").password()).contains(Secret.file(dir.resolve("redis.pw")));
    }

    @Test
    void conventionsAreOverriddenByTheTopologyThenTheHostThenTheInstance(@TempDir Path dir) throws IOException {
        Path file = write(dir.resolve("t.yaml"), """
                name: t
                platform: debian
                conventions: { logfile: "/srv/log/{name}.log", pidfile: "/srv/run/{name}.pid" }
                hosts:
                  master:
                    address: master.example.com
                    conventions: { pidfile: "/opt/run/{host}-{name}.pid" }
                    instances:
                      bayes: { port: 6378, config: "/opt/etc/{name}.conf" }
                  other:
                    address: other.example.com
                    platform: freebsd
                    instances:
                      bayes: { port: 6378 }
                """);
        Topology t = TopologyLoader.load(file);
        assertThat(instancePaths(t, "master/bayes")).containsExactly("/opt/etc/bayes.conf", "/opt/run/master-bayes.pid",
                "/srv/log/bayes.log", "/var/lib/redis/bayes/", "bayes.rdb");
        // A host on another platform takes that platform's defaults, not the topology's overrides for Debian.
        Host other = t.host("other").orElseThrow();
        assertThat(other.instancePath(instance(t, "other/bayes"), Convention.LOGFILE)).isEqualTo("/var/log/redis/bayes.log");
    }

    /** The instance's config, pidfile, logfile, dir and dbfilename, in this order. */
    private static List<String> instancePaths(Topology t, String ref) {
        Instance i = instance(t, ref);
        Host h = t.hostOf(i);
        return Stream.of(Convention.INSTANCE_CONFIG, Convention.PIDFILE, Convention.LOGFILE, Convention.DIR, Convention.DBFILENAME)
                .map(c -> h.instancePath(i, c)).toList();
    }

    private static Instance instance(Topology t, String ref) {
        return t.instance(ref(ref)).orElseThrow();
    }

    private static InstanceRef ref(String text) {
        return InstanceRef.parse(text).orElseThrow();
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
