package org.repcon.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.repcon.topology.Access;
import org.repcon.util.Log;
import org.repcon.util.RepconException;
import org.repcon.util.Xdg;

/**
 * A host reached through the system OpenSSH client (so ~/.ssh/config, the agent and jump hosts apply), over one
 * multiplexed connection made on first use ({@link SshMaster}) and made again when it was lost.
 * <ul>
 * <li>{@link #reach}: a forward through that connection, one per address and port, kept for later calls, that
 *     listens on a unix socket in repcon's private socket directory ({@link SshSockets}): a TCP port on
 *     127.0.0.1 would be open to every user of this machine. The first call for the host connects (up to the
 *     connect timeout plus {@link #SETUP_MARGIN}, shared by concurrent callers: one attempt at a time); a new
 *     forward costs one {@code ssh -O forward} (a few ms); a known one costs nothing. A RepconException says why
 *     the host cannot be reached.</li>
 * <li>{@link #exec}, {@link #tail}, {@link #follow}: sessions over the connection, running the argv under
 *     {@link RemoteShell}, which quotes it and kills the command when the session ends (a timeout, a close, a
 *     broken connection), so nothing is left running on the host.</li>
 * </ul>
 */
public final class SshTransport implements Transport {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Time for authentication after the connect timeout (ConnectTimeout does not bound it). */
    static final Duration SETUP_MARGIN = Duration.ofSeconds(10);
    /** A follow's session gets this long to end by itself once told (its stdin closed) before it is killed. */
    static final Duration FOLLOW_GRACE = Duration.ofSeconds(2);
    static final Duration TAIL_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = Log.get(SshTransport.class);

    private final SshCommand command;
    private final Path socket;
    private final Duration setupTimeout;
    private final ProcessRunner runner = new ProcessRunner();
    private final Follows follows = new Follows();

    private final Object lock = new Object();
    private SshMaster master; // guarded by lock
    private CompletableFuture<SshMaster> connecting; // guarded by lock: the one attempt in progress
    private String lastFailure; // guarded by lock: logged when it changes, not on every attempt
    private boolean closed; // guarded by lock

    private final Map<String, Forward> forwards = new HashMap<>(); // guarded by itself
    private int forwardCount; // guarded by forwards: numbers the forwards' sockets, never reused

    private record Forward(SshMaster master, Path socket) {}

    /** With the default connect timeout and the sockets under {@link Xdg#runtimeDir()}. */
    public SshTransport(String hostName, String address, Access access) {
        this(hostName, address, access, DEFAULT_CONNECT_TIMEOUT, Xdg.runtimeDir());
    }

    /** A RepconException when the topology's ssh options are refused (see {@link SshCommand#checkOptions}). */
    public SshTransport(String hostName, String address, Access access, Duration connectTimeout, Path controlDir) {
        this.socket = SshSockets.next(controlDir);
        this.command = new SshCommand(hostName, address, access, connectTimeout, socket);
        this.setupTimeout = connectTimeout.plus(SETUP_MARGIN);
    }

    @Override
    public Endpoint reach(String address, int port) {
        SshMaster m = master();
        String key = address + " " + port;
        synchronized (forwards) {
            Forward known = forwards.get(key);
            if (known != null && known.master() == m) return new Endpoint.Unix(known.socket());
            Path listen = SshSockets.forward(socket, ++forwardCount);
            ProcessRunner.Outcome o = m.forward(listen, address, port);
            if (o.exitCode() != 0 || o.timedOut()) {
                if (!m.alive()) throw RepconException.failed(SshFailure.message(command.address(), "the connection was lost"));
                throw RepconException.failed(command.describe() + ": cannot forward a local socket to " + address + ":" + port
                        + ": " + SshFailure.reason(o.stderrText()));
            }
            forwards.put(key, new Forward(m, listen));
            LOG.fine(() -> command.describe() + ": " + listen + " forwards to " + address + ":" + port);
            return new Endpoint.Unix(listen);
        }
    }

    @Override
    public ExecResult exec(List<String> argv, Duration timeout) {
        long start = System.nanoTime();
        SshMaster m;
        try {
            m = master();
        } catch (RepconException e) {
            return ExecResult.unreachable(argv, e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
        }
        ProcessRunner.Outcome o = session(argv, timeout, ProcessRunner.MAX_OUTPUT_BYTES);
        ExecResult result = sshFailed(o, m)
                ? ExecResult.unreachable(argv, failure(o), o.elapsed())
                : o.toResult(argv);
        if (!result.ok()) LOG.fine(() -> command.describe() + ": exec: " + result.summary());
        return result;
    }

    private ProcessRunner.Outcome session(List<String> argv, Duration timeout, int maxOutputBytes) {
        return runner.run(command.session(RemoteShell.command(argv)), SshCommand.ENV, timeout, true, maxOutputBytes);
    }

    /** ssh's exit 255 means ssh failed unless the connection is fine and the remote command itself said 255. */
    private static boolean sshFailed(ProcessRunner.Outcome o, SshMaster m) {
        if (!o.started()) return true;
        return !o.timedOut() && o.exitCode() == ExecResult.SSH_FAILED
                && (!m.alive() || SshFailure.isMuxFailure(o.stderrText()));
    }

    private String failure(ProcessRunner.Outcome o) {
        return o.started() ? SshFailure.message(command.address(), o.stderrText())
                : SshFailure.cannotRun(command.address(), o.stderrText());
    }

    /** Exit status of the read script for "no such file": absent is an answer, not a failure. */
    private static final int ABSENT = 3;
    private static final String READ = "if [ -e \"$1\" ]; then exec cat -- \"$1\"; else exit " + ABSENT + "; fi";
    /**
     * Writes stdin next to $1, gives it mode $2 and the old file's owner, keeps the old file as $1.bak-$3,
     * renames over $1, and prints the backup's path. The content comes on stdin, never on a command line:
     * an instance file may hold masterauth, a PSK file the secrets.
     */
    static final String WRITE = "set -e; p=\"$1\"; d=$(dirname -- \"$p\"); mkdir -p -- \"$d\";"
            + " t=$(mktemp \"$d/.repcon.XXXXXX\"); trap 'rm -f -- \"$t\"' EXIT;"
            + " chmod 600 \"$t\"; cat > \"$t\";"
            // stdin ended early (a timeout, Ctrl-C, a dropped link) also ends cat with 0: a short file is never installed.
            + " s=$(wc -c < \"$t\" | tr -d ' '); if [ \"$s\" != \"$4\" ]; then echo \"short write: $s of $4 bytes\" >&2; exit 1; fi;"
            + " chmod \"$2\" \"$t\"; b=;"
            + " if [ -e \"$p\" ]; then b=\"$p.bak-$3\"; n=1; while [ -e \"$b\" ]; do b=\"$p.bak-$3.$n\"; n=$((n+1)); done;"
            + " cp -p -- \"$p\" \"$b\"; o=$(stat -c %u:%g -- \"$p\" 2>/dev/null || stat -f %u:%g -- \"$p\");"
            + " chown \"$o\" \"$t\" 2>/dev/null || true; fi; mv -f -- \"$t\" \"$p\"; trap - EXIT; printf '%s\\n' \"$b\"";
    /** Config files are a few KB; more means the wrong file. */
    private static final int MAX_WRITE_BYTES = 1 << 20;
    private static final Duration FILE_TIMEOUT = Duration.ofSeconds(20);

    @Override
    public Optional<String> readFile(String path) {
        ExecResult r = execOrFail(List.of("sh", "-c", READ, "sh", path), FILE_TIMEOUT, "read " + path);
        if (r.exitCode() == ABSENT) return Optional.empty();
        if (!r.ok()) throw RepconException.failed("cannot read " + path + " on " + command.describe() + ": " + r.summary());
        if (r.truncated() || r.stdout().length() > LocalTransport.MAX_READ_BYTES) {
            throw RepconException.failed(path + " on " + command.describe() + " is larger than 1 MiB; not a config file");
        }
        return Optional.of(r.stdout());
    }

    @Override
    public FileWrite writeFile(String path, String content, int mode) {
        byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length > MAX_WRITE_BYTES) {
            throw RepconException.failed("cannot write " + path + " over ssh: larger than " + (MAX_WRITE_BYTES >> 20) + " MiB; not a config file");
        }
        return write(path, bytes, mode, FILE_TIMEOUT);
    }

    /** An RDB of a few hundred MB takes a while over a slow link: this long per MiB, on top of the file timeout. */
    private static final Duration PER_MIB = Duration.ofSeconds(2);

    @Override
    public Optional<byte[]> readBytes(String path, int limit) {
        try {
            master();
        } catch (RepconException e) {
            throw RepconException.failed("cannot read " + path + ": " + e.getMessage());
        }
        Duration timeout = FILE_TIMEOUT.plus(PER_MIB.multipliedBy(limit >> 20));
        String script = "if [ -e \"$1\" ]; then exec head -c \"$2\" -- \"$1\"; else exit " + ABSENT + "; fi";
        ProcessRunner.Outcome o = session(List.of("sh", "-c", script, "sh", path, Integer.toString(limit)), timeout, limit);
        if (o.exitCode() == ABSENT && !o.timedOut()) return Optional.empty();
        if (!o.started() || o.timedOut() || o.exitCode() != 0) {
            throw RepconException.failed("cannot read " + path + " on " + command.describe() + ": "
                    + o.toResult(List.of("head", "-c", Integer.toString(limit), path)).summary());
        }
        return Optional.of(o.stdout());
    }

    @Override
    public FileWrite writeBytes(String path, byte[] content, int mode) {
        return write(path, content, mode, FILE_TIMEOUT.plus(PER_MIB.multipliedBy(content.length >> 20)));
    }

    private FileWrite write(String path, byte[] bytes, int mode, Duration timeout) {
        String stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        List<String> argv = List.of("sh", "-c", WRITE, "sh", path, String.format("%04o", mode), stamp, Integer.toString(bytes.length));
        long start = System.nanoTime();
        SshMaster m;
        try {
            m = master();
        } catch (RepconException e) {
            throw RepconException.failed("cannot write " + path + ": " + e.getMessage());
        }
        // Not under RemoteShell's wrapper, which takes stdin for itself: this command is short and bounded.
        ProcessRunner.Outcome o = runner.run(command.session(argv.stream().map(RemoteShell::quote)
                .collect(java.util.stream.Collectors.joining(" "))), SshCommand.ENV, timeout, bytes, ProcessRunner.MAX_OUTPUT_BYTES);
        if (sshFailed(o, m)) throw RepconException.failed("cannot write " + path + ": " + failure(o));
        ExecResult r = o.toResult(argv);
        LOG.fine(() -> command.describe() + ": wrote " + path + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        if (!r.ok()) throw RepconException.failed("cannot write " + path + " on " + command.describe() + ": " + r.summary());
        String backup = r.stdout().strip();
        return new FileWrite(path, backup.isEmpty() ? Optional.empty() : Optional.of(backup));
    }

    private ExecResult execOrFail(List<String> argv, Duration timeout, String what) {
        ExecResult r = exec(argv, timeout);
        if (r.connectionFailed()) throw RepconException.failed("cannot " + what + ": " + r.summary());
        return r;
    }

    /**
     * Reads at most {@link Tails#budget} bytes from the end with {@code tail -c} (a line count would read a
     * whole file of one huge line), one byte more to know whether the file is longer, then cuts as locally.
     */
    @Override
    public List<String> tail(String path, int maxLines) {
        if (maxLines <= 0) return List.of();
        int budget = Tails.budget(maxLines);
        try {
            master();
        } catch (RepconException e) {
            return List.of();
        }
        ProcessRunner.Outcome o = session(List.of("tail", "-c", String.valueOf(budget + 1), "--", path), TAIL_TIMEOUT,
                budget + 1);
        if (!o.started() || o.timedOut() || o.exitCode() != 0) {
            LOG.fine(() -> command.describe() + ": tail " + path + ": " + o.toResult(List.of("tail", path)).summary());
            return List.of();
        }
        byte[] bytes = o.stdout();
        boolean longer = bytes.length > budget;
        if (longer) bytes = Arrays.copyOfRange(bytes, bytes.length - budget, bytes.length);
        return Tails.lastLines(bytes, longer, maxLines);
    }

    @Override
    public Follow follow(List<String> argv, Consumer<String> lines) {
        SshMaster m = master();
        return follows.track(ProcessFollow.start(command.session(RemoteShell.command(argv)), SshCommand.ENV, true,
                FOLLOW_GRACE, lines, (exit, stderr) -> exit == ExecResult.SSH_FAILED && (!m.alive() || SshFailure.isMuxFailure(stderr))
                        ? SshFailure.message(command.address(), stderr)
                        : new ExecResult(argv, exit, "", stderr, false, false, Duration.ZERO).summary()));
    }

    /**
     * The live connection, made when there is none: one attempt at a time, whose outcome every caller waiting
     * for it shares (a dead host costs one connect timeout per round, not one per instance on it).
     */
    private SshMaster master() {
        CompletableFuture<SshMaster> attempt;
        boolean mine = false;
        synchronized (lock) {
            if (closed) throw RepconException.failed(command.describe() + ": the transport is closed");
            if (master != null && master.alive()) return master;
            if (connecting == null) {
                connecting = new CompletableFuture<>();
                mine = true;
            }
            attempt = connecting;
        }
        if (mine) return connect(attempt);
        try {
            return attempt.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RepconException r ? RepconException.failed(r.getMessage(), r)
                    : new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RepconException.failed(command.describe() + ": interrupted while connecting");
        }
    }

    private SshMaster connect(CompletableFuture<SshMaster> attempt) {
        SshMaster m = null;
        RuntimeException failure = null;
        try {
            SshSockets.prepare(socket);
            SshSockets.loadClientAhead();
            SshMaster previous;
            synchronized (lock) {
                previous = master;
            }
            // A master that ended by itself leaves its forwards' socket files; before the new one takes the path.
            if (previous != null) previous.exit();
            m = SshMaster.start(command, runner, socket, setupTimeout);
        } catch (RuntimeException e) {
            failure = e;
        }
        boolean discard;
        synchronized (lock) {
            connecting = null;
            discard = closed;
            if (m != null && !discard) {
                if (master != null) LOG.info(() -> command.describe() + ": the connection was lost; connected again");
                master = m;
                lastFailure = null;
            } else if (failure != null && !String.valueOf(failure.getMessage()).equals(lastFailure)) {
                lastFailure = String.valueOf(failure.getMessage());
                LOG.info(lastFailure);
            }
        }
        if (discard && m != null) {
            m.exit(); // closed while connecting
            failure = RepconException.failed(command.describe() + ": the transport is closed");
        }
        if (failure != null) {
            attempt.completeExceptionally(failure);
            throw failure;
        }
        attempt.complete(m);
        return m;
    }

    /** The process id of the live master connection, if any (tests check that forwards share it). */
    Optional<Long> masterPid() {
        synchronized (lock) {
            return master != null && master.alive() ? master.pid() : Optional.empty();
        }
    }

    Path controlSocket() {
        return socket;
    }

    @Override
    public String describe() {
        return command.describe();
    }

    /** Stops the follows (their remote commands with them), then exits the master, which ends its forwards. */
    @Override
    public void close() {
        SshMaster m;
        synchronized (lock) {
            if (closed) return;
            closed = true;
            m = master;
            master = null;
        }
        follows.closeAll();
        if (m != null) m.exit();
        synchronized (forwards) {
            forwards.clear();
        }
        runner.close();
    }
}
