package org.repcon.topology;

import static org.repcon.topology.Convention.*;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operating-system conventions of the tutorial: FreeBSD (rc.d profiles, newsyslog), Debian
 * (systemd {@code redis-server@} units, logrotate) and the loopback lab (everything under one
 * directory, processes run by repcon itself).
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

    public Map<Convention, String> defaults() {
        return defaults;
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
    public Map<Convention, String> stock() {
        return this == FREEBSD ? FREEBSD_STOCK : Map.of();
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
