package org.repcon.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.repcon.probe.TunnelSample.Connect;
import org.repcon.probe.TunnelSample.Ping;
import org.repcon.topology.Host;
import org.repcon.topology.Tunnel;
import org.repcon.topology.TunnelRef;
import org.repcon.transport.Endpoint;
import org.repcon.transport.Transports;
import org.repcon.util.RepconException;

/**
 * Probes one stunnel end.
 *
 * <p>A client end (on a replica) accepts plain TCP and forwards it through TLS to the master, so a
 * {@code PING} sent to it comes back from the master's instance: {@code +PONG}, or an error reply such
 * as {@code -NOAUTH} (no password is sent: any Redis reply proves the path). A server end (on the
 * master) speaks TLS-PSK, which the JDK's TLS does not implement, so it gets a TCP connect only.
 *
 * <p>A client end's connection is kept between refreshes and PINGed again, because each new one costs a
 * TLS handshake on the master and three lines in its stunnel log. It is dropped after any failure, and a
 * kept one closed under the PING (a restarted stunnel, a dropped remote leg) is retried at once on a fresh
 * one, so a sample still says what a new connection meets; a PING timeout is the answer (a hung path).
 *
 * <p>That connect-and-close costs the master's stunnel log an error line ({@code SSL_accept: ... unexpected
 * eof}) and two notices per probe, and cannot tell a frozen stunnel from a live one (the kernel accepts for
 * it). So a server end is probed every {@link ProbeOptions#serverTunnelInterval()} while its client ends'
 * PINGs answer, which proves it works, and at every refresh once one of them fails.
 */
final class TunnelProbe extends Target<TunnelRef, TunnelSample> {

    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
    /** The longest first reply line read; +PONG or an error line are far shorter. */
    private static final int MAX_REPLY = 512;

    private final Tunnel tunnel;
    private final Host host;
    private final Transports transports;
    private final ProbeOptions options;
    /** For a server end: its client ends in the topology. */
    private List<TunnelProbe> clients = List.of();
    /** A client end's kept connection: used by one probe at a time (the in-flight rule); volatile for close(). */
    private volatile Socket kept;
    /** How long the kept connection's connect took: the figure its samples report. */
    private long keptConnectMicros;

    TunnelProbe(Tunnel tunnel, Host host, Transports transports, ProbeOptions options) {
        super("tunnel", tunnel.ref());
        this.tunnel = tunnel;
        this.host = host;
        this.transports = transports;
        this.options = options;
    }

    Tunnel tunnel() {
        return tunnel;
    }

    boolean isServer() {
        return tunnel.isServer();
    }

    void watch(List<TunnelProbe> clientEnds) {
        clients = List.copyOf(clientEnds);
    }

    @Override
    long spacingNanos() {
        if (!tunnel.isServer() || clients.isEmpty() || clients.stream().anyMatch(Target::failing)) return 0;
        return options.serverTunnelInterval().toNanos();
    }

    @Override
    TunnelSample probe() {
        long timeMs = System.currentTimeMillis();
        Socket socket = kept;
        if (socket != null) {
            TunnelSample reused = pingKept(socket, timeMs);
            // A kept connection closed under the PING says nothing about a new one (stunnel restarted, or its
            // remote leg dropped): ask a fresh connection. A timeout is the answer (a hung path).
            if (reused.reachesRedis() || reused.ping() == Ping.TIMEOUT) return reused;
        }
        return connectAndProbe(timeMs);
    }

    private TunnelSample connectAndProbe(long timeMs) {
        Endpoint endpoint;
        try {
            endpoint = transports.of(host).reach(host.loopback(), tunnel.accept());
        } catch (RepconException e) {
            return failed(timeMs, Connect.UNREACHABLE, e.getMessage());
        }
        long start = System.nanoTime();
        Socket socket = null;
        try {
            socket = endpoint.connect(options.connectTimeout());
            long connectMicros = (System.nanoTime() - start) / 1000;
            if (tunnel.isServer()) {
                return new TunnelSample(ref, true, timeMs, Connect.OK, Ping.NOT_SENT, connectMicros, "", Freshness.FRESH);
            }
            keptConnectMicros = connectMicros;
            kept = socket;
            if (closed) {
                drop(socket);
                return failed(timeMs, Connect.UNREACHABLE, "prober closed");
            }
            TunnelSample sample = pingKept(socket, timeMs);
            if (kept == socket) socket = null; // kept: not closed here
            return sample;
        } catch (SocketTimeoutException e) {
            return failed(timeMs, Connect.TIMEOUT, "connect timed out after " + options.connectTimeout().toMillis() + " ms");
        } catch (ConnectException e) {
            return Net.refused(e) ? failed(timeMs, Connect.REFUSED, "connection refused")
                    : failed(timeMs, Connect.UNREACHABLE, String.valueOf(e.getMessage()));
        } catch (UnknownHostException e) {
            return failed(timeMs, Connect.UNREACHABLE, "unknown host " + e.getMessage());
        } catch (IOException e) {
            return failed(timeMs, Connect.UNREACHABLE, String.valueOf(e.getMessage())); // socket setup
        } finally {
            closeQuietly(socket);
        }
    }

    /** PINGs over the kept connection, which is dropped unless Redis answered. */
    private TunnelSample pingKept(Socket socket, long timeMs) {
        TunnelSample sample = ping(socket, timeMs, keptConnectMicros);
        if (!sample.reachesRedis()) drop(socket);
        return sample;
    }

    private TunnelSample ping(Socket socket, long timeMs, long connectMicros) {
        long readMs = options.readTimeout().toMillis();
        long deadline = System.nanoTime() + options.readTimeout().toNanos();
        byte[] line = new byte[MAX_REPLY];
        int n = 0;
        long sent = System.nanoTime();
        try {
            socket.getOutputStream().write(PING);
            InputStream in = socket.getInputStream();
            // Read up to the end of the first line, within one read timeout in all (not one per read).
            while (n < MAX_REPLY && (n == 0 || line[n - 1] != '\n')) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) throw new SocketTimeoutException();
                socket.setSoTimeout((int) left);
                int r = in.read(line, n, MAX_REPLY - n);
                if (r < 0) break;
                n += r;
            }
        } catch (SocketTimeoutException e) {
            return pinged(timeMs, connectMicros, Ping.TIMEOUT, "no reply within " + readMs + " ms");
        } catch (IOException e) {
            return pinged(timeMs, connectMicros, Ping.CLOSED, String.valueOf(e.getMessage()));
        }
        if (n == 0) return pinged(timeMs, connectMicros, Ping.CLOSED, "closed without a reply");
        long pingMicros = (System.nanoTime() - sent) / 1000;
        String reply = new String(line, 0, n, StandardCharsets.UTF_8).strip();
        if (reply.equals("+PONG")) return answered(timeMs, connectMicros, Ping.PONG, "", pingMicros);
        if (reply.startsWith("-")) return answered(timeMs, connectMicros, Ping.ERROR_REPLY, reply.substring(1), pingMicros);
        return pinged(timeMs, connectMicros, Ping.PROTOCOL, "not a Redis reply: " + Excerpt.of(reply, 40));
    }

    private TunnelSample pinged(long timeMs, long connectMicros, Ping ping, String message) {
        return new TunnelSample(ref, false, timeMs, Connect.OK, ping, connectMicros, message, Freshness.FRESH);
    }

    private TunnelSample answered(long timeMs, long connectMicros, Ping ping, String message, long pingMicros) {
        return new TunnelSample(ref, false, timeMs, Connect.OK, ping, connectMicros, message, Freshness.FRESH, pingMicros);
    }

    private TunnelSample failed(long timeMs, Connect connect, String message) {
        return new TunnelSample(ref, tunnel.isServer(), timeMs, connect, Ping.NOT_SENT, 0, message, Freshness.FRESH);
    }

    private void drop(Socket socket) {
        if (kept == socket) kept = null;
        closeQuietly(socket);
    }

    @Override
    void close() {
        super.close();
        Socket socket = kept;
        if (socket != null) drop(socket); // also unblocks a probe waiting for a PONG through a hung tunnel
    }

    @Override
    TunnelSample unexpected(long timeMs, RuntimeException e) {
        return failed(timeMs, Connect.UNREACHABLE, "probe failed: " + e);
    }

    @Override
    TunnelSample pending(long timeMs) {
        return TunnelSample.pending(ref, tunnel.isServer(), timeMs);
    }
}
