package org.repcon.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.cli.CliRunner;
import org.repcon.testing.TestTopologies;

/**
 * Setup's preview of a topology saying {@code server: valkey}, its hosts unreachable: Valkey's package, files, paths
 * and services on Debian (sample-topologies/rspamd-debian-valkey.yaml) and FreeBSD (the tutorial with the one key
 * added), and not one of Redis's own names; stunnel's and Rspamd's stay.
 */
class ValkeyPlanTest {

    @Test
    void debianPlanNamesValkeysPackageFilesAndUnits() {
        CliRunner.Result r = CliRunner.run("setup", TestTopologies.sample("rspamd-debian-valkey.yaml").toString(), "--plan",
                "--host", "edge1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String out = r.out();
        assertThat(out).contains("install valkey and stunnel", "run: apt-get install -y valkey-server stunnel4",
                "run: mkdir -p /var/lib/valkey/redis /var/log/valkey /var/lib/valkey/bayes /var/lib/valkey/fuzzy",
                "run: chown valkey /var/lib/valkey/redis",
                "set lines in /etc/valkey/valkey.conf", "write /etc/valkey/valkey-bayes.conf", "+include /etc/valkey/valkey.conf",
                "+pidfile /run/valkey-bayes/valkey-server.pid", "+logfile /var/log/valkey/bayes.log", "+dir /var/lib/valkey/bayes/",
                "write /etc/logrotate.d/valkey-rspamd",
                "run: systemctl disable --now valkey-server", "run: systemctl enable valkey-server@bayes",
                "run: systemctl start valkey-server@bayes",
                "write /etc/stunnel/rspamd-redis.conf", "write /etc/rspamd/local.d/classifier-bayes.conf");
        assertThat(out).doesNotContain("redis-server").doesNotContain("/etc/redis").doesNotContain("/var/lib/redis");
    }

    @Test
    void freebsdPlanNamesValkeysRcConfProfilesAndService(@TempDir Path dir) throws Exception {
        Path topology = dir.resolve("freebsd-valkey.yaml");
        Files.writeString(topology, Files.readString(TestTopologies.sample("rspamd-freebsd.yaml"))
                .replace("\nplatform: freebsd\n", "\nplatform: freebsd\nserver: valkey\n"));
        CliRunner.Result r = CliRunner.run("setup", topology.toString(), "--plan", "--host", "replica");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("run: pkg install -y valkey stunnel",
                "+valkey_enable=\"YES\"", "+valkey_profiles=\"redis bayes fuzzy\"",
                "write /usr/local/etc/newsyslog.conf.d/valkey.newsyslog.conf", "set lines in /usr/local/etc/valkey.conf",
                "write /usr/local/etc/valkey-bayes.conf", "+pidfile /var/run/valkey/bayes.pid", "+dir /var/db/valkey/bayes/",
                "run: service valkey start bayes")
                .doesNotContain("redis_enable").doesNotContain("service redis ").doesNotContain("/var/db/redis");
    }
}
