package org.repcon.util;

import java.nio.file.Path;

/** XDG base directories, where repcon keeps user themes, history, the audit log and labs. */
public final class Xdg {

    private Xdg() {}

    public static Path configHome() {
        return base("XDG_CONFIG_HOME", ".config").resolve("repcon");
    }

    public static Path stateHome() {
        return base("XDG_STATE_HOME", ".local/state").resolve("repcon");
    }

    /**
     * For sockets (ssh control masters and forwards). Without XDG_RUNTIME_DIR, a short directory of the user's
     * own under /tmp: a socket path has a length limit a home directory's state path may break. Whoever uses it
     * makes it 0700 and refuses one that someone else owns or may enter.
     */
    public static Path runtimeDir() {
        String dir = System.getenv("XDG_RUNTIME_DIR");
        if (dir != null && !dir.isBlank() && Path.of(dir).isAbsolute()) return Path.of(dir, "repcon");
        return Path.of("/tmp", "repcon-" + System.getProperty("user.name"));
    }

    private static Path base(String variable, String fallbackUnderHome) {
        String value = System.getenv(variable);
        if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) return Path.of(value);
        return Path.of(System.getProperty("user.home"), fallbackUnderHome);
    }
}
