package org.repcon.setup;

import java.util.Locale;

/** The tutorial's steps, in its order: a host's plan lists its steps in this order. */
public enum StepKind {
    PACKAGES,
    DIRECTORIES,
    BOOT,
    LOG_ROTATION,
    COMMON_CONFIG,
    INSTANCE_CONFIG,
    STUNNEL_CONFIG,
    PSK,
    START_REDIS,
    START_STUNNEL,
    VERIFY_TUNNEL,
    VERIFY_REPLICATION,
    RSPAMD;

    /** A few words for the plan's column: the name in words ("log rotation"); the PSK file's step says whose. */
    public String label() {
        return this == PSK ? "stunnel psk" : name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
