package org.repcon.transport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.repcon.util.Log;

/**
 * A {@link Follow} over a local process: a thread reads its stdout and hands each line over, another keeps the
 * start of its stderr to say why it ended. Used directly by {@link LocalTransport} and around the local ssh
 * client by {@link SshTransport}.
 */
final class ProcessFollow implements Follow {

    /** A longer line is cut here (the rest up to its newline is dropped): a runaway line must not fill memory. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    private static final int MAX_STDERR_BYTES = 8192;

    private static final Logger LOG = Log.get(ProcessFollow.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Turns how the process ended into the one line {@link #ended()} gives. */
    interface EndReason {
        String of(int exitCode, String stderr);
    }

    private final Process process;
    private final Duration grace;
    private final Consumer<String> lines;
    private final EndReason endReason;
    private final ProcessRunner.Capture stderr = new ProcessRunner.Capture(MAX_STDERR_BYTES);
    private final Thread reader;
    private final Thread errReader;
    /** Guards delivery against close(), so that no line is handed over once close() has returned. */
    private final Object lock = new Object();
    private boolean closed;
    private boolean finished;
    private String ended;

    private ProcessFollow(Process process, Duration grace, Consumer<String> lines, EndReason endReason) {
        this.process = process;
        this.grace = grace;
        this.lines = lines;
        this.endReason = endReason;
        int n = THREADS.incrementAndGet();
        this.reader = daemon(this::readStdout, "repcon-follow-" + n);
        this.errReader = daemon(() -> stderr.drain(process.getErrorStream()), "repcon-follow-err-" + n);
    }

    /**
     * Starts {@code command}. With {@code holdStdin} its stdin is a pipe kept open until close(), whose end tells
     * the command to stop, and close() waits up to {@code grace} for that before killing it; otherwise stdin is
     * empty and close() kills at once. A command that cannot start gives a follow that has already ended.
     */
    static Follow start(List<String> command, Map<String, String> env, boolean holdStdin, Duration grace,
                        Consumer<String> lines, EndReason endReason) {
        Process process;
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(env);
            if (!holdStdin) pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            process = pb.start();
        } catch (IOException | RuntimeException e) {
            return ended("cannot run " + command.get(0) + ": " + e.getMessage());
        }
        ProcessFollow follow = new ProcessFollow(process, grace, lines, endReason);
        follow.errReader.start();
        follow.reader.start();
        return follow;
    }

    /** A follow that never ran. */
    static Follow ended(String why) {
        return new Follow() {
            @Override
            public boolean running() {
                return false;
            }

            @Override
            public Optional<String> ended() {
                return Optional.of(why);
            }

            @Override
            public void close() {
                // nothing runs
            }
        };
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void readStdout() {
        try (InputStream in = new BufferedInputStream(process.getInputStream())) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    deliver(line);
                } else if (line.size() < MAX_LINE_BYTES) {
                    line.write(b);
                }
            }
            if (line.size() > 0) deliver(line);
        } catch (IOException e) {
            // closed under us by close(), or the process died: either way the stream is over
        }
        int exit = exitCode();
        synchronized (lock) {
            finished = true;
            if (!closed) {
                ended = endReason.of(exit, stderr.text());
                LOG.fine(() -> "follow ended: " + ended);
            }
        }
    }

    private void deliver(ByteArrayOutputStream bytes) {
        String line = Tails.stripCr(bytes.toString(StandardCharsets.UTF_8));
        bytes.reset();
        synchronized (lock) {
            if (closed) return;
            try {
                lines.accept(line);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "follow: the line consumer failed", e);
            }
        }
    }

    /** The exit status once stdout has ended: the process is ending, or it closed stdout and gets killed. */
    private int exitCode() {
        try {
            if (!process.waitFor(grace.toMillis() + 1000, TimeUnit.MILLISECONDS)) ProcessRunner.kill(process);
            errReader.join(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    public boolean running() {
        synchronized (lock) {
            return !closed && !finished;
        }
    }

    @Override
    public Optional<String> ended() {
        synchronized (lock) {
            return Optional.ofNullable(ended);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) return;
            closed = true;
        }
        ProcessRunner.closeQuietly(process.getOutputStream());
        try {
            if (grace.isZero() || !process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) ProcessRunner.kill(process);
            if (Thread.currentThread() != reader) reader.join(1000); // close() may come from the line consumer
        } catch (InterruptedException e) {
            ProcessRunner.kill(process);
            Thread.currentThread().interrupt();
        }
    }
}
