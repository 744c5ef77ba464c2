package org.repcon.transport;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.repcon.util.Log;

/**
 * Runs local processes to completion with bounded output and a timeout that kills them: the engine under
 * {@link LocalTransport#exec} and under every ssh command {@link SshTransport} runs.
 */
final class ProcessRunner implements AutoCloseable {

    /** Per stream; a command that prints more is cut (and keeps being drained so it cannot block). */
    static final int MAX_OUTPUT_BYTES = 1 << 20;

    /** How long output pumps may take to finish after the command ended. */
    private static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private static final Logger LOG = Log.get(ProcessRunner.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /**
     * How a run ended.
     *
     * @param started false when the process could not be started at all (exitCode 127, stderr says why)
     */
    record Outcome(boolean started, int exitCode, byte[] stdout, byte[] stderr, boolean timedOut, boolean truncated,
                   Duration elapsed) {

        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        String stderrText() {
            return new String(stderr, StandardCharsets.UTF_8);
        }

        ExecResult toResult(List<String> argv) {
            return new ExecResult(argv, exitCode, stdoutText(), stderrText(), timedOut, truncated, elapsed);
        }
    }

    // Pumps draining commands' stdout/stderr; cached because commands are rare and short.
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "repcon-exec-io-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /**
     * Runs {@code command} with extra environment variables. Its stdin is empty; with {@code holdStdin} it is
     * instead a pipe that stays open until the process ends or is killed, for a command that takes the end of
     * its input as the order to stop (the remote side of an ssh session).
     */
    Outcome run(List<String> command, Map<String, String> env, Duration timeout, boolean holdStdin) {
        return run(command, env, timeout, holdStdin, MAX_OUTPUT_BYTES);
    }

    /** With another bound on each of stdout and stderr. */
    Outcome run(List<String> command, Map<String, String> env, Duration timeout, boolean holdStdin, int maxOutputBytes) {
        return run(command, env, timeout, holdStdin, null, maxOutputBytes);
    }

    /**
     * With {@code input} written to its stdin, which is then closed: how a file's content reaches a host
     * without appearing on a command line (where any user's ps would show it).
     */
    Outcome run(List<String> command, Map<String, String> env, Duration timeout, byte[] input, int maxOutputBytes) {
        return run(command, env, timeout, true, input, maxOutputBytes);
    }

    private Outcome run(List<String> command, Map<String, String> env, Duration timeout, boolean holdStdin, byte[] input,
                        int maxOutputBytes) {
        if (pumps.isShutdown()) throw new IllegalStateException("transport is closed");
        long start = System.nanoTime();
        Process process;
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(env);
            if (!holdStdin) pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            process = pb.start();
        } catch (IOException | RuntimeException e) {
            byte[] why = ("cannot run " + command.get(0) + ": " + e.getMessage()).getBytes(StandardCharsets.UTF_8);
            return new Outcome(false, 127, new byte[0], why, false, false, Duration.ofNanos(System.nanoTime() - start));
        }
        Capture out = new Capture(maxOutputBytes);
        Capture err = new Capture(maxOutputBytes);
        Future<?> outPump = pumps.submit(() -> out.drain(process.getInputStream()));
        Future<?> errPump = pumps.submit(() -> err.drain(process.getErrorStream()));
        if (input != null) {
            // On a pump of its own: a command that writes before it reads must not deadlock against us.
            pumps.submit(() -> {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(input);
                } catch (IOException e) {
                    LOG.fine(() -> "exec: stdin not taken whole: " + e.getMessage());
                }
            });
        }
        boolean timedOut = false;
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                timedOut = true;
                kill(process);
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            timedOut = true;
        }
        closeQuietly(process.getOutputStream());
        // Once the command has ended, what it wrote sits in the pipe and drains at once. A child that outlives
        // it holding the pipe (a daemon started carelessly) must not hold the caller, so the wait is short.
        await(outPump, DRAIN_NANOS);
        await(errPump, DRAIN_NANOS);
        int exit = process.isAlive() ? -1 : process.exitValue();
        return new Outcome(true, exit, out.bytes(), err.bytes(), timedOut, out.truncated() || err.truncated(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Kills the process and its descendants; its stdin is closed first, the signal for a held one to stop. */
    static void kill(Process process) {
        closeQuietly(process.getOutputStream());
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // the process is gone; nothing to tell it
        }
    }

    private static void await(Future<?> pump, long nanos) {
        try {
            pump.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // The pump stays blocked on the pipe until the child holding it lets go; the caller does not wait.
            pump.cancel(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.fine(() -> "exec: output pump failed: " + e.getCause());
        }
    }

    @Override
    public void close() {
        pumps.shutdownNow();
    }

    /** Keeps the first {@code limit} bytes of a stream and discards the rest while still reading it. */
    static final class Capture {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int limit;
        private boolean truncated;

        Capture(int limit) {
            this.limit = limit;
        }

        void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (this) {
                        int room = limit - kept.size();
                        if (n > room) truncated = true;
                        if (room > 0) kept.write(buffer, 0, Math.min(n, room));
                    }
                }
            } catch (IOException e) {
                // The process was killed or its pipe closed: what was read so far is the output.
            }
        }

        synchronized byte[] bytes() {
            return kept.toByteArray();
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }

        synchronized boolean truncated() {
            return truncated;
        }
    }
}
