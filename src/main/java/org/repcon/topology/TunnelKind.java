package org.repcon.topology;

/**
 * What carries the topology's tunnels: stunnel with PSK as deployed, or the plain TCP relays a lab runs
 * where stunnel is missing or refused (REPCON_LAB_TUNNELS=relay). The view names relays as such.
 */
public enum TunnelKind {
    STUNNEL,
    RELAY;

    /** The words the legend, rows and details use. */
    public String label() {
        return switch (this) {
            case STUNNEL -> "TLS tunnel (stunnel)";
            case RELAY -> "relay, NO TLS";
        };
    }
}
