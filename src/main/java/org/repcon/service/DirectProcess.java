package org.repcon.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.repcon.transport.ExecResult;
import org.repcon.transport.Transport;
import org.repcon.util.Pids;
import org.repcon.util.RepconException;

/**
 * A daemon repcon runs itself on a self-managed host (the lab) rather than through a service manager:
 * a command that daemonizes and writes a pid file. Started, found and stopped through the host's
 * transport, so the lab and the actions do it the same way. Reads /proc: self-managed hosts run Linux.
 *
 * @param ownerDir a directory the process belongs to (its command line names it, or it runs in it), so a
 *                 stale pid file whose number now belongs to another process is never acted on
 * @param logFile where the daemon writes, for the reason when it does not come up
 */
public record DirectProcess(String label, List<String> command, String pidFile, String ownerDir, Optional<String> logFile) {

    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    static final Duration COMMAND_LIMIT = Duration.ofSeconds(10);
    static final long POLL_MILLIS = 10;

    public DirectProcess {
        command = List.copyOf(command);
    }

    /** The process running now, from its pid file; a stale file, or one naming a process not ours, reads as none. */
    public Optional<Long> pid(Transport t) {
        return readPid(t).filter(pid -> running(t, pid) && belongs(t, pid));
    }

    /**
     * Runs the command, which daemonizes and returns, then waits until the pid file names a new running
     * process and {@code ready} holds. Returns the commands run; a RepconException says why it did not come up.
     */
    public List<String> start(Transport t, Duration limit, BooleanSupplier ready) {
        Optional<Long> runningBefore = readPid(t).filter(pid -> running(t, pid));
        ExecResult r = t.exec(command, limit);
        if (!r.ok()) throw RepconException.failed("could not start " + label + ": " + reason(r));
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<Long> pid = readPid(t).filter(p -> !runningBefore.equals(Optional.of(p)) && running(t, p));
            if (pid.isPresent() && ready.getAsBoolean()) return List.of(String.join(" ", command));
            if (System.nanoTime() > deadline) {
                throw RepconException.failed(label + " did not come up within " + limit.toSeconds() + " s"
                        + logFile.flatMap(log -> t.tail(log, 1).stream().findFirst()).map(l -> ": " + l.strip()).orElse(""));
            }
            sleep();
        }
    }

    /**
     * Stops the process if it runs: SIGCONT first (a frozen process cannot act on SIGTERM), SIGTERM, then
     * SIGKILL after {@code grace}. Returns the commands run, empty when it was not running. For daemons that hold
     * nothing to lose (stunnel, relays); a redis-server is stopped with {@link RedisShutdown}.
     */
    public List<String> stop(Transport t, Duration grace) {
        Optional<Long> found = pid(t);
        if (found.isEmpty()) return List.of();
        long pid = found.get();
        List<String> run = new ArrayList<>();
        signal(t, "CONT", pid, run);
        signal(t, "TERM", pid, run);
        if (awaitGone(t, pid, grace)) return run;
        kill(t, pid, run);
        return run;
    }

    /** SIGKILL, and waits until it is gone. */
    void kill(Transport t, long pid, List<String> run) {
        signal(t, "KILL", pid, run);
        if (!awaitGone(t, pid, KILL_WAIT)) throw RepconException.failed(label + " (pid " + pid + ") survived SIGKILL");
    }

    /** The signal commands {@link #stop} runs for a pid, for previews. */
    public static List<String> stopCommands(long pid, Duration grace) {
        return List.of(kill("CONT", pid), kill("TERM", pid), "after " + grace.toSeconds() + " s if still running: " + kill("KILL", pid));
    }

    static String kill(String signal, long pid) {
        return "kill -" + signal + " " + pid;
    }

    static void signal(Transport t, String signal, long pid, List<String> run) {
        t.exec(List.of("kill", "-" + signal, Long.toString(pid)), COMMAND_LIMIT);
        run.add(kill(signal, pid));
    }

    boolean awaitGone(Transport t, long pid, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (running(t, pid)) {
            if (System.nanoTime() > deadline) return false;
            sleep();
        }
        return true;
    }

    private Optional<Long> readPid(Transport t) {
        try {
            return t.readFile(pidFile).map(String::strip).filter(s -> s.matches("\\d{1,10}")).map(Long::parseLong);
        } catch (RepconException e) {
            return Optional.empty();
        }
    }

    /** Running and not a zombie: a killed daemon's parent is init, which may reap it only later. */
    static boolean running(Transport t, long pid) {
        char state = state(t, pid);
        return state != 'Z' && state != 'X' && state != '?';
    }

    /** Stopped by a signal (SIGSTOP): alive, but doing nothing until SIGCONT. */
    static boolean frozen(Transport t, long pid) {
        return state(t, pid) == 'T';
    }

    private static char state(Transport t, long pid) {
        try {
            return t.readFile("/proc/" + pid + "/stat").map(Pids::stateOf).orElse('?');
        } catch (RepconException e) {
            return '?'; // it exited while being read
        }
    }

    /** Its command line names the owner directory (stunnel, relays), or it runs in it (redis-server renames itself but chdirs). */
    private boolean belongs(Transport t, long pid) {
        String owner = ownerDir.endsWith("/") ? ownerDir : ownerDir + "/";
        try {
            if (t.readFile("/proc/" + pid + "/cmdline").map(c -> c.replace('\0', ' ').contains(owner)).orElse(false)) return true;
        } catch (RepconException e) {
            return false;
        }
        ExecResult cwd = t.exec(List.of("readlink", "/proc/" + pid + "/cwd"), COMMAND_LIMIT);
        return cwd.ok() && (cwd.stdout().strip() + "/").startsWith(owner);
    }

    private static String reason(ExecResult r) {
        String text = (r.stderr().strip() + "\n" + r.stdout().strip()).strip();
        String[] lines = text.split("\n");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? r.summary() : last;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RepconException.failed("interrupted");
        }
    }
}
