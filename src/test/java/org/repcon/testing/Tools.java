package org.repcon.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the real programs the integration tests drive; a missing one fails the test with the install line. */
public final class Tools {

    private Tools() {}

    /** The program's path; fails with how to install it, never skips. */
    public static Path require(String program, String debianPackage) {
        return find(program).orElseThrow(() -> new AssertionError(program + " not found on PATH (nor in /usr/sbin, /usr/bin):"
                + " install it with: apt-get install -y " + debianPackage));
    }

    public static Optional<Path> find(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/bin:/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /**
     * Fails (never skips) unless the tests run as root, saying so: CI runs them as root, and a test that needs it
     * (changing owners, acting as another user) would otherwise pass without having tested anything.
     */
    public static void requireRoot(String needs) {
        if (!"root".equals(System.getProperty("user.name"))) throw new AssertionError("run as root (the test needs " + needs + ")");
    }

    public static Path redisServer() {
        return require("redis-server", "redis-server");
    }

    public static Path stunnel() {
        return find("stunnel4").orElseGet(() -> require("stunnel", "stunnel4"));
    }

    /** Prometheus's promtool, to check metrics as Prometheus would read them. */
    public static Path promtool() {
        return require("promtool", "prometheus");
    }

    public static Path rspamadm() {
        return require("rspamadm", "rspamd");
    }
}
