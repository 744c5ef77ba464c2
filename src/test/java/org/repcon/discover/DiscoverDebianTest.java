package org.repcon.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.cli.CliRunner;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Kind;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;

/**
 * A Debian deployment set up by hand with names of its own: redis-server@ units, an instance "stats" that only Rspamd's
 * routing says is Bayes, tunnels named unlike it (so the replica needs {@code via}), the stock single instance still
 * enabled, and an ACL user line whose password must not be copied.
 */
class DiscoverDebianTest {

    @TempDir
    Path dir;

    private void write(String host, String path, String text) throws Exception {
        Path f = dir.resolve(host + path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private void instance(String host, String name, int port, String more) throws Exception {
        write(host, "/etc/redis/redis-" + name + ".conf", "include /etc/redis/redis.conf\n\nport " + port + "\n"
                + "pidfile /run/redis-" + name + "/redis-server.pid\nlogfile /var/log/redis/" + name + ".log\n"
                + "dbfilename " + name + ".rdb\ndir /var/lib/redis/" + name + "/\n" + more);
        write(host, "/etc/systemd/system/multi-user.target.wants/redis-server@" + name + ".service", "");
    }

    @Test
    void namesOfItsOwn() throws Exception {
        for (String host : new String[] {"master", "edge"}) {
            write(host, "/etc/redis/redis.conf", "# the distribution's file\nbind 127.0.0.1 -::1\nmaxmemory 100mb\nport 6379\n");
            instance(host, "redis", 6379, "");
            write(host, "/etc/rspamd/local.d/redis.conf", "servers = \"localhost\";\n");
            write(host, "/etc/stunnel/rspamd-redis.psk", "edge:not-this-one\n");
        }
        write("master", "/etc/systemd/system/multi-user.target.wants/redis-server.service", "");
        instance("master", "stats", 6390, "hz 20\nuser reporter on >not-this-either ~* +info\n");
        write("master", "/etc/rspamd/local.d/classifier-bayes.conf", "backend = \"redis\";\nservers = \"localhost:6390\";\n");
        write("master", "/etc/stunnel/rspamd-redis.conf", "setuid = stunnel4\nsetgid = stunnel4\npid = \nforeground = yes\n\n"
                + "[stats-in]\naccept = 7390\nconnect = 6390\nciphers = PSK\nPSKsecrets = /etc/stunnel/rspamd-redis.psk\n");
        instance("edge", "stats", 6390, "hz 20\nreplicaof localhost 7390\n");
        write("edge", "/etc/rspamd/local.d/classifier-bayes.conf", "backend = \"redis\";\nread_servers = \"localhost:6390\";\n"
                + "write_servers = \"localhost:7390\";\n");
        write("edge", "/etc/stunnel/rspamd-redis.conf", "setuid = stunnel4\nsetgid = stunnel4\npid = \nforeground = yes\n\n"
                + "[stats-out]\nclient = yes\naccept = localhost:7390\nconnect = mx.example.org:7390\nciphers = PSK\n"
                + "PSKsecrets = /etc/stunnel/rspamd-redis.psk\nPSKidentity = edge\n");

        Path out = dir.resolve("found.yaml");
        CliRunner.Result r = CliRunner.run("discover", "--root", dir.toString(), "--out", out.toString(), "master=local", "edge=local");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err().lines().toList()).containsExactly(
                "warning: master: the stock redis-server.service is enabled (/etc/redis/redis.conf, port 6379): repcon's Debian layout"
                        + " runs every instance as redis-server@NAME and disables it",
                "warning: master/stats: " + dir.resolve("master/etc/redis/redis-stats.conf") + ":9: user may hold a secret: not copied"
                        + " into the topology (repcon would not write it)");
        String text = Files.readString(out);
        assertThat(text).doesNotContain("not-this").contains("platform: debian", "# kind bayes, from local.d/classifier-bayes.conf:2",
                "stats: { port: 6390, kind: bayes, replicaof: master/stats, via: stats-out, settings: { hz: \"20\" } }",
                "stats-out: { accept: 7390, client: master/stats-in }");

        Topology t = TopologyLoader.load(out);
        var replica = t.instance(new InstanceRef("edge", "stats")).orElseThrow();
        assertThat(replica.kind()).isEqualTo(Kind.BAYES);
        assertThat(replica.via()).contains("stats-out");
        assertThat(t.masterOf(replica).map(i -> i.ref().toString())).contains("master/stats");
        assertThat(t.commonMaxmemory().map(Object::toString)).contains("100mb");
        // "-::1" binds ::1 where the host has IPv6: without the "-" Redis would not start on a host without it.
        assertThat(t.host("edge").orElseThrow().bind()).containsExactly("127.0.0.1", "-::1");
        assertThat(Renders.of(t).get("edge /etc/redis/redis.conf")).contains("\nbind 127.0.0.1 -::1\n");
        String edgeStats = Renders.of(t).get("edge /etc/redis/redis-stats.conf");
        assertThat(edgeStats).contains("replicaof localhost 7390", "hz 20");
        assertThat(Renders.of(t).get("edge /etc/rspamd/local.d/classifier-bayes.conf"))
                .contains("read_servers = \"localhost:6390\";\nwrite_servers = \"localhost:7390\";");
    }
}
