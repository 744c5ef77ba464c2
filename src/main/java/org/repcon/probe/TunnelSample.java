package org.repcon.probe;

import org.repcon.topology.TunnelRef;

/**
 * One probe of one stunnel end: a TCP connect to its accept port and, for a client end, a PING
 * through it to the master's instance (over a connection kept between refreshes while it answers).
 *
 * @param server a server end (TLS-PSK on the master; connect only) rather than a client end
 * @param connectMicros how long the TCP connect took, when it succeeded (a client end's kept connection: its
 *                      connect, however many refreshes ago)
 * @param message a short human reason or the error reply's text ("NOAUTH Authentication required.")
 * @param pingMicros the PING's round trip through the tunnel to the master's instance and back, when it was answered
 *                   (PONG or an error reply); 0 otherwise
 */
public record TunnelSample(TunnelRef tunnel, boolean server, long timeMs, Connect connect, Ping ping,
                           long connectMicros, String message, Freshness freshness, long pingMicros) implements Sample<TunnelSample> {

    /** A sample without a PING round trip measured: a server end, a failed connect, a PING not answered. */
    public TunnelSample(TunnelRef tunnel, boolean server, long timeMs, Connect connect, Ping ping, long connectMicros,
                        String message, Freshness freshness) {
        this(tunnel, server, timeMs, connect, ping, connectMicros, message, freshness, 0);
    }

    /** Each with the words the evidence line says it in: "connect refused". */
    public enum Connect {
        OK("ok"), REFUSED("refused"), TIMEOUT("timed out"), UNREACHABLE("failed"), PENDING("pending");

        private final String words;

        Connect(String words) {
            this.words = words;
        }
    }

    /** Each with the words the evidence line says it in: "PING timed out". */
    public enum Ping {
        PONG("PING answered"),
        /** An error reply (-NOAUTH, -ERR ...): still proof that the path reaches a Redis. */
        ERROR_REPLY("PING answered with an error"),
        /** No reply in time: the remote leg or the master hangs. */
        TIMEOUT("PING timed out"),
        /** The tunnel closed the connection without a reply: typically its remote leg is down. */
        CLOSED("closed without answering PING"),
        /** A reply that is not Redis's: something else listens on the far end. */
        PROTOCOL("PING answered by something other than Redis"),
        /** Not sent: a server end, or the connect failed. */
        NOT_SENT("PING not sent");

        private final String words;

        Ping(String words) {
            this.words = words;
        }
    }

    static TunnelSample pending(TunnelRef tunnel, boolean server, long timeMs) {
        return new TunnelSample(tunnel, server, timeMs, Connect.PENDING, Ping.NOT_SENT, 0, "no answer yet",
                Freshness.IN_FLIGHT);
    }

    /** The path through the tunnel reaches a Redis server (even one that wants a password). */
    public boolean reachesRedis() {
        return ping == Ping.PONG || ping == Ping.ERROR_REPLY;
    }

    /** A server end accepts connections; a client end carries a PING to Redis and back. */
    @Override
    public boolean ok() {
        return server ? connect == Connect.OK : reachesRedis();
    }

    @Override
    public boolean timedOut() {
        return connect == Connect.TIMEOUT || ping == Ping.TIMEOUT;
    }

    @Override
    public String summary() {
        return "connect " + connect.words + (ping == Ping.NOT_SENT ? "" : ", " + ping.words)
                + (message.isEmpty() ? "" : ": " + message);
    }

    @Override
    public TunnelSample carried(Freshness f) {
        return new TunnelSample(tunnel, server, timeMs, connect, ping, connectMicros, message, f, pingMicros);
    }
}
