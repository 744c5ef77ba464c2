package org.repcon.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Processes known by pid (daemons repcon started, read from their pid files). */
public final class Pids {

    private Pids() {}

    public static Optional<Long> read(Path pidFile) {
        try {
            String s = Files.readString(pidFile).strip();
            return s.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(s));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the process runs. A zombie does not: a killed daemon's parent is init, which may reap
     * it only seconds later, and until then ProcessHandle still calls it alive.
     */
    public static boolean isRunning(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                int close = stat.lastIndexOf(')');
                return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
            } catch (IOException e) {
                return false; // gone between the two looks
            }
        }
        return false;
    }

    /** Asks the process to stop (SIGTERM), waits up to {@code grace}, then kills it (SIGKILL). */
    public static boolean stop(long pid, Duration grace) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !isRunning(pid)) return true;
        handle.get().destroy();
        if (waitGone(pid, grace)) return true;
        handle.get().destroyForcibly();
        return waitGone(pid, Duration.ofSeconds(5));
    }

    public static boolean waitGone(long pid, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (isRunning(pid)) {
            if (System.nanoTime() > deadline) return false;
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isRunning(pid);
            }
        }
        return true;
    }
}
