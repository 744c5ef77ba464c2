package org.repcon.testing;

import java.nio.file.Path;
import java.util.Optional;
import org.repcon.lab.LabBinaries;

/** Finds the real programs the integration tests drive; a missing one fails the test with the install line. */
public final class Tools {

    private Tools() {}

    /** The program's path; fails with how to install it, never skips. */
    public static Path require(String program, String debianPackage) {
        return find(program).orElseThrow(() -> new AssertionError(program + " not found on PATH (nor in /usr/sbin, /usr/bin):"
                + " install it with: apt-get install -y " + debianPackage));
    }

    public static Optional<Path> find(String program) {
        return LabBinaries.onPath(program);
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
