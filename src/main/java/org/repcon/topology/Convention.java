package org.repcon.topology;

import java.util.Optional;

/**
 * The platform conventions a host follows: where files live and how services are driven. Each is
 * a template: {@code {name}} stands for the instance (or stunnel service), {@code {host}} for the
 * host, {@code {action}} for start/stop/restart. Paths are absolute and are resolved under the
 * topology's root, so a whole deployment can be redirected into a directory (the lab, tests).
 */
public enum Convention {
    COMMON_CONFIG("common_config", "redis settings shared by every instance"),
    INSTANCE_CONFIG("instance_config", "one instance's redis config"),
    PIDFILE("pidfile", "an instance's pid file"),
    LOGFILE("logfile", "an instance's log file"),
    DIR("dir", "an instance's working directory"),
    DBFILENAME("dbfilename", "an instance's RDB file name (inside dir)"),
    STUNNEL_CONFIG("stunnel_config", "the stunnel configuration"),
    STUNNEL_PSK("stunnel_psk", "stunnel's PSK secrets file (mode 0600)"),
    STUNNEL_PIDFILE("stunnel_pidfile", "stunnel's pid file"),
    STUNNEL_LOG("stunnel_log", "stunnel's log file (empty: syslog)"),
    STUNNEL_USER("stunnel_user", "user stunnel drops to (empty: stays)"),
    STUNNEL_GROUP("stunnel_group", "group stunnel drops to"),
    REDIS_USER("redis_user", "owner of the instances' directories"),
    RSPAMD_DIR("rspamd_dir", "Rspamd's configuration directory (local.d, override.d)"),
    RC_CONF("rc_conf", "FreeBSD rc.conf receiving the enable lines (empty: not used)"),
    LOG_ROTATION("log_rotation", "newsyslog or logrotate file (empty: none)"),
    INSTALL("install", "command installing redis and stunnel"),
    REDIS_SERVICE("redis_service", "command driving one instance (empty: repcon runs redis-server itself)"),
    REDIS_ENABLE("redis_enable", "command enabling one instance at boot (empty: rc.conf does it)"),
    STUNNEL_SERVICE("stunnel_service", "command driving stunnel (empty: repcon runs stunnel itself)"),
    STUNNEL_ENABLE("stunnel_enable", "command enabling stunnel at boot (empty: rc.conf does it)");

    private final String yamlName;
    private final String description;

    Convention(String yamlName, String description) {
        this.yamlName = yamlName;
        this.description = description;
    }

    public String yamlName() {
        return yamlName;
    }

    public String description() {
        return description;
    }

    public static Optional<Convention> fromYaml(String key) {
        for (Convention c : values()) {
            if (c.yamlName.equals(key)) return Optional.of(c);
        }
        return Optional.empty();
    }

    /** Whether a platform may leave it empty (not used there); the others every host needs. */
    public boolean optional() {
        return switch (this) {
            case COMMON_CONFIG, INSTANCE_CONFIG, PIDFILE, LOGFILE, DIR, DBFILENAME, STUNNEL_CONFIG, STUNNEL_PSK, RSPAMD_DIR -> false;
            default -> true;
        };
    }

    /** The conventions an instance may override in its own mapping. */
    public boolean perInstance() {
        return this == INSTANCE_CONFIG || this == PIDFILE || this == LOGFILE || this == DIR || this == DBFILENAME;
    }
}
