package org.repcon.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.cli.CliRunner;
import org.repcon.testing.TestTopologies;
import org.repcon.testing.Tools;

/**
 * The tutorial's deployment (sample-topologies/rspamd-freebsd.yaml) planned while its hosts cannot be reached: the
 * plan still names every file and command of the tutorial, each step unknown with the reason; and the Rspamd files
 * setup would write pass {@code rspamadm configtest}, with the topology's servers.
 */
class FreebsdPlanTest {

    @Test
    void theUnreachablePlanListsTheTutorialsFilesAndCommands() {
        CliRunner.Result r = CliRunner.run("setup", TestTopologies.sample("rspamd-freebsd.yaml").toString(), "--plan");

        assertThat(r.exitCode()).as(r.err()).isZero();
        String out = r.out();
        assertThat(out).contains("2 hosts, 36 steps: 0 done, 0 differ, 0 missing, 36 unknown",
                "host master (freebsd, ssh master.example.com)", "cannot reach master: ssh to master.example.com failed");
        assertThat(out.indexOf("host master")).isLessThan(out.indexOf("host replica"));
        assertThat(out).contains(
                "run: pkg install -y redis stunnel",
                "run: mkdir -p /var/db/redis /var/log/redis /var/run/redis /var/db/redis/bayes /var/db/redis/fuzzy /var/run/stunnel",
                "run: chown redis /var/db/redis /var/log/redis /var/run/redis /var/db/redis/bayes /var/db/redis/fuzzy",
                "run: chown stunnel /var/run/stunnel",
                "set lines in /etc/rc.conf", "+redis_enable=\"YES\"", "+redis_profiles=\"redis bayes fuzzy\"", "+stunnel_enable=\"YES\"",
                "write /usr/local/etc/newsyslog.conf.d/redis.newsyslog.conf",
                "set lines in /usr/local/etc/redis.conf", "+bind 127.0.0.1 ::1", "+maxmemory 200M",
                "write /usr/local/etc/redis-redis.conf", "+include /usr/local/etc/redis.conf",
                "write /usr/local/etc/redis-bayes.conf", "+replicaof localhost 6478",
                "write /usr/local/etc/stunnel/stunnel.conf", "+client = yes", "+connect = master.example.com:6478",
                "write /usr/local/etc/stunnel/psk.txt (mode 0600",
                "run: service redis start bayes", "run: service stunnel start",
                "verify the tunnels of replica", "run: PING through localhost:6478 to master/bayes",
                "verify replication on replica",
                "write /usr/local/etc/rspamd/local.d/redis.conf", "write /usr/local/etc/rspamd/local.d/classifier-bayes.conf",
                "write /usr/local/etc/rspamd/override.d/worker-fuzzy.inc", "+write_servers = \"localhost:6478\";");
        // The PSK file is named, never shown.
        assertThat(out).doesNotContain("+replica:");
        assertThat(out.lines().filter(l -> l.matches("  (done|differs|missing|unknown) .*"))).isNotEmpty().allMatch(l -> l.startsWith("  unknown"));
    }

    @Test
    void theRspamdFilesPassConfigtestAndShowTheTopologysServers(@TempDir Path dir) throws Exception {
        Path rspamadm = Tools.rspamadm();
        Path topology = dir.resolve("rspamd-freebsd.yaml");
        Files.copy(TestTopologies.sample("rspamd-freebsd.yaml"), topology); // its secrets file is made beside it
        Path out = dir.resolve("review");
        CliRunner.Result r = CliRunner.run("setup", topology.toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + out.resolve("master/usr/local/etc/redis-bayes.conf"),
                "generated PSK secrets for replica into " + dir.resolve("rspamd-stats.psk"));
        assertThat(Files.readString(out.resolve("replica/usr/local/etc/stunnel/psk.txt"))).startsWith("replica:");

        for (String host : new String[] {"master", "replica"}) {
            String confdir = out.resolve(host + "/usr/local/etc/rspamd").toString();
            assertThat(run(rspamadm, "--var=LOCAL_CONFDIR=" + confdir, "configtest", "-c", "/etc/rspamd/rspamd.conf"))
                    .as("configtest of " + host).contains("syntax OK");
            String classifier = run(rspamadm, "--var=LOCAL_CONFDIR=" + confdir, "configdump", "-c", "/etc/rspamd/rspamd.conf", "classifier");
            String workers = run(rspamadm, "--var=LOCAL_CONFDIR=" + confdir, "configdump", "-c", "/etc/rspamd/rspamd.conf", "worker");
            if (host.equals("master")) {
                assertThat(classifier).contains("servers = \"localhost:6378\";");
                assertThat(workers).contains("servers = \"localhost:6377\";");
            } else {
                assertThat(classifier).contains("read_servers = \"localhost:6378\";", "write_servers = \"localhost:6478\";");
                assertThat(workers).contains("read_servers = \"localhost:6377\";", "write_servers = \"localhost:6477\";");
            }
        }
    }

    private static String run(Path program, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = program.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
