package org.repcon.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A plain TCP relay, the lab's stand-in for stunnel on a machine without it: same ports, no TLS.
 * Runs as its own process (so the lab outlives the command that started it) and writes a pid file.
 * Usage: {@code Relay PIDFILE LISTEN_HOST:PORT CONNECT_HOST:PORT [LISTEN:PORT CONNECT:PORT]...}
 */
public final class Relay {

    private Relay() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length % 2 == 0) {
            System.err.println("usage: Relay PIDFILE LISTEN_HOST:PORT CONNECT_HOST:PORT...");
            System.exit(2);
        }
        for (int i = 1; i < args.length; i += 2) {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(address(args[i]));
            InetSocketAddress target = address(args[i + 1]);
            Thread t = new Thread(() -> accept(server, target), "relay " + args[i]);
            t.start();
        }
        Files.writeString(Path.of(args[0]), ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
    }

    private static void accept(ServerSocket server, InetSocketAddress target) {
        while (true) {
            try {
                Socket in = server.accept();
                Socket out = new Socket();
                try {
                    out.connect(target, 2000);
                } catch (IOException e) {
                    in.close(); // like stunnel: the client sees the connection close
                    continue;
                }
                pipe(in, out);
                pipe(out, in);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close both below
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
