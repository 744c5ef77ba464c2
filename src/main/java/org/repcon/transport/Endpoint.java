package org.repcon.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Where this machine connects to reach a port of a host, as {@link Transport#reach} gives it: the address itself
 * (a local host), or the unix socket an ssh forward listens on, in a directory only this user can enter (a TCP
 * listener on 127.0.0.1 would let every local user reach the remote Redis). Either way the caller gets a plain
 * {@link Socket}, which Jedis and the tunnel probe both need.
 */
public sealed interface Endpoint {

    /**
     * A connected socket within {@code timeout}, its read timeout still unset. Resolves a host name on the calling
     * thread (so never call it on a UI thread). IOExceptions as the JDK gives them: a {@link java.net.ConnectException}
     * for a refused connection, an {@link java.net.UnknownHostException}, a {@link java.net.SocketTimeoutException}.
     */
    Socket connect(Duration timeout) throws IOException;

    /** A TCP address: host name or literal, and port. */
    record Tcp(String host, int port) implements Endpoint {

        @Override
        public Socket connect(Duration timeout) throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true); // requests are one small write each; do not wait for more
            return connected(socket, new InetSocketAddress(host, port), timeout);
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** A unix domain socket (an ssh forward's listening end). */
    record Unix(Path path) implements Endpoint {

        @Override
        public Socket connect(Duration timeout) throws IOException {
            try {
                return connected(AFUNIXSocket.newInstance(), AFUNIXSocketAddress.of(path), timeout);
            } catch (ConnectException | SocketTimeoutException e) {
                throw e;
            } catch (SocketException e) {
                // junixsocket says "Connection refused" or "No such file or directory" in a plain SocketException
                ConnectException c = new ConnectException(e.getMessage() + ": " + path);
                c.initCause(e);
                throw c;
            }
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** Connects {@code socket}, closing it when that fails. */
    private static Socket connected(Socket socket, SocketAddress address, Duration timeout) throws IOException {
        try {
            socket.connect(address, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
