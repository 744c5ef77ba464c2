package org.repcon.lab;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.repcon.topology.Host;
import org.repcon.topology.Server;
import org.repcon.util.AtomicFiles;
import org.repcon.util.RepconException;

/**
 * The programs a lab runs: the system's redis-server (valkey-server for a host with {@code server: valkey}) and
 * stunnel when installed; otherwise a Redis binary from a Maven Central artifact, and for tunnels plain relays (named
 * as such: no TLS).
 */
public final class LabBinaries {

    /** A Maven Central artifact that carries a Linux x86-64 redis-server build (6.2). */
    static final String FALLBACK_ARTIFACT = "com.github.codemonstur:embedded-redis:1.4.3";
    static final String FALLBACK_ENTRY = "redis-server-6.2.6-v5-linux-amd64";

    private LabBinaries() {}

    /**
     * Which programs a lab runs. By default the system's, found on {@code path} (the environment's PATH), and each
     * host's server as its topology says ({@code server: valkey}: valkey-server). The environment can ask for the
     * fallbacks even where the system has the programs, to rehearse (and test) a machine without them:
     * {@code REPCON_LAB_REDIS=maven} (the Maven Central build) and {@code REPCON_LAB_TUNNELS=relay}; and for Valkey
     * on every host: {@code REPCON_LAB_SERVER=valkey}.
     *
     * @param server the server every host runs, over what the topology says; empty: as the topology says
     */
    public record Choice(boolean mavenRedis, boolean relays, Optional<Server> server, String path) {

        public static final Choice SYSTEM = new Choice(false, false);

        public Choice(boolean mavenRedis, boolean relays) {
            this(mavenRedis, relays, Optional.empty(), environmentPath());
        }

        public static Choice fromEnvironment() {
            Optional<Server> server = Optional.ofNullable(System.getenv("REPCON_LAB_SERVER")).filter(s -> !s.isBlank())
                    .map(s -> Server.fromYaml(s).orElseThrow(() -> RepconException.invalid("REPCON_LAB_SERVER=" + s
                            + ": must be one of " + String.join(", ", Server.names()) + " (or unset: as the topology says)")));
            return new Choice("maven".equals(System.getenv("REPCON_LAB_REDIS")), "relay".equals(System.getenv("REPCON_LAB_TUNNELS")),
                    server, environmentPath());
        }

        /** The same choice, the programs looked for on {@code searchPath} instead (a test's directory first). */
        public Choice withPath(String searchPath) {
            return new Choice(mavenRedis, relays, server, searchPath);
        }

        /** The same choice with every host running {@code everywhere}. */
        public Choice withServer(Server everywhere) {
            return new Choice(mavenRedis, relays, Optional.of(everywhere), path);
        }

        /** The server a lab host runs: the choice's, else its topology's. */
        public Server server(Host host) {
            return server.orElse(host.server());
        }

        public Path redisServer(Path binDir) {
            return mavenRedis ? fromMaven(binDir) : find(path, "redis-server").orElseGet(() -> fromMaven(binDir));
        }

        /**
         * The program a lab host's instances run, or empty when it is not installed: valkey-server has no stand-in,
         * {@link #require} says how to install it.
         */
        public Optional<Path> serverBinary(Server s, Path binDir) {
            return s == Server.REDIS ? Optional.of(redisServer(binDir)) : find(path, s.serverBinary());
        }

        /** The program, or a failure in one line saying how to install it. */
        public Path require(Server s, Path binDir) {
            return serverBinary(s, binDir).orElseThrow(() -> RepconException.failed(s.serverBinary()
                    + " is not on the PATH, and the lab runs it for server: " + s.yamlName() + (server.isPresent() ? " (REPCON_LAB_SERVER)" : "")
                    + ": " + installValkey()));
        }

        public Optional<Path> stunnel() {
            return relays ? Optional.empty() : LabBinaries.stunnel();
        }
    }

    /** How to get valkey-server where the lab looks for it. */
    public static String installValkey() {
        return "install Valkey (Debian 13 or later: apt-get install -y valkey-server; FreeBSD: pkg install -y valkey),"
                + " or run the lab on Redis (server: redis, REPCON_LAB_SERVER unset)";
    }

    private static String environmentPath() {
        return System.getenv().getOrDefault("PATH", "");
    }

    public static Optional<Path> onPath(String... programs) {
        return find(environmentPath(), programs);
    }

    /** The first of {@code programs} found on {@code searchPath}, then in the system's directories. */
    static Optional<Path> find(String searchPath, String... programs) {
        String path = searchPath + File.pathSeparator + "/usr/sbin:/usr/bin:/usr/local/bin";
        for (String program : programs) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) continue;
                Path p = Path.of(dir, program);
                if (Files.isExecutable(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** stunnel, or empty: the lab then uses plain relays. */
    public static Optional<Path> stunnel() {
        return onPath("stunnel4", "stunnel");
    }

    private static Path fromMaven(Path binDir) {
        Path target = binDir.resolve("redis-server");
        if (Files.isExecutable(target)) return target;
        if (!System.getProperty("os.arch").matches("amd64|x86_64") || !System.getProperty("os.name").startsWith("Linux")) {
            throw RepconException.failed("redis-server is not installed and the Maven fallback has only a Linux x86-64 build:"
                    + " install Redis (Debian: apt-get install -y redis-server)");
        }
        String[] coords = FALLBACK_ARTIFACT.split(":");
        Path jar = Path.of(System.getProperty("user.home"), ".m2", "repository", coords[0].replace('.', '/'), coords[1],
                coords[2], coords[1] + "-" + coords[2] + ".jar");
        if (!Files.exists(jar)) fetch();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(FALLBACK_ENTRY);
            if (entry == null) throw RepconException.failed(jar + " has no " + FALLBACK_ENTRY);
            Files.createDirectories(binDir);
            Path temp = Files.createTempFile(binDir, "redis-server", ".tmp");
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(temp, AtomicFiles.permissions(0755));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw RepconException.failed("cannot extract redis-server from " + jar + ": " + e.getMessage());
        }
    }

    private static void fetch() {
        Path mvn = onPath("mvn").orElseThrow(() -> RepconException.failed(
                "redis-server is not installed, and Maven is not there to fetch a build: apt-get install -y redis-server"));
        try {
            Process p = new ProcessBuilder(mvn.toString(), "-q", "-B", "dependency:get", "-Dartifact=" + FALLBACK_ARTIFACT)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw RepconException.failed("redis-server is not installed and fetching " + FALLBACK_ARTIFACT
                        + " failed: apt-get install -y redis-server");
            }
        } catch (IOException e) {
            throw RepconException.failed("cannot run mvn: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RepconException.failed("interrupted while fetching redis-server");
        }
    }
}
