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

    /** For sockets (ssh control masters); falls back to the state directory when unset. */
    public static Path runtimeDir() {
        String dir = System.getenv("XDG_RUNTIME_DIR");
        return dir != null && !dir.isBlank() ? Path.of(dir, "repcon") : stateHome().resolve("run");
    }

    private static Path base(String variable, String fallbackUnderHome) {
        String value = System.getenv(variable);
        if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) return Path.of(value);
        return Path.of(System.getProperty("user.home"), fallbackUnderHome);
    }
}
