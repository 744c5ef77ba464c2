package org.repcon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repcon.testing.TestTopologies;
import org.repcon.topology.Host;
import org.repcon.topology.Topology;

class ConfigRendererTest {

    private static Map<String, String> render(Topology t, String host) {
        Rendering r = ConfigRenderer.render(t, t.host(host).orElseThrow(), SecretValues.masked(t.secrets()));
        return r.files().stream().collect(Collectors.toMap(RenderedFile::path, RenderedFile::content));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"master,redis", "master,bayes", "master,fuzzy", "replica,redis", "replica,bayes", "replica,fuzzy"})
    void freebsdInstanceFilesAreTheTutorialsLineForLine(String host, String instance) throws IOException {
        String golden = Files.readString(Path.of("src/test/resources/golden/freebsd", host, "redis-" + instance + ".conf"));
        Map<String, String> files = render(TestTopologies.load("rspamd-freebsd.yaml"), host);
        assertThat(files.get("/usr/local/etc/redis-" + instance + ".conf")).isEqualTo(golden);
    }

    @Test
    void freebsdRspamdFilesCarryTheTutorialsServers() {
        Topology t = TestTopologies.load("rspamd-freebsd.yaml");
        assertRspamdServers(render(t, "master"), "servers = \"localhost:6378\";\n", "servers = \"localhost:6377\";\n");
        assertRspamdServers(render(t, "replica"), "read_servers = \"localhost:6378\";\nwrite_servers = \"localhost:6478\";\n",
                "read_servers = \"localhost:6377\";\nwrite_servers = \"localhost:6477\";\n");
    }

    /** A host's Rspamd files: its own Redis for the rest, and the servers of the bayes and fuzzy backends. */
    private static void assertRspamdServers(Map<String, String> files, String bayes, String fuzzy) {
        assertThat(files.get("/usr/local/etc/rspamd/local.d/redis.conf")).isEqualTo("servers = \"localhost\";\n");
        assertThat(files.get("/usr/local/etc/rspamd/local.d/classifier-bayes.conf")).isEqualTo("backend = \"redis\";\n" + bayes);
        assertThat(files.get("/usr/local/etc/rspamd/override.d/worker-fuzzy.inc")).isEqualTo("backend = \"redis\";\n" + fuzzy);
    }

    /** The Debian sample on Valkey: the Debian sample's files, renamed as Valkey's package names them. */
    @Test
    void debianOnValkeyIsDebianOnRedisUnderValkeysNames() {
        Map<String, String> redis = render(TestTopologies.load("rspamd-debian.yaml"), "edge1");
        Map<String, String> valkey = render(TestTopologies.load("rspamd-debian-valkey.yaml"), "edge1");
        assertThat(valkey.keySet()).containsExactlyInAnyOrder("/etc/valkey/valkey.conf", "/etc/valkey/valkey-redis.conf",
                "/etc/valkey/valkey-bayes.conf", "/etc/valkey/valkey-fuzzy.conf", "/etc/logrotate.d/valkey-rspamd",
                "/etc/stunnel/rspamd-redis.conf", "/etc/stunnel/rspamd-redis.psk", "/etc/rspamd/local.d/redis.conf",
                "/etc/rspamd/local.d/classifier-bayes.conf", "/etc/rspamd/override.d/worker-fuzzy.inc");
        assertThat(valkey.get("/etc/valkey/valkey-bayes.conf")).isEqualTo(redis.get("/etc/redis/redis-bayes.conf")
                .replace("/etc/redis/redis.conf", "/etc/valkey/valkey.conf").replace("/run/redis-bayes/redis-server.pid",
                        "/run/valkey-bayes/valkey-server.pid").replace("/var/log/redis/", "/var/log/valkey/")
                .replace("/var/lib/redis/", "/var/lib/valkey/"));
        assertThat(valkey.get("/etc/valkey/valkey-bayes.conf")).contains("pidfile /run/valkey-bayes/valkey-server.pid\n");
        assertThat(valkey.get("/etc/rspamd/local.d/classifier-bayes.conf")).isEqualTo(redis.get("/etc/rspamd/local.d/classifier-bayes.conf"));
        assertThat(valkey.get("/etc/stunnel/rspamd-redis.conf")).isEqualTo(redis.get("/etc/stunnel/rspamd-redis.conf"));
    }

    @Test
    void freebsdServiceAndRotationFilesFollowTheTutorial() {
        Topology t = TestTopologies.load("rspamd-freebsd.yaml");
        Map<String, String> master = render(t, "master");
        assertThat(master.get("/etc/rc.conf")).contains("redis_enable=\"YES\"\n", "redis_profiles=\"redis bayes fuzzy\"\n",
                "stunnel_enable=\"YES\"\n", "stunnel_pidfile=\"/var/run/stunnel/stunnel.pid\"\n");
        assertThat(master.get("/usr/local/etc/newsyslog.conf.d/redis.newsyslog.conf"))
                .contains("/var/log/redis/redis.log    redis:redis    644  5       100    *  J\n",
                        "/var/log/redis/bayes.log    redis:redis    644  5       100    *  J\n",
                        "/var/log/redis/fuzzy.log    redis:redis    644  5       100    *  J\n");
        assertThat(master.get("/usr/local/etc/redis.conf")).isEqualTo("bind 127.0.0.1 ::1\nmaxmemory 200M\n");
    }

    @Test
    void stunnelServerAndClientEndsAsInTheStunnelTutorial() {
        Topology t = TestTopologies.load("rspamd-freebsd.yaml");
        assertThat(render(t, "master").get("/usr/local/etc/stunnel/stunnel.conf")).contains(
                "setuid = stunnel\nsetgid = nogroup\npid = /var/run/stunnel/stunnel.pid\n",
                "[bayes]\naccept = 6478\nconnect = 6378\nciphers = PSK\nPSKsecrets = /usr/local/etc/stunnel/psk.txt\n",
                "[fuzzy]\naccept = 6477\nconnect = 6377\nciphers = PSK\n");
        assertThat(render(t, "replica").get("/usr/local/etc/stunnel/stunnel.conf")).contains(
                "[bayes]\nclient = yes\naccept = localhost:6478\nconnect = master.example.com:6478\nciphers = PSK\n",
                "PSKidentity = replica\n");
    }

    @Test
    void secretsAreMaskedUnlessRevealedAndEachReplicaHasItsOwnIdentity(@TempDir Path dir) {
        Topology t = TestTopologies.load("rspamd-debian.yaml");
        Host master = t.host("master").orElseThrow();
        RenderedFile masked = psk(ConfigRenderer.render(t, master, SecretValues.masked(t.secrets())));
        assertThat(masked.mode()).isEqualTo(0600);
        assertThat(masked.secret()).isTrue();
        assertThat(masked.content()).startsWith("edge1:<secret of 'edge1' from ").contains("\nedge2:<secret of 'edge2'");

        PskStore store = PskStore.ensure(dir.resolve("s.psk"), ConfigRenderer.pskIdentities(t));
        String edge1Secret = store.secret("edge1");
        assertThat(edge1Secret).hasSize(64).isNotEqualTo(store.secret("edge2"));
        RenderedFile revealed = psk(ConfigRenderer.render(t, master, SecretValues.revealed(store)));
        assertThat(revealed.content()).contains("edge1:" + edge1Secret + "\n");
        RenderedFile edge1 = psk(ConfigRenderer.render(t, t.host("edge1").orElseThrow(), SecretValues.revealed(store)));
        assertThat(edge1.content()).isEqualTo("edge1:" + edge1Secret + "\n");
        // Generated once: a second ensure keeps the secrets.
        assertThat(PskStore.ensure(dir.resolve("s.psk"), ConfigRenderer.pskIdentities(t)).secret("edge1")).isEqualTo(edge1Secret);
    }

    private static RenderedFile psk(Rendering r) {
        return r.files().stream().filter(RenderedFile::secret).findFirst().orElseThrow();
    }

    @Test
    void debianUsesSystemdUnitsAndTheirRuntimeDirectories() {
        Topology t = TestTopologies.load("rspamd-debian.yaml");
        Rendering r = ConfigRenderer.render(t, t.host("edge1").orElseThrow(), SecretValues.masked(t.secrets()));
        List<String> commands = r.commands().stream().map(RenderedCommand::command).toList();
        assertThat(commands).contains("apt-get install -y redis-server stunnel4", "systemctl disable --now redis-server",
                "systemctl enable redis-server@bayes", "systemctl start redis-server@fuzzy",
                "systemctl enable stunnel@rspamd-redis", "systemctl start stunnel@rspamd-redis");
        Map<String, String> files = r.files().stream().collect(Collectors.toMap(RenderedFile::path, RenderedFile::content));
        assertThat(files.get("/etc/redis/redis-bayes.conf")).contains("pidfile /run/redis-bayes/redis-server.pid\n",
                "replicaof localhost 6478\n");
        assertThat(files.get("/etc/stunnel/rspamd-redis.conf")).contains("foreground = yes\n", "connect = mx-master.example.org:6478\n");
        assertThat(files.get("/etc/logrotate.d/redis-rspamd")).startsWith("/var/log/redis/redis.log /var/log/redis/bayes.log");
    }

    @Test
    void labFilesLiveUnderTheRootAndUseEachHostsOwnAddress(@TempDir Path root) {
        Topology t = TestTopologies.load("lab.yaml").withRoot(root);
        Map<String, String> files = render(t, "replica1");
        String r = root.toString();
        assertThat(files.get(r + "/replica1/etc/redis-bayes.conf")).contains("include " + r + "/replica1/etc/redis.conf\n",
                "replicaof 127.0.0.3 6478\n", "dir " + r + "/replica1/db/bayes/\n");
        assertThat(files.get(r + "/replica1/etc/redis.conf")).isEqualTo("daemonize yes\nbind 127.0.0.3\nmaxmemory 64M\nrepl-diskless-sync-delay 0\n");
        assertThat(files.get(r + "/replica1/etc/stunnel.conf")).contains("accept = 127.0.0.3:6478\nconnect = 127.0.0.2:6478\n")
                .doesNotContain("setuid");
        assertThat(files.get(r + "/master/etc/stunnel.conf")).isNull();
        assertThat(render(t, "master").get(r + "/master/etc/stunnel.conf")).contains("accept = 127.0.0.2:6478\nconnect = 127.0.0.2:6378\n");
        assertThat(t.secrets()).isEqualTo(root.resolve("secrets.psk"));
    }
}
