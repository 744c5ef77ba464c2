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
import org.repcon.util.AtomicFiles;
import org.repcon.util.RepconException;

/**
 * The programs a lab runs: the system's redis-server and stunnel when installed; otherwise a Redis
 * binary from a Maven Central artifact, and for tunnels plain relays (named as such: no TLS).
 */
public final class LabBinaries {

    /** A Maven Central artifact that carries a Linux x86-64 redis-server build (6.2). */
    static final String FALLBACK_ARTIFACT = "com.github.codemonstur:embedded-redis:1.4.3";
    static final String FALLBACK_ENTRY = "redis-server-6.2.6-v5-linux-amd64";

    private LabBinaries() {}

    /**
     * Which programs a lab runs. By default the system's; the environment can ask for the fallbacks even
     * where the system has the programs, to rehearse (and test) a machine without them:
     * {@code REPCON_LAB_REDIS=maven} (the Maven Central build) and {@code REPCON_LAB_TUNNELS=relay}.
     */
    public record Choice(boolean mavenRedis, boolean relays) {

        public static final Choice SYSTEM = new Choice(false, false);

        public static Choice fromEnvironment() {
            return new Choice("maven".equals(System.getenv("REPCON_LAB_REDIS")), "relay".equals(System.getenv("REPCON_LAB_TUNNELS")));
        }

        public Path redisServer(Path binDir) {
            return mavenRedis ? fromMaven(binDir) : LabBinaries.redisServer(binDir);
        }

        public Optional<Path> stunnel() {
            return relays ? Optional.empty() : LabBinaries.stunnel();
        }
    }

    public static Optional<Path> onPath(String... programs) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/bin:/usr/local/bin";
        for (String program : programs) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) continue;
                Path p = Path.of(dir, program);
                if (Files.isExecutable(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** redis-server from the system, or extracted into {@code binDir} from the Maven artifact. */
    public static Path redisServer(Path binDir) {
        return onPath("redis-server").orElseGet(() -> fromMaven(binDir));
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
