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
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) return false;
        char state = state(pid);
        return state != 'Z' && state != '?';
    }

    /** Whether the process has ended and waits to be reaped; false where /proc cannot tell. */
    public static boolean isZombie(long pid) {
        return state(pid) == 'Z';
    }

    /** Whether the process is stopped by a signal (SIGSTOP): alive, but answering nothing. */
    public static boolean isFrozen(long pid) {
        return state(pid) == 'T';
    }

    /** The state letter of /proc/PID/stat (R, S, T, Z, ...), or '?' when the process is gone or unreadable. */
    static char state(long pid) {
        try {
            return stateOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            return '?';
        }
    }

    /** The state letter in the text of a /proc/PID/stat file, or '?' when it is not one. */
    public static char stateOf(String stat) {
        int close = stat.lastIndexOf(')');
        return close < 0 || close + 2 >= stat.length() ? '?' : stat.charAt(close + 2);
    }

    /** Sends a signal by name (STOP, CONT, ...) through kill(1); the JDK only sends TERM and KILL. */
    public static boolean signal(long pid, String signal) {
        try {
            Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
