package org.repcon.topology;

import java.util.Locale;
import java.util.Optional;

/**
 * The platform conventions a host follows: where files live and how services are driven. Each is
 * a template: {@code {name}} stands for the instance (or stunnel service), {@code {host}} for the
 * host, {@code {action}} for start/stop/restart. Paths are absolute and are resolved under the
 * topology's root, so a whole deployment can be redirected into a directory (the lab, tests).
 */
public enum Convention {
    COMMON_CONFIG("redis settings shared by every instance"),
    INSTANCE_CONFIG("one instance's redis config"),
    PIDFILE("an instance's pid file"),
    LOGFILE("an instance's log file"),
    DIR("an instance's working directory"),
    DBFILENAME("an instance's RDB file name (inside dir)"),
    STUNNEL_CONFIG("the stunnel configuration"),
    STUNNEL_PSK("stunnel's PSK secrets file (mode 0600)"),
    STUNNEL_PIDFILE("stunnel's pid file"),
    STUNNEL_LOG("stunnel's log file (empty: syslog)"),
    STUNNEL_USER("user stunnel drops to (empty: stays)"),
    STUNNEL_GROUP("group stunnel drops to"),
    REDIS_USER("owner of the instances' directories"),
    RSPAMD_DIR("Rspamd's configuration directory (local.d, override.d)"),
    RC_CONF("FreeBSD rc.conf receiving the enable lines (empty: not used)"),
    LOG_ROTATION("newsyslog or logrotate file (empty: none)"),
    INSTALL("command installing redis and stunnel"),
    REDIS_SERVICE("command driving one instance (empty: repcon runs redis-server itself)"),
    REDIS_ENABLE("command enabling one instance at boot (empty: rc.conf does it)"),
    STUNNEL_SERVICE("command driving stunnel (empty: repcon runs stunnel itself)"),
    STUNNEL_ENABLE("command enabling stunnel at boot (empty: rc.conf does it)");

    private final String description;

    Convention(String description) {
        this.description = description;
    }

    /** Its key in topology files: the constant's name in lower case ({@code common_config}). */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    public static Optional<Convention> fromYaml(String key) {
        for (Convention c : values()) {
            if (c.yamlName().equals(key)) return Optional.of(c);
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
