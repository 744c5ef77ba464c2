package org.repcon.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A real redis-server for a test: on 127.0.0.1, a free port, its own directory, no persistence.
 * Closing it kills it (after a SIGCONT, should the test have frozen it); a JVM shutdown hook kills
 * whatever a failed test left behind. A missing binary fails loudly: these tests never skip.
 */
public final class RedisProcess implements AutoCloseable {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(p -> Processes.killTree(p, Duration.ZERO)),
                "redis-process-reaper"));
    }

    private final Process process;
    private final int port;
    private final Path dir;
    private final Optional<String> password;

    private RedisProcess(Process process, int port, Path dir, Optional<String> password) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.password = password;
    }

    /** Starts redis-server with extra arguments ({@code "--requirepass", "s3cret"}) and waits until it answers. */
    public static RedisProcess start(Path parent, String... args) {
        return start(parent, freePort(), args);
    }

    /** On a given port: to restart an instance where it was. */
    public static RedisProcess start(Path parent, int port, String... args) {
        Path dir = parent.resolve("redis-" + port);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> argv = new ArrayList<>(List.of(binary(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--logfile", dir.resolve("redis.log").toString()));
        argv.addAll(List.of(args));
        Optional<String> password = Optional.empty();
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--requirepass")) password = Optional.of(args[i + 1]);
        }
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.txt").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + argv + ": " + e.getMessage(), e);
        }
        LIVE.add(p);
        RedisProcess redis = new RedisProcess(p, port, dir, password);
        redis.awaitReady();
        return redis;
    }

    /** The path of redis-server, from $REDIS_SERVER or the usual places. */
    public static String binary() {
        String given = System.getenv("REDIS_SERVER");
        if (given != null && !given.isBlank()) return given;
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server")) {
            if (new File(candidate).canExecute()) return candidate;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(File.pathSeparator)) {
            File f = new File(d, "redis-server");
            if (f.canExecute()) return f.getPath();
        }
        throw new AssertionError("redis-server not found: apt-get install -y redis-server");
    }

    /** A port nothing listens on right now (the OS picks it; another process could still take it). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        try {
            Await.value("redis-server on port " + port + " answers", Duration.ofSeconds(10), Duration.ofMillis(20),
                    this::rawPing, reply -> reply.startsWith("+PONG") || reply.startsWith("-NOAUTH"), Await.whileAlive(process));
        } catch (AssertionError e) {
            close();
            throw new AssertionError(e.getMessage() + ": " + logTail());
        }
    }

    /** PING over a plain socket, no client library: the first reply line, or "" when nothing answered. */
    private String rawPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(500);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] b = new byte[128];
            int n = in.read(b);
            return n > 0 ? new String(b, 0, n, StandardCharsets.US_ASCII) : "";
        } catch (IOException e) {
            return "";
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path dir() {
        return dir;
    }

    public Path log() {
        return dir.resolve("redis.log");
    }

    /** A fresh client, authenticated when the server wants a password; the caller closes it. */
    public Jedis client() {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().timeoutMillis(5000);
        password.ifPresent(config::password);
        return new Jedis(new HostAndPort("127.0.0.1", port), config.build());
    }

    /** SIGSTOP: the process keeps its port (the kernel still accepts connections) but answers nothing. */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT. */
    public void thaw() {
        signal("CONT");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL and wait: the port is refused from then on. */
    public void kill() {
        // with a forked RDB child, say
        if (!Processes.killTree(process, Duration.ofSeconds(10)) && !Thread.currentThread().isInterrupted()) {
            throw new AssertionError("redis-server " + pid() + " did not die");
        }
        LIVE.remove(process);
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            LIVE.remove(process);
            return;
        }
        thaw();
        kill();
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + name + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log());
            lines.addAll(Files.readAllLines(dir.resolve("stdout.txt")));
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public String toString() {
        return "redis-server:" + port + " (pid " + pid() + ")";
    }
}
