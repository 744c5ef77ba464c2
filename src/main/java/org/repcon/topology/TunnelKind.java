package org.repcon.topology;

/**
 * What carries the topology's tunnels: stunnel with PSK as deployed, or the plain TCP relays a lab runs
 * where stunnel is missing or refused (REPCON_LAB_TUNNELS=relay). The view names relays as such.
 */
public enum TunnelKind {
    STUNNEL("TLS tunnel (stunnel)"),
    RELAY("relay, NO TLS");

    private final String label;

    TunnelKind(String label) {
        this.label = label;
    }

    /** "TLS tunnel (stunnel)" or "relay, NO TLS": the words the legend, rows and details use. */
    public String label() {
        return label;
    }
}
