package org.repcon.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.cli.CliRunner;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.TopologyLoader;

/**
 * The tutorial's layout broken one way at a time: what cannot be read is one error line and nothing written (exit 2);
 * what is inconsistent is one warning line and the topology written (exit 1).
 */
class DiscoverProblemsTest {

    @TempDir
    Path dir;
    Path hosts;
    Path out;
    String secret;

    @BeforeEach
    void layOut() {
        hosts = dir.resolve("hosts");
        out = dir.resolve("prod.yaml");
        secret = TutorialLayout.write(hosts);
    }

    private CliRunner.Result discover(String... hostArgs) {
        return CliRunner.run(Stream.concat(Stream.of("discover", "--root", hosts.toString(), "--out", out.toString()),
                Stream.of(hostArgs)).toArray(String[]::new));
    }

    private Path file(String host, String path) {
        return hosts.resolve(host + path);
    }

    private void edit(String host, String path, String from, String to) throws Exception {
        Path f = file(host, path);
        String text = Files.readString(f);
        assertThat(text).contains(from);
        Files.writeString(f, text.replace(from, to));
    }

    private void assertNothingWritten(CliRunner.Result r, String error) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly("error: " + error, "repcon: discover: nothing written: 1 error(s)");
        assertThat(r.out()).isEmpty();
        assertThat(out).doesNotExist();
    }

    private void assertWrittenWithWarning(CliRunner.Result r, String warning) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err().lines().toList()).containsExactly("warning: " + warning);
        assertThat(r.out()).startsWith("wrote " + out).endsWith("; 1 warning(s)\n");
        TopologyLoader.load(out);
    }

    @Test
    void missingInclude() throws Exception {
        edit("replica", "/usr/local/etc/redis-bayes.conf", "include /usr/local/etc/redis.conf\n",
                "include /usr/local/etc/redis.conf\ninclude /usr/local/etc/redis-local.conf\n");
        assertNothingWritten(discover("master=local", "replica=local"), "replica: " + file("replica", "/usr/local/etc/redis-bayes.conf")
                + ":2: include /usr/local/etc/redis-local.conf: no such file (redis-server would not start)");
    }

    @Test
    void unreadableFile() throws Exception {
        Path fuzzy = file("master", "/usr/local/etc/redis-fuzzy.conf");
        Files.delete(fuzzy);
        Files.createDirectory(fuzzy); // as root, a directory is what cannot be read
        CliRunner.Result r = discover("master=local", "replica=local");
        assertThat(r.err().lines().findFirst().orElse("")).startsWith("error: master: cannot read " + fuzzy + ": ");
        assertNothingWritten(r, r.err().lines().findFirst().orElseThrow().substring("error: ".length()));
    }

    @Test
    void stunnelClientWhoseServerIsNotAmongTheHosts() {
        CliRunner.Result r = discover("replica=local");
        assertThat(r.exitCode()).isEqualTo(2);
        String conf = file("replica", "/usr/local/etc/stunnel/stunnel.conf").toString();
        assertThat(r.err().lines().toList()).containsExactly(
                "error: replica: " + conf + ":6: stunnel client [bayes] connects to master.example.com:6478, which is no server end among"
                        + " the hosts (replica)",
                "error: replica: " + conf + ":14: stunnel client [fuzzy] connects to master.example.com:6477, which is no server end among"
                        + " the hosts (replica)",
                "repcon: discover: nothing written: 2 error(s)");
        assertThat(out).doesNotExist();
    }

    @Test
    void twoInstancesOnOnePort() throws Exception {
        edit("replica", "/usr/local/etc/redis-fuzzy.conf", "port 6377", "port 6378");
        assertNothingWritten(discover("master=local", "replica=local"), "replica: instances bayes ("
                + file("replica", "/usr/local/etc/redis-bayes.conf") + ") and fuzzy (" + file("replica", "/usr/local/etc/redis-fuzzy.conf")
                + ") both listen on port 6378");
    }

    @Test
    void replicaofNotThroughItsTunnel() throws Exception {
        edit("replica", "/usr/local/etc/redis-bayes.conf", "replicaof localhost 6478", "replicaof master.example.com 6378");
        assertWrittenWithWarning(discover("master=local", "replica=local"), "replica/bayes: " + file("replica", "/usr/local/etc/redis-bayes.conf")
                + ":10: replicaof master.example.com 6378 does not go through a stunnel client end of replica");
        assertThat(Files.readString(out)).contains("# replicaof master.example.com 6378 (/usr/local/etc/redis-bayes.conf:10) does not go"
                + " through a stunnel client end of replica: not written");
        assertThat(TopologyLoader.load(out).instance(new InstanceRef("replica", "bayes")).orElseThrow().isReplica()).isFalse();
    }

    @Test
    void rspamdWritingToTheWrongPort() throws Exception {
        edit("replica", "/usr/local/etc/rspamd/local.d/classifier-bayes.conf", "write_servers = \"localhost:6478\"",
                "write_servers = \"localhost:6378\"");
        assertWrittenWithWarning(discover("master=local", "replica=local"), "replica: local.d/classifier-bayes.conf:3: Rspamd's Bayes"
                + " classifier writes to port 6378, not the tunnel to master/bayes (6478): replica/bayes is a replica");
    }

    @Test
    void pskIdentityWithoutAClient() throws Exception {
        Path psk = file("master", "/usr/local/etc/stunnel/psk.txt");
        Files.writeString(psk, Files.readString(psk) + "old-replica:" + secret + "\n");
        assertWrittenWithWarning(discover("master=local", "replica=local"), "master: " + psk
                + ": PSK identity 'old-replica' has no client among the hosts (a replica not given here, or a line left behind)");
        assertThat(Files.readString(out)).doesNotContain(secret);
    }

    @Test
    void passwordsArePresentNeverCopied() throws Exception {
        edit("master", "/usr/local/etc/redis-bayes.conf", "maxmemory 600M", "maxmemory 600M\nrequirepass \"" + secret + "\"");
        edit("replica", "/usr/local/etc/redis-bayes.conf", "replicaof localhost 6478", "replicaof localhost 6478\nmasterauth " + secret);
        CliRunner.Result r = discover("master=local", "replica=local");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String text = Files.readString(out);
        assertThat(text + r.out() + r.err()).doesNotContain(secret);
        assertThat(text).contains("      # password_file: master-bayes.password    # requirepass is set (/usr/local/etc/redis-bayes.conf:11),"
                + " not copied: put the password in that file (mode 0600), then uncomment");
        TopologyLoader.load(out);
    }

    @Test
    void aDirectiveThatLooksLikeYamlIsWrittenAsData() throws Exception {
        // A value that would start a comment and end the flow mapping it stands in: quoted, read back verbatim.
        edit("master", "/usr/local/etc/redis-bayes.conf", "maxmemory 600M", "maxmemory 600M\nodd \"# 50 } 99\"");
        CliRunner.Result r = discover("master=local", "replica=local");
        assertThat(r.exitCode()).as(r.err()).isZero();
        var bayes = TopologyLoader.load(out).instance(org.repcon.topology.InstanceRef.parse("master/bayes").orElseThrow())
                .orElseThrow();
        assertThat(bayes.port()).isEqualTo(6378);
        assertThat(bayes.settings()).containsEntry("odd", "\"# 50 } 99\"");
    }

    @Test
    void aLineBreakInADirectiveIsRefusedNotWrittenAsYaml() throws Exception {
        // U+2028 is no space to redis.conf's reader but a line break to YAML's: it must not start a line of YAML.
        edit("master", "/usr/local/etc/redis-bayes.conf", "maxmemory 600M", "maxmemory 600M\nx:\u2028port: 1");
        assertNothingWritten(discover("master=local", "replica=local"), "the discovered topology does not validate:"
                + " 'x:\\u2028port:' holds the control character U+2028; every value is one line of printable text");
    }

    @Test
    void anExistingOutFileIsReplacedOnlyWithForce() throws Exception {
        Files.writeString(out, "mine\n");
        CliRunner.Result refused = discover("master=local", "replica=local");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("repcon: " + out + " exists; --force replaces it\n");
        assertThat(Files.readString(out)).isEqualTo("mine\n");

        CliRunner.Result forced = CliRunner.run("discover", "--root", hosts.toString(), "--out", out.toString(), "--force",
                "master=local", "replica=local");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(Files.readString(out)).startsWith("# Discovered by 'repcon discover'");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).anyMatch(n -> n.startsWith("prod.yaml.bak-"));
        }
    }

    @Test
    void badHostArgumentsAreOneLine() {
        for (List<String> args : List.of(List.of("master"), List.of("ma ster=local"), List.of("master=user@host:99999"))) {
            CliRunner.Result r = CliRunner.run(Stream.concat(Stream.of("discover"), args.stream()).toArray(String[]::new));
            assertThat(r.exitCode()).as(args.toString()).isEqualTo(2);
            assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith("repcon: host '");
        }
    }
}
