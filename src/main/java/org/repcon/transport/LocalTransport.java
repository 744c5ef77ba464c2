package org.repcon.transport;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.repcon.util.AtomicFiles;
import org.repcon.util.Log;
import org.repcon.util.RepconException;

/** This machine: sockets as they are, commands through ProcessBuilder, files read directly. */
public final class LocalTransport implements Transport {

    /** Per stream; a command that prints more is cut (and keeps being drained so it cannot block). */
    static final int MAX_OUTPUT_BYTES = 1 << 20;
    /** A tail never reads more than this from the end of a file. */
    static final int MAX_TAIL_BYTES = 1 << 20;
    /** A tail reads about this much per requested line (log lines are ~100 bytes; room for long ones). */
    static final int TAIL_BYTES_PER_LINE = 512;
    /** The largest file readFile returns: config files are a few KB, so more means the wrong file. */
    static final int MAX_READ_BYTES = 1 << 20;

    /** How long output pumps may take to finish after the command ended. */
    private static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private static final Logger LOG = Log.get(LocalTransport.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    // Pumps draining commands' stdout/stderr; cached because commands are rare and short.
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "repcon-exec-io-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    @Override
    public InetSocketAddress reach(String address, int port) {
        return InetSocketAddress.createUnresolved(address, port);
    }

    @Override
    public ExecResult exec(List<String> argv, Duration timeout) {
        if (pumps.isShutdown()) throw new IllegalStateException("local transport is closed");
        long start = System.nanoTime();
        Process process;
        try {
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            process = pb.start();
        } catch (IOException | RuntimeException e) {
            return new ExecResult(argv, 127, "", "cannot run " + argv.get(0) + ": " + e.getMessage(), false, false,
                    Duration.ofNanos(System.nanoTime() - start));
        }
        Capture out = new Capture();
        Capture err = new Capture();
        Future<?> outPump = pumps.submit(() -> out.drain(process.getInputStream()));
        Future<?> errPump = pumps.submit(() -> err.drain(process.getErrorStream()));
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
        // Once the command has ended, what it wrote sits in the pipe and drains at once. A child that outlives
        // it holding the pipe (a daemon started carelessly) must not hold the caller, so the wait is short.
        await(outPump, DRAIN_NANOS);
        await(errPump, DRAIN_NANOS);
        int exit = process.isAlive() ? -1 : process.exitValue();
        ExecResult result = new ExecResult(argv, exit, out.text(), err.text(), timedOut, out.truncated() || err.truncated(),
                Duration.ofNanos(System.nanoTime() - start));
        if (!result.ok()) LOG.fine(() -> "exec: " + result.summary());
        return result;
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
    public List<String> tail(String path, int maxLines) {
        if (maxLines <= 0) return List.of();
        try (RandomAccessFile file = new RandomAccessFile(path, "r")) {
            long size = file.length();
            int budget = (int) Math.min(MAX_TAIL_BYTES, Math.max(8192L, (long) maxLines * TAIL_BYTES_PER_LINE));
            int n = (int) Math.min(size, budget);
            byte[] bytes = new byte[n];
            file.seek(size - n);
            file.readFully(bytes);
            return lastLines(bytes, size > n, maxLines);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    /** Splits on LF (dropping CR), drops a leading partial line when the read did not start at the file's start. */
    static List<String> lastLines(byte[] bytes, boolean startsMidFile, int maxLines) {
        List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
        if (startsMidFile && !lines.isEmpty()) lines.remove(0);
        int from = Math.max(0, lines.size() - maxLines);
        return lines.subList(from, lines.size()).stream().map(LocalTransport::stripCr).toList();
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    @Override
    public Optional<String> readFile(String path) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            byte[] bytes = in.readNBytes(MAX_READ_BYTES + 1);
            if (bytes.length > MAX_READ_BYTES) {
                throw RepconException.failed(path + " is larger than " + (MAX_READ_BYTES >> 20) + " MiB; not a config file");
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw RepconException.failed("cannot read " + path + ": " + e.getMessage());
        }
    }

    @Override
    public FileWrite writeFile(String path, String content, int mode) {
        Optional<Path> backup = AtomicFiles.writeOrFail(Path.of(path), content, mode);
        return new FileWrite(path, backup.map(Path::toString));
    }

    @Override
    public String describe() {
        return "local";
    }

    @Override
    public void close() {
        pumps.shutdownNow();
    }

    /** Keeps the first MAX_OUTPUT_BYTES of a stream and discards the rest while still reading it. */
    private static final class Capture {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private boolean truncated;

        void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (this) {
                        int room = MAX_OUTPUT_BYTES - kept.size();
                        if (n > room) truncated = true;
                        if (room > 0) kept.write(buffer, 0, Math.min(n, room));
                    }
                }
            } catch (IOException e) {
                // The process was killed or its pipe closed: what was read so far is the output.
            }
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }

        synchronized boolean truncated() {
            return truncated;
        }
    }
}
