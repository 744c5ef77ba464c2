package org.repcon.setup;

/** The tutorial's steps, in its order: a host's plan lists its steps in this order. */
public enum StepKind {
    PACKAGES("packages"),
    DIRECTORIES("directories"),
    BOOT("boot"),
    LOG_ROTATION("log rotation"),
    COMMON_CONFIG("common config"),
    INSTANCE_CONFIG("instance config"),
    STUNNEL_CONFIG("stunnel config"),
    PSK("stunnel psk"),
    START_REDIS("start redis"),
    START_STUNNEL("start stunnel"),
    VERIFY_TUNNEL("verify tunnel"),
    VERIFY_REPLICATION("verify replication"),
    RSPAMD("rspamd");

    private final String label;

    StepKind(String label) {
        this.label = label;
    }

    /** A few words for the plan's column. */
    public String label() {
        return label;
    }
}
