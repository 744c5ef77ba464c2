package org.repcon.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for a stunnel client end on 127.0.0.1: forwards each connection to a port (a working
 * tunnel), closes it at once (a tunnel whose remote leg is down), or holds it without a word (a hung
 * remote leg).
 */
public final class TcpRelay implements AutoCloseable {

    public enum Mode { FORWARD, CLOSE, SILENT }

    private final ServerSocket server;
    private final Mode mode;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private TcpRelay(Mode mode, int target) {
        this.mode = mode;
        this.target = target;
        server = listen();
        Thread acceptor = new Thread(this::acceptLoop, "tcp-relay-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static TcpRelay forwardingTo(int port) {
        return new TcpRelay(Mode.FORWARD, port);
    }

    public static TcpRelay closing() {
        return new TcpRelay(Mode.CLOSE, 0);
    }

    public static TcpRelay silent() {
        return new TcpRelay(Mode.SILENT, 0);
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * A port below the ephemeral range: once the relay is closed, a connect to an ephemeral port can be
     * answered by the connecting socket itself (TCP self-connect), and "refused" would read as "accepted".
     */
    private static ServerSocket listen() {
        java.util.Random random = new java.util.Random();
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return new ServerSocket(20_000 + random.nextInt(12_000), 50, InetAddress.getByName("127.0.0.1"));
            } catch (IOException e) {
                last = e; // taken: try another
            }
        }
        throw new UncheckedIOException(last);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            switch (mode) {
                case CLOSE -> quietly(client);
                case SILENT -> open.add(client);
                case FORWARD -> forward(client);
            }
        }
    }

    private void forward(Socket client) {
        try {
            Socket upstream = new Socket("127.0.0.1", target);
            open.add(client);
            open.add(upstream);
            // A connection accepted just as close() ran must not outlive it: close() sets the flag before it
            // closes what is open, so either it sees these sockets or this sees the flag.
            if (closed) {
                quietly(client);
                quietly(upstream);
                return;
            }
            pump(client, upstream);
            pump(upstream, client);
        } catch (IOException e) {
            quietly(client);
        }
    }

    private void pump(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread t = new Thread(() -> {
            try {
                in.transferTo(out);
            } catch (IOException e) {
                // either side closed
            } finally {
                quietly(from);
                quietly(to);
            }
        }, "tcp-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private void quietly(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        open.forEach(this::quietly);
    }
}
