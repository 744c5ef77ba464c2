package org.repcon.topology;

import static org.repcon.topology.Convention.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operating-system conventions of the tutorial: FreeBSD (rc.d profiles, newsyslog), Debian
 * (systemd {@code redis-server@} units, logrotate) and the loopback lab (everything under one
 * directory, processes run by repcon itself). Written for Redis; a host whose {@link Server} is Valkey gets them
 * renamed as Valkey's packages name them ({@link #defaults(Server)}).
 */
public enum Platform {
    FREEBSD("freebsd", "localhost", List.of("127.0.0.1", "::1"), Map.ofEntries(
            Map.entry(COMMON_CONFIG, "/usr/local/etc/redis.conf"),
            Map.entry(INSTANCE_CONFIG, "/usr/local/etc/redis-{name}.conf"),
            Map.entry(PIDFILE, "/var/run/redis/{name}.pid"),
            Map.entry(LOGFILE, "/var/log/redis/{name}.log"),
            Map.entry(DIR, "/var/db/redis/{name}/"),
            Map.entry(DBFILENAME, "{name}.rdb"),
            Map.entry(STUNNEL_CONFIG, "/usr/local/etc/stunnel/stunnel.conf"),
            Map.entry(STUNNEL_PSK, "/usr/local/etc/stunnel/psk.txt"),
            Map.entry(STUNNEL_PIDFILE, "/var/run/stunnel/stunnel.pid"),
            Map.entry(STUNNEL_LOG, ""),
            Map.entry(STUNNEL_USER, "stunnel"),
            Map.entry(STUNNEL_GROUP, "nogroup"),
            Map.entry(REDIS_USER, "redis"),
            Map.entry(RSPAMD_DIR, "/usr/local/etc/rspamd"),
            Map.entry(RC_CONF, "/etc/rc.conf"),
            Map.entry(LOG_ROTATION, "/usr/local/etc/newsyslog.conf.d/redis.newsyslog.conf"),
            Map.entry(INSTALL, "pkg install -y redis stunnel"),
            Map.entry(REDIS_SERVICE, "service redis {action} {name}"),
            Map.entry(REDIS_ENABLE, ""),
            Map.entry(STUNNEL_SERVICE, "service stunnel {action}"),
            Map.entry(STUNNEL_ENABLE, ""))),
    DEBIAN("debian", "localhost", List.of("127.0.0.1", "::1"), Map.ofEntries(
            Map.entry(COMMON_CONFIG, "/etc/redis/redis.conf"),
            Map.entry(INSTANCE_CONFIG, "/etc/redis/redis-{name}.conf"),
            // The redis-server@ unit sets RuntimeDirectory=redis-%i and expects its pid file there.
            Map.entry(PIDFILE, "/run/redis-{name}/redis-server.pid"),
            Map.entry(LOGFILE, "/var/log/redis/{name}.log"),
            Map.entry(DIR, "/var/lib/redis/{name}/"),
            Map.entry(DBFILENAME, "{name}.rdb"),
            Map.entry(STUNNEL_CONFIG, "/etc/stunnel/rspamd-redis.conf"),
            Map.entry(STUNNEL_PSK, "/etc/stunnel/rspamd-redis.psk"),
            Map.entry(STUNNEL_PIDFILE, ""),
            Map.entry(STUNNEL_LOG, ""),
            Map.entry(STUNNEL_USER, "stunnel4"),
            Map.entry(STUNNEL_GROUP, "stunnel4"),
            Map.entry(REDIS_USER, "redis"),
            Map.entry(RSPAMD_DIR, "/etc/rspamd"),
            Map.entry(RC_CONF, ""),
            Map.entry(LOG_ROTATION, "/etc/logrotate.d/redis-rspamd"),
            Map.entry(INSTALL, "apt-get install -y redis-server stunnel4"),
            Map.entry(REDIS_SERVICE, "systemctl {action} redis-server@{name}"),
            Map.entry(REDIS_ENABLE, "systemctl enable redis-server@{name}"),
            Map.entry(STUNNEL_SERVICE, "systemctl {action} stunnel@rspamd-redis"),
            Map.entry(STUNNEL_ENABLE, "systemctl enable stunnel@rspamd-redis"))),
    /** Every host a loopback address, every file under the lab directory (the topology's root). */
    LAB("lab", null, List.of(), Map.ofEntries(
            Map.entry(COMMON_CONFIG, "/{host}/etc/redis.conf"),
            Map.entry(INSTANCE_CONFIG, "/{host}/etc/redis-{name}.conf"),
            Map.entry(PIDFILE, "/{host}/run/{name}.pid"),
            Map.entry(LOGFILE, "/{host}/log/{name}.log"),
            Map.entry(DIR, "/{host}/db/{name}/"),
            Map.entry(DBFILENAME, "{name}.rdb"),
            Map.entry(STUNNEL_CONFIG, "/{host}/etc/stunnel.conf"),
            Map.entry(STUNNEL_PSK, "/{host}/etc/psk.txt"),
            Map.entry(STUNNEL_PIDFILE, "/{host}/run/stunnel.pid"),
            Map.entry(STUNNEL_LOG, "/{host}/log/stunnel.log"),
            Map.entry(STUNNEL_USER, ""),
            Map.entry(STUNNEL_GROUP, ""),
            Map.entry(REDIS_USER, ""),
            Map.entry(RSPAMD_DIR, "/{host}/rspamd"),
            Map.entry(RC_CONF, ""),
            Map.entry(LOG_ROTATION, ""),
            Map.entry(INSTALL, ""),
            Map.entry(REDIS_SERVICE, ""),
            Map.entry(REDIS_ENABLE, ""),
            Map.entry(STUNNEL_SERVICE, ""),
            Map.entry(STUNNEL_ENABLE, "")));

    /**
     * FreeBSD's stock redis.conf already describes one instance: "redis" on 6379 with these paths.
     * The tutorial keeps that instance's file to a bare include, so repcon does too.
     */
    private static final Map<Convention, String> FREEBSD_STOCK = Map.of(
            PIDFILE, "/var/run/redis/redis.pid", LOGFILE, "/var/log/redis/redis.log",
            DIR, "/var/db/redis/", DBFILENAME, "dump.rdb");
    public static final String STOCK_INSTANCE = "redis";
    /**
     * The conventions that name the server's own files, user, packages and services, which Valkey's packages name
     * with "valkey" for "redis"; the stunnel and Rspamd ones stay. Judgements, as no package of Valkey is on the
     * machines repcon is tested on: Debian's valkey-server@ unit is taken to keep the redis-server@ unit's
     * RuntimeDirectory ({@code /run/valkey-NAME/valkey-server.pid}), FreeBSD's valkey port the redis port's rc.d
     * profiles ({@code valkey_NAME_config}) and stock paths ({@code /var/run/valkey/valkey.pid}); the log rotation
     * files are repcon's own names.
     */
    private static final Set<Convention> SERVER_NAMED = EnumSet.of(COMMON_CONFIG, INSTANCE_CONFIG, PIDFILE, LOGFILE, DIR,
            REDIS_USER, LOG_ROTATION, INSTALL, REDIS_SERVICE, REDIS_ENABLE);
    public static final int STOCK_PORT = 6379;

    private final String yamlName;
    private final String loopback;
    private final List<String> bind;
    private final Map<Convention, String> defaults;

    Platform(String yamlName, String loopback, List<String> bind, Map<Convention, String> defaults) {
        this.yamlName = yamlName;
        this.loopback = loopback;
        this.bind = bind;
        this.defaults = new EnumMap<>(defaults);
        if (this.defaults.size() != Convention.values().length) {
            throw new IllegalStateException(yamlName + " lacks a default for some convention");
        }
    }

    public String yamlName() {
        return yamlName;
    }

    /** The conventions for Redis, as the tutorial writes them. */
    public Map<Convention, String> defaults() {
        return defaults;
    }

    /** The conventions for a host running {@code server}: Redis's, renamed where Valkey's packages name things their way. */
    public Map<Convention, String> defaults(Server server) {
        return renamed(defaults, server);
    }

    private static Map<Convention, String> renamed(Map<Convention, String> redis, Server server) {
        Map<Convention, String> out = new EnumMap<>(redis);
        out.replaceAll((c, v) -> SERVER_NAMED.contains(c) ? server.rename(v) : v);
        return out;
    }

    /**
     * How local things are addressed in rendered files ({@code replicaof localhost 6478}); the lab
     * uses each host's own loopback address instead, so that hosts do not see each other's ports.
     */
    public String loopback(String hostAddress) {
        return loopback != null ? loopback : hostAddress;
    }

    /** The addresses Redis binds to unless the topology says otherwise. */
    public List<String> bind(String hostAddress) {
        return this == LAB ? List.of(hostAddress) : bind;
    }

    /** Whether repcon runs redis-server and stunnel itself rather than through a service manager. */
    public boolean selfManaged() {
        return this == LAB;
    }

    /**
     * What the platform's own common redis.conf sets (port 6379 and the default instance's paths);
     * empty when repcon writes the common file itself (the lab) or no instance may lean on it (Debian,
     * whose redis-server@ units need per-instance paths).
     */
    public Map<Convention, String> stock(Server server) {
        return this == FREEBSD ? renamed(FREEBSD_STOCK, server) : Map.of();
    }

    /** Whether the common redis config is the system's file, of which repcon sets a few directives. */
    public boolean stockCommonConfig() {
        return this != LAB;
    }

    public static Optional<Platform> fromYaml(String text) {
        for (Platform p : values()) {
            if (p.yamlName.equals(text)) return Optional.of(p);
        }
        return Optional.empty();
    }
}
