package org.repcon.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.repcon.lab.Lab;
import org.repcon.util.Pids;

/**
 * Background processes a test starts (daemonizing ones are tracked through their pid files), all
 * killed by {@link #close()}, which tests call in a finally or @AfterEach/@AfterAll; a JVM shutdown
 * hook is the backstop for a test run that dies.
 */
public final class Daemons implements AutoCloseable {

    private final List<Path> pidFiles = new ArrayList<>();
    private final List<Process> children = new ArrayList<>();
    private final Thread hook = new Thread(this::killAll, "daemons-cleanup");

    public Daemons() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Runs a command that daemonizes and writes {@code pidFile}; waits until the pid file appears. */
    public long startDaemon(Path pidFile, String... command) throws IOException, InterruptedException {
        pidFiles.add(pidFile);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("'" + String.join(" ", command) + "' failed (" + (p.isAlive() ? "hung" : "exit " + p.exitValue()) + "): " + output);
        }
        try {
            return Await.value("a pid in " + pidFile, Duration.ofSeconds(10), () -> readPid(pidFile), pid -> pid != null);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " after starting " + String.join(" ", command) + ": " + output);
        }
    }

    /**
     * Kills, on close, whatever process {@code pidFile} names then: a daemon started some other way (through a
     * service script over ssh, say), however often it was restarted meanwhile.
     */
    public synchronized void adopt(Path pidFile) {
        pidFiles.add(pidFile);
    }

    /** Waits until something accepts connections on address:port (a pid file is written before the listener opens). */
    public static void awaitPort(String address, int port) {
        Await.until("something listens on " + address + ":" + port, Duration.ofSeconds(10), () -> accepts(address, port));
    }

    /** Whether something accepts a connection on address:port now. */
    public static boolean accepts(String address, int port) {
        return Lab.accepts(address, port, 200);
    }

    /** Runs a command that stays in the foreground until killed. */
    public Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        children.add(p);
        return p;
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }

    private synchronized void killAll() {
        for (Path pidFile : pidFiles) {
            Long pid = readPid(pidFile);
            if (pid != null) Pids.stop(pid, Duration.ZERO);
        }
        for (Process p : children) {
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pidFiles.clear();
        children.clear();
    }

    private static Long readPid(Path pidFile) {
        return Pids.read(pidFile).orElse(null);
    }
}
