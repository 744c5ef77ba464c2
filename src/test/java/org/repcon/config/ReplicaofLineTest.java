package org.repcon.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.repcon.util.UnifiedDiff;

class ReplicaofLineTest {

    private static final String FILE = "include /etc/redis/redis.conf\n\nport 6378\n\nreplicaof localhost 6478\nmasterauth s3cret\n\nmaxmemory 600M\n";

    @Test
    void setReplacesOnlyTheReplicationLine() {
        assertThat(ReplicaofLine.current(FILE)).contains("localhost 6478");
        assertThat(ReplicaofLine.set(FILE, "localhost", 6480)).isEqualTo(FILE.replace("6478", "6480"));
        // Old-style slaveof and later duplicates: the first becomes the line, the others go (they would override it).
        assertThat(ReplicaofLine.set("port 1\nslaveof 10.0.0.1 6379\nreplicaof x 2\n", "localhost", 6478))
                .isEqualTo("port 1\nreplicaof localhost 6478\n");
        // None: appended.
        assertThat(ReplicaofLine.set("port 1\n# replicaof old 1\n", "localhost", 6478))
                .isEqualTo("port 1\n# replicaof old 1\nreplicaof localhost 6478\n");
        assertThat(ReplicaofLine.current("port 1\n# replicaof old 1\n")).isEmpty();
    }

    @Test
    void commentKeepsTheLineReadableAndEverythingElse() {
        assertThat(ReplicaofLine.comment(FILE, "promoted")).isEqualTo(FILE.replace("replicaof localhost 6478\n",
                "# replicaof localhost 6478  # promoted\n"));
        assertThat(ReplicaofLine.comment("port 1\n", "promoted")).isEqualTo("port 1\n");
    }

    @Test
    void diffsShowChangedSecretLinesWithoutTheirValues() {
        String diff = UnifiedDiff.of("/etc/redis/redis-bayes.conf", FILE, ReplicaofLine.set(FILE, "localhost", 6480), SecretLines::redis);
        assertThat(diff).isEqualTo("""
                --- /etc/redis/redis-bayes.conf
                +++ /etc/redis/redis-bayes.conf
                @@ -2,7 +2,7 @@
                \s
                 port 6378
                \s
                -replicaof localhost 6478
                +replicaof localhost 6480
                 masterauth <hidden>
                \s
                 maxmemory 600M
                """);
        String changed = UnifiedDiff.of("f", "requirepass old\n", "requirepass new\n", SecretLines::redis);
        assertThat(changed).contains("-requirepass <hidden>\n+requirepass <hidden>\n").doesNotContain("old", "new");
        assertThat(SecretLines.redis("user repl on >pw1 <pw2 +psync")).isEqualTo("user repl on ><hidden> <<hidden> +psync");
        assertThat(UnifiedDiff.of("f", "same\n", "same\n", SecretLines::redis)).isEmpty();
    }
}
