package org.repcon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.repcon.config.ConfigRenderer;
import org.repcon.config.FileMerge;
import org.repcon.config.PskStore;
import org.repcon.config.RenderedCommand;
import org.repcon.config.RenderedDirectory;
import org.repcon.config.RenderedFile;
import org.repcon.config.Rendering;
import org.repcon.config.SecretValues;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Secret;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;
import org.repcon.transport.ExecResult;
import org.repcon.transport.RedisConnector;
import org.repcon.transport.Transports;
import org.repcon.util.Pids;
import redis.clients.jedis.Jedis;

/**
 * A deployment on two hosts reached by ssh, as repcon meets one in production except that both "machines" are
 * this one: a test sshd ({@link SshServer}) listens on 127.0.52.1 ("master") and 127.0.52.2 ("replica"), each
 * host is an address of it, and the topology's {@code ssh.options} point ssh at the test's own client config
 * and known_hosts. Platform debian, every path placed under {@code DIR/root} (the conventions add {@code /{host}}
 * so the two hosts' files stay apart), and the service manager is {@code DIR/svc.sh}: a stand-in for systemctl
 * that starts redis-server or stunnel with the rendered file and stops it by the pid file that file names.
 * <p>
 * The rendered files are written in place (merged into a stand-in of the stock redis.conf), the services are
 * started over ssh by the rendered start commands, and replication comes up through real stunnel tunnels (PSK).
 * master has two bayes instances (bayes with 5 keys "m1:*", bayes2 with 50 keys "m2:*"), replica one bayes
 * instance replicating master/bayes, and a client tunnel to each of master's instances, so it can be re-pointed.
 * <p>
 * Closing kills every daemon by its pid file (wherever it was restarted meanwhile) and sshd; a JVM shutdown hook
 * (of {@link Daemons} and {@link SshServer}) is the backstop.
 */
public record SshDeployment(Path dir, SshServer sshd, Daemons daemons, Path file, Topology topology) implements AutoCloseable {

    public static final String MASTER_ADDRESS = "127.0.52.1";
    public static final String REPLICA_ADDRESS = "127.0.52.2";
    /** What surefire puts in REPCON_TEST_PASSWORD (pom.xml), the masters' password: tests assert it appears nowhere. */
    public static final String PASSWORD = TwoMasters.PASSWORD;
    /** The distribution's redis.conf as far as these hosts need it; repcon merges its common settings into it. */
    static final String STOCK_REDIS_CONF = "# the distribution's redis.conf (a stand-in)\nbind 127.0.0.1 -::1\nprotected-mode yes\n";

    /** Starts sshd, writes the topology (the file) as DIR/over-ssh.yaml, sets both hosts up and waits until replication is up. */
    public static SshDeployment start(Path dir) {
        Path redisServer = Tools.redisServer();
        Path stunnel = Tools.stunnel();
        SshServer sshd = SshServer.start(dir, MASTER_ADDRESS, REPLICA_ADDRESS);
        Daemons daemons = new Daemons();
        try {
            writeServiceScript(dir, redisServer, stunnel);
            Path file = writeTopology(dir, "over-ssh.yaml", sshd.clientConfig());
            SshDeployment d = new SshDeployment(dir, sshd, daemons, file, TopologyLoader.load(file));
            d.setUp();
            return d;
        } catch (IOException e) {
            close(daemons, sshd);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | AssertionError e) {
            close(daemons, sshd);
            throw e;
        }
    }

    public Path serviceScript() {
        return serviceScript(dir);
    }

    private static Path serviceScript(Path dir) {
        return dir.resolve("svc.sh");
    }

    /** The same deployment reached through another ssh client config (one whose known_hosts is wrong, say): its file. */
    public Path fileWith(String name, Path sshClientConfig) {
        try {
            return writeTopology(dir, name, sshClientConfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Instance instance(String ref) {
        return topology.instance(InstanceRef.parse(ref).orElseThrow()).orElseThrow();
    }

    /** A connection to an instance through its host's ssh forward, authenticated with its password. */
    public static Jedis connect(Transports transports, Instance instance) {
        Host host = transports.topology().hostOf(instance);
        return RedisConnector.connect(transports.of(host).reach(host.loopback(), instance.port()),
                instance.password().map(Secret::reveal).orElse(null), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    /** The pid in an instance's pid file on its (local, after all) host. */
    public Optional<Long> pid(Instance instance) {
        return Pids.read(Path.of(topology.hostOf(instance).instancePath(instance, Convention.PIDFILE)));
    }

    private static Path writeTopology(Path dir, String name, Path sshClientConfig) throws IOException {
        String svc = "sh " + serviceScript(dir) + " {action}";
        Path root = dir.resolve("root");
        String text = """
                # Two hosts reached by ssh (one test sshd on two loopback addresses), Debian conventions placed
                # under a test directory, with a service script standing in for systemctl.
                name: over-ssh
                platform: debian
                root: %1$s
                secrets: secrets.psk
                common:
                  maxmemory: 64M
                  settings:
                    repl-diskless-sync-delay: 0
                conventions:
                  common_config: /{host}/etc/redis/redis.conf
                  instance_config: /{host}/etc/redis/redis-{name}.conf
                  pidfile: /{host}/run/redis-{name}/redis-server.pid
                  logfile: /{host}/var/log/redis/{name}.log
                  dir: /{host}/var/lib/redis/{name}/
                  stunnel_config: /{host}/etc/stunnel/rspamd-redis.conf
                  stunnel_psk: /{host}/etc/stunnel/rspamd-redis.psk
                  # the stand-in tracks stunnel by a pid file, as FreeBSD's rc.d does
                  stunnel_pidfile: /{host}/run/stunnel4/rspamd-redis.pid
                  stunnel_log: /{host}/var/log/stunnel4/rspamd-redis.log
                  stunnel_user: ""
                  stunnel_group: ""
                  redis_user: ""
                  rspamd_dir: /{host}/etc/rspamd
                  log_rotation: ""
                  install: ""
                  redis_enable: ""
                  stunnel_enable: ""
                  redis_service: %2$s redis %1$s/{host}/etc/redis/redis-{name}.conf
                  stunnel_service: %2$s stunnel %1$s/{host}/etc/stunnel/rspamd-redis.conf
                hosts:
                %3$s
                    instances:
                      bayes: { port: 6378, password_env: REPCON_TEST_PASSWORD }
                      bayes2: { port: 6388, kind: bayes, password_env: REPCON_TEST_PASSWORD }
                    tunnels:
                      # server ends accept on every address (as rendered for Debian): ports of this test's own
                      bayes: { accept: 26478, to: bayes }
                      bayes2: { accept: 26488, to: bayes2 }
                %4$s
                    instances:
                      bayes: { port: 6378, replicaof: master/bayes }
                    tunnels:
                      bayes: { accept: 6478, client: master/bayes }
                      bayes2: { accept: 6488, client: master/bayes2 }
                """.formatted(root, svc, host("master", MASTER_ADDRESS, sshClientConfig),
                host("replica", REPLICA_ADDRESS, sshClientConfig));
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    /**
     * A host's entry (under {@code hosts:}) up to its instances: one address of the test sshd, its services bound
     * there, reached by ssh through the test's client config. Both hosts are this machine in the same way.
     */
    private static String host(String name, String address, Path sshClientConfig) {
        return """
                  %1$s:
                    address: %2$s
                    loopback: %2$s
                    bind: [%2$s]
                    ssh: { options: [-F, "%3$s"] }
                """.formatted(name, address, sshClientConfig).stripTrailing();
    }

    /**
     * svc.sh ACTION redis|stunnel CONFIG: start (daemonized; a no-op when it runs), stop (TERM, KILL after 10 s;
     * a no-op when it does not run), restart. The pid file is the one the rendered CONFIG names.
     */
    private static void writeServiceScript(Path dir, Path redisServer, Path stunnel) throws IOException {
        String script = """
                #!/bin/sh
                # A stand-in for the platform's service manager: svc.sh start|stop|restart redis|stunnel CONFIG
                set -u
                action=$1 kind=$2 conf=$3
                case $kind in
                  redis) pidfile=$(sed -n 's/^pidfile //p' "$conf") ;;
                  stunnel) pidfile=$(sed -n 's/^pid = //p' "$conf") ;;
                  *) echo "svc.sh: unknown service kind '$kind'" >&2; exit 2 ;;
                esac
                [ -n "$pidfile" ] || { echo "svc.sh: $conf names no pid file" >&2; exit 6; }
                # A process that exited is gone even while it waits to be reaped (a zombie answers kill -0).
                alive() { s=$(ps -o stat= -p "$1" 2>/dev/null) && case $s in Z*) false ;; *) true ;; esac; }
                running() { [ -s "$pidfile" ] && alive "$(cat "$pidfile")"; }
                start() {
                  running && return 0
                  mkdir -p "$(dirname "$pidfile")"
                  case $kind in
                    redis) %s "$conf" --daemonize yes ;;
                    stunnel) %s "$conf" ;;
                  esac
                }
                stop() {
                  running || return 0
                  pid=$(cat "$pidfile")
                  kill -TERM "$pid"
                  n=0
                  while alive "$pid"; do
                    n=$((n + 1))
                    if [ $n -gt 200 ]; then kill -KILL "$pid"; break; fi
                    sleep 0.05
                  done
                  rm -f "$pidfile"
                }
                case $action in
                  start) start ;;
                  stop) stop ;;
                  restart) stop; start ;;
                  *) echo "svc.sh: unknown action '$action'" >&2; exit 2 ;;
                esac
                """.formatted(redisServer, stunnel);
        Files.writeString(serviceScript(dir), script);
        Files.setPosixFilePermissions(serviceScript(dir), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * The rendered files are written here directly (both hosts are this machine; writing them over ssh, two
     * sessions a file, would cost seconds and is not what these tests are about), merged into the stock
     * redis.conf; the services are started as an operator would, over ssh with the rendered commands.
     */
    private void setUp() throws IOException {
        PskStore store = PskStore.ensure(topology.secrets(), ConfigRenderer.pskIdentities(topology));
        for (Host host : topology.hosts()) {
            host.instances().forEach(i -> daemons.adopt(Path.of(host.instancePath(i, Convention.PIDFILE))));
            host.path(Convention.STUNNEL_PIDFILE, "").ifPresent(p -> daemons.adopt(Path.of(p)));
            Rendering r = ConfigRenderer.render(topology, host, SecretValues.revealed(store));
            for (RenderedDirectory d : r.directories()) Files.createDirectories(Path.of(d.path()));
            for (RenderedFile f : r.files()) {
                Path p = Path.of(f.path());
                Files.createDirectories(p.getParent());
                String stock = host.path(Convention.COMMON_CONFIG, "").orElseThrow().equals(f.path()) ? STOCK_REDIS_CONF : "";
                Files.writeString(p, FileMerge.apply(Files.exists(p) ? Files.readString(p) : stock, f));
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions(f.mode())));
            }
        }
        try (Transports transports = new Transports(topology)) {
            for (Host host : topology.hosts()) {
                for (RenderedCommand c : ConfigRenderer.render(topology, host, SecretValues.masked(topology.secrets())).commands()) {
                    if (c.step() != RenderedCommand.Step.START) continue;
                    ExecResult result = transports.of(host).exec(List.of("sh", "-c", c.command()), Duration.ofSeconds(20));
                    if (!result.ok()) throw new AssertionError("on " + host.name() + ": " + result.summary());
                }
            }
            // The service script returns once the daemons are forked: wait until each master answers through the
            // forward (before that, the forward accepts and then resets the connection).
            for (String master : List.of("master/bayes", "master/bayes2")) awaitAnswers(transports, instance(master));
            fill(transports, instance("master/bayes"), "m1:", 5);
            fill(transports, instance("master/bayes2"), "m2:", 50);
            awaitKeys(transports, instance("replica/bayes"), 5);
        }
    }

    /** "rw-r-----" for 0640. */
    private static String permissions(int mode) {
        StringBuilder b = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = mode >> shift;
            b.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return b.toString();
    }

    public static void fill(Transports transports, Instance instance, String prefix, int n) {
        try (Jedis j = connect(transports, instance)) {
            for (int k = 0; k < n; k++) j.set(prefix + k, "x".repeat(1024));
        }
    }

    private static void awaitAnswers(Transports transports, Instance instance) {
        Await.until(instance.ref() + " answers PING through the forward", Duration.ofSeconds(20), () -> {
            try (Jedis j = connect(transports, instance)) {
                return "PONG".equals(j.ping());
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /** Waits (10 s at most) until the instance holds n keys, reading it through the forward. */
    public static void awaitKeys(Transports transports, Instance instance, long n) {
        Await.value(instance.ref() + " holds " + n + " keys", Duration.ofSeconds(10), () -> {
            try (Jedis j = connect(transports, instance)) {
                return j.dbSize();
            } catch (RuntimeException e) {
                return -1L; // not up yet
            }
        }, keys -> keys == n);
    }

    @Override
    public void close() {
        close(daemons, sshd);
    }

    private static void close(Daemons daemons, SshServer sshd) {
        try {
            daemons.close();
        } finally {
            sshd.close();
        }
    }
}
