package org.repcon.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.ErrorManager;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * repcon's log: a file under $XDG_STATE_HOME/repcon, never the screen, because the console owns
 * the terminal while it is up. Libraries' console handlers are removed for the same reason.
 */
public final class Log {

    private static volatile boolean configured;

    private Log() {}

    public static Logger get(Class<?> owner) {
        configure();
        return Logger.getLogger(owner.getName());
    }

    public static Path file() {
        return Xdg.stateHome().resolve("repcon.log");
    }

    static synchronized void configure() {
        if (configured) return;
        configured = true;
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) root.removeHandler(h);
        try {
            Files.createDirectories(file().getParent());
            // One generation: the file is exactly file(), which error messages name (it starts over past 5 MB).
            FileHandler handler = new FileHandler(file().toString(), 5_000_000, 1, true);
            handler.setFormatter(new SimpleFormatter());
            // The log is kept as well as it can be: a full disk must not print stack traces over the screen (the default
            // ErrorManager's), and what matters (the audit log) says so itself, in one line.
            handler.setErrorManager(new ErrorManager() {
                @Override
                public void error(String msg, Exception ex, int code) {
                }
            });
            root.addHandler(handler);
            root.setLevel(Level.INFO);
        } catch (IOException | SecurityException e) {
            // No log file (read-only home, say): repcon still works, it only cannot keep a log.
            root.setLevel(Level.OFF);
        }
    }
}
