package org.repcon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.repcon.syntax.RedisConfQuote;

/**
 * The pending-restart comparator on CONFIG GET replies recorded from real servers (src/test/resources/config-get,
 * copied from the shared fixtures: Redis 7.0.15, 7.4.1, 8.0-m01, Valkey 8.0.1, one multi-name CONFIG GET each, the
 * exact RESP bytes), and on what redis-server 7.0.15 was seen to run with for files of each shape.
 */
class ConfigDriftTest {

    private static final List<String> RECORDED = List.of("replicaof", "masterauth", "save", "appendonly", "repl-backlog-size",
            "client-output-buffer-limit", "replica-read-only", "maxmemory", "min-replicas-to-write", "replica-serve-stale-data");

    /** The replica's file as each server was started (no file: defaults and --replicaof), written out in every spelling. */
    @ParameterizedTest
    @CsvSource({"redis-7.0.15, 127.0.5.11, 1mb", "redis-7.4.1, 127.0.5.21, 1048576", "redis-8.0-m01, 127.0.5.1, 1024kb",
            "valkey-8.0.1, 127.0.5.1, 10mb"})
    void aReplicaRunningWhatItsFileSaysHasNoRestartPending(String server, String master, String backlog) throws IOException {
        String file = "include /etc/redis/common.conf\n\n"
                + "slaveof " + master + " 7001\n" // the old spelling of replicaof
                + "masterauth \"\"\n"
                + "repl-backlog-size " + backlog + "\n"
                + "appendonly NO\n"
                + "slave-read-only yes\n"
                + "client-output-buffer-limit replica 256mb 64mb 60\n"
                + "save 3600 1 300 100 60 10000\n"; // one line: after an include, each save line replaces the last
        String common = "maxmemory 0\nmin-replicas-to-write 0\nreplica-serve-stale-data 'yes'\n";
        ConfigDrift.FileValues values = values(file, common);
        assertThat(values.unread()).isEmpty();
        assertThat(ConfigDrift.compare(values, recorded(server, "replica"), RECORDED)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"redis-7.0.15", "redis-7.4.1", "redis-8.0-m01", "valkey-8.0.1"})
    void eachDirectiveThatDiffersIsNamedWithBothValues(String server) throws IOException {
        String file = "include /etc/redis/common.conf\n"
                + "replicaof 127.0.0.3 6478\n"
                + "maxmemory 70mb\n"
                + "save \"\"\n"
                + "client-output-buffer-limit replica 512mb 128mb 60\n"
                + "masterauth s3cret\n";
        List<String> said = ConfigDrift.compare(values(file, "appendonly yes\n"), recorded(server, "master"), RECORDED).stream()
                .map(ConfigDrift.Drift::describe).toList();
        assertThat(said).containsExactly(
                "runs as a master, its file says replicaof 127.0.0.3 6478",
                "runs with another masterauth than its file says (not shown)",
                "runs with save 3600 1 300 100 60 10000, its file says \"\"",
                "runs with appendonly no, its file says yes",
                "runs with client-output-buffer-limit normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60,"
                        + " its file says replica 512mb 128mb 60",
                "runs with maxmemory 0, its file says 70mb (73400320)");
        assertThat(String.join("\n", said)).doesNotContain("s3cret");
    }

    @Test
    void theIssuesCaseMaxmemoryEightyMegabytesRunningSeventyInTheFile() {
        ConfigDrift.FileValues files = values("include /etc/redis/common.conf\nport 6378\n", "maxmemory 70M\n");
        List<ConfigDrift.Drift> drift = ConfigDrift.compare(files, Map.of("maxmemory", "80000000", "port", "6378"),
                List.of("maxmemory", "port"));
        assertThat(drift).extracting(ConfigDrift.Drift::describe).containsExactly("runs with maxmemory 80000000, its file says 70M (70000000)");
        assertThat(ConfigDrift.compare(files, Map.of("maxmemory", "70000000", "port", "6378"), List.of("maxmemory", "port"))).isEmpty();
    }

    @Test
    void aReplicaFollowingAnotherMasterThanItsFileOrAMasterWhoseFileHasNoReplicaof() throws IOException {
        Map<String, String> replica = recorded("redis-7.4.1", "replica"); // replicaof 127.0.5.21 7001
        assertThat(ConfigDrift.compare(values("replicaof 127.0.0.3 6478\n", ""), replica, List.of("replicaof")))
                .extracting(ConfigDrift.Drift::describe)
                .containsExactly("runs as a replica of 127.0.5.21 7001, its file says replicaof 127.0.0.3 6478");
        assertThat(ConfigDrift.compare(values("# replicaof 127.0.5.21 7001  # promoted\n", ""), replica, List.of("replicaof")))
                .extracting(ConfigDrift.Drift::describe).containsExactly("runs as a replica of 127.0.5.21 7001, its file has no replicaof");
        assertThat(ConfigDrift.compare(values("port 7001\n", ""), recorded("redis-7.4.1", "master"), List.of("replicaof"))).isEmpty();
    }

    @Test
    void valkeysPrimaryauthAliasIsMasterauth() throws IOException {
        // valkey-8.0.1-aliases.txt: CONFIG GET *auth* answers primaryauth and masterauth, both "".
        Map<String, String> running = new LinkedHashMap<>(Map.of("tls-auth-clients", "yes", "primaryauth", "", "masterauth", ""));
        assertThat(text("valkey-8.0.1-aliases.txt")).contains("3) \"primaryauth\"\n4) \"\"\n5) \"masterauth\"\n6) \"\"");
        assertThat(ConfigDrift.compare(values("primaryauth \"\"\n", ""), running, List.of("masterauth"))).isEmpty();
        assertThat(ConfigDrift.compare(values("primaryauth p\n", ""), running, List.of("masterauth")))
                .extracting(ConfigDrift.Drift::directive).containsExactly("masterauth");
    }

    /** Each case as redis-server 7.0.15 was seen to run it (CONFIG GET save after starting it on these files). */
    @Test
    void saveLinesAddUpAsRedisSevenAddsThem() {
        String[][] cases = {
                {"save 900 1\nsave 300 10", "", "900 1 300 10"},
                {"save '900 1 300 10'\nsave \"\"", "", ""},
                {"save \"\"\nsave 60 5", "", "60 5"},
                {"include /c.conf\nsave 300 10", "save 900 1", "300 10"},
                {"include /c.conf\nsave 300 10\nsave 60 1", "save 900 1", "60 1"}, // after an include, each line replaces
                {"save 300 10\ninclude /c.conf", "save 900 1", "300 10 900 1"},
                {"include /c.conf", "save 900 1", "900 1"}};
        for (String[] c : cases) {
            ConfigDrift.FileValues v = values(c[0] + "\n", c[1] + "\n");
            assertThat(ConfigDrift.compare(v, Map.of("save", c[2]), List.of("save"))).as(c[0]).isEmpty();
            assertThat(ConfigDrift.compare(v, Map.of("save", c[2] + " 1 1"), List.of("save"))).as(c[0]).hasSize(1);
        }
    }

    @Test
    void bufferLimitsAreComparedClassByClassAcrossFiles() {
        // redis-server 7.0.15 on e.conf: pubsub from the file, replica from the include after it.
        ConfigDrift.FileValues v = values("client-output-buffer-limit pubsub 2mb 2mb 2\ninclude /c.conf\n",
                "client-output-buffer-limit replica 1mb 1mb 1\n");
        String running = "normal 0 0 0 slave 1048576 1048576 1 pubsub 2097152 2097152 2";
        assertThat(ConfigDrift.compare(v, Map.of("client-output-buffer-limit", running), List.of("client-output-buffer-limit"))).isEmpty();
        assertThat(ConfigDrift.compare(v, Map.of("client-output-buffer-limit", running.replace("2097152 2097152 2", "1 1 1")),
                List.of("client-output-buffer-limit"))).hasSize(1);
    }

    @Test
    void unitsQuotesPathsAndWhatCannotBeCompared() {
        ConfigDrift.FileValues v = values("requirepass \"a b\"\ndir /var/db/redis/bayes/\nlogfile /var/log/redis/Bayes.log\n"
                + "maxmemory 1GB\nrepl-backlog-size 1k\n", "");
        Map<String, String> running = Map.of("requirepass", "a b", "dir", "/var/db/redis/bayes", "logfile", "/var/log/redis/bayes.log",
                "maxmemory", "1073741824", "repl-backlog-size", "1000");
        assertThat(ConfigDrift.compare(v, running, List.of("requirepass", "dir", "logfile", "maxmemory", "repl-backlog-size")))
                .extracting(ConfigDrift.Drift::directive).containsExactly("logfile"); // a path's case matters
        // Not reported by CONFIG GET, or left to Redis's default by the files: not compared.
        assertThat(ConfigDrift.compare(v, Map.of(), List.of("maxmemory", "hz"))).isEmpty();
        assertThat(ConfigDrift.compare(v, Map.of("hz", "10"), List.of("hz"))).isEmpty();
        // An include that cannot be read is said, never guessed.
        assertThat(ConfigDrift.fileValues("/i.conf", p -> p.equals("/i.conf") ? Optional.of("include /gone.conf\n") : Optional.empty())
                .unread()).containsExactly("/gone.conf");
        assertThat(ConfigDrift.bytes("70M")).hasValue(70_000_000L);
        assertThat(ConfigDrift.bytes("70mb")).hasValue(73_400_320L);
        assertThat(ConfigDrift.bytes("seventy")).isEmpty();
    }

    @Test
    void wordsAreSplitAsRedisSplitsThem() {
        assertThat(RedisConfQuote.directive("  requirepass \"a \\\"b\\\" \\x41\"  ")).hasValue(List.of("requirepass", "a \"b\" A"));
        assertThat(RedisConfQuote.directive("masterauth 'it\\'s'")).hasValue(List.of("masterauth", "it's"));
        assertThat(RedisConfQuote.directive("save \"\"")).hasValue(List.of("save", ""));
        assertThat(RedisConfQuote.directive("# maxmemory 1")).isEmpty();
        assertThat(RedisConfQuote.directive("requirepass \"unbalanced")).isEmpty();
        assertThat(RedisConfQuote.directive("requirepass \"a\"b")).isEmpty(); // Redis: closing quote must be followed by a space
    }

    /** The instance's file at /i.conf, including /etc/redis/common.conf (and /c.conf) with {@code common}. */
    private static ConfigDrift.FileValues values(String file, String common) {
        Map<String, String> texts = Map.of("/i.conf", file, "/etc/redis/common.conf", common, "/c.conf", common);
        return ConfigDrift.fileValues("/i.conf", p -> Optional.ofNullable(texts.get(p)));
    }

    /** A recorded multi-name CONFIG GET reply (RESP2: an array of name, value bulk strings). */
    static Map<String, String> recorded(String server, String role) throws IOException {
        String resp = text(server + "-" + role + ".resp");
        String[] lines = resp.split("\r\n", -1);
        assertThat(lines[0]).startsWith("*");
        int n = Integer.parseInt(lines[0].substring(1));
        Map<String, String> out = new LinkedHashMap<>();
        int at = 1;
        for (int i = 0; i < n / 2; i++) {
            String name = lines[at + 1];
            String value = lines[at + 3];
            assertThat(value.getBytes(StandardCharsets.UTF_8)).hasSize(Integer.parseInt(lines[at + 2].substring(1)));
            out.put(name, value);
            at += 4;
        }
        assertThat(out).hasSize(10);
        return out;
    }

    private static String text(String name) throws IOException {
        try (InputStream in = ConfigDriftTest.class.getResourceAsStream("/config-get/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
