package org.repcon.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.repcon.util.Log;
import org.repcon.util.Pids;
import org.repcon.util.RepconException;

/**
 * One multiplexed ssh connection to a host (an OpenSSH ControlMaster): every session and port forward to the
 * host goes through it, so only the first costs a connection and authentication. ssh runs it in the background
 * (ControlPersist) rather than as repcon's child, so that should repcon die without closing it, it still ends
 * by itself once idle. The price is that it also ends when idle while repcon runs (forward listeners do not
 * count as use): {@link #alive()} tells, and the transport then starts a new one. A signal that ends repcon
 * ends its masters too ({@link OpenMasters}); only a SIGKILL leaves them to ControlPersist.
 */
final class SshMaster {

    private static final Logger LOG = Log.get(SshMaster.class);
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(5);

    private final SshCommand command;
    private final ProcessRunner runner;
    private final Path socket;
    /** The background master process, when ssh said its pid; else the socket's presence tells. */
    private final Optional<ProcessHandle> process;
    /** The listening sockets of this master's forwards. */
    private final List<Path> forwards = new ArrayList<>(); // guarded by itself

    private SshMaster(SshCommand command, ProcessRunner runner, Path socket, Optional<ProcessHandle> process) {
        this.command = command;
        this.runner = runner;
        this.socket = socket;
        this.process = process;
    }

    /**
     * Connects and authenticates (at most {@code setupTimeout}); a RepconException says why not in one line.
     * A socket left at the path by an earlier master is asked to exit and removed first: a master cannot
     * start on a path that exists, and the stale one may be from a repcon killed before it closed.
     */
    static SshMaster start(SshCommand command, ProcessRunner runner, Path socket, Duration setupTimeout) {
        if (OpenMasters.shuttingDown()) throw shuttingDown(command);
        if (Files.exists(socket)) {
            runner.run(command.control("exit"), SshCommand.ENV, CONTROL_TIMEOUT, false);
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                throw RepconException.failed("ssh to " + command.address() + ": cannot remove the stale control socket "
                        + socket + ": " + e.getMessage());
            }
        }
        long start = System.nanoTime();
        ProcessRunner.Outcome o = runner.run(command.master(), SshCommand.ENV, setupTimeout, false);
        if (!o.started()) throw RepconException.failed(SshFailure.cannotRun(command.address(), o.stderrText()));
        if (o.timedOut()) {
            throw RepconException.failed("ssh to " + command.address() + " failed: no connection within "
                    + setupTimeout.toSeconds() + " s");
        }
        if (o.exitCode() != 0) throw RepconException.failed(SshFailure.message(command.address(), o.stderrText()));
        ProcessRunner.Outcome check = runner.run(command.control("check"), SshCommand.ENV, CONTROL_TIMEOUT, false);
        Matcher m = PID.matcher(check.stderrText() + check.stdoutText());
        Optional<ProcessHandle> process = m.find() ? ProcessHandle.of(Long.parseLong(m.group(1))) : Optional.empty();
        SshMaster master = new SshMaster(command, runner, socket, process);
        if (!master.alive()) throw RepconException.failed(SshFailure.message(command.address(), check.stderrText()));
        if (!OpenMasters.add(master)) { // the hook ran while this one connected
            master.exitNow();
            throw shuttingDown(command);
        }
        LOG.info(() -> command.describe() + ": connected in " + (System.nanoTime() - start) / 1_000_000 + " ms (master pid "
                + process.map(p -> String.valueOf(p.pid())).orElse("?") + ")");
        return master;
    }

    private static RepconException shuttingDown(SshCommand command) {
        return RepconException.failed("ssh to " + command.address() + ": repcon is shutting down");
    }

    /**
     * Whether the connection is still up (cheap: no process is started). A zombie is not: the master's parent is
     * init, which may reap it only later (or never, in a container).
     */
    boolean alive() {
        return process.map(p -> p.isAlive() && !Pids.isZombie(p.pid())).orElseGet(() -> Files.exists(socket));
    }

    Optional<Long> pid() {
        return process.map(ProcessHandle::pid);
    }

    /**
     * Asks the master to listen on the unix socket {@code listen} (mode 0600, in the private socket directory) and
     * forward what comes there to address:port on the host. The path is kept to be removed on exit: ssh leaves a
     * forward's socket file behind.
     */
    ProcessRunner.Outcome forward(Path listen, String address, int port) {
        synchronized (forwards) {
            forwards.add(listen);
        }
        String target = address.contains(":") ? "[" + address + "]" : address;
        return runner.run(command.control("forward", "-L", listen + ":" + target + ":" + port),
                SshCommand.ENV, CONTROL_TIMEOUT, false);
    }

    /**
     * Closes the connection, its forwards and its sessions: {@code ssh -O exit}, then signals should the master
     * not be gone within a second; removes the sockets. Also works once the transport's runner is closed.
     */
    void exit() {
        try {
            runner.run(command.control("exit"), SshCommand.ENV, CONTROL_TIMEOUT, false);
        } catch (IllegalStateException e) {
            // the runner is closed: the signals below do it
        }
        process.ifPresent(p -> {
            if (!awaitEnd(1000)) terminate(p, 1000);
        });
        removeSockets();
    }

    /**
     * {@link #exit} for a JVM that is shutting down (see {@link OpenMasters}): SIGTERM at once, which ssh handles
     * as {@code -O exit}, without starting an ssh process, which a busy machine can take a second to start.
     */
    void exitNow() {
        if (process.isPresent()) {
            terminate(process.get(), 500);
        } else {
            try {
                runner.run(command.control("exit"), SshCommand.ENV, Duration.ofMillis(500), false);
            } catch (IllegalStateException e) {
                // the runner is closed: the transport's close exited it already
            }
        }
        removeSockets();
    }

    /** SIGTERM (ssh still closes its connection and removes its control socket), SIGKILL if that is not enough. */
    private void terminate(ProcessHandle p, long graceMillis) {
        p.destroy();
        if (!awaitEnd(graceMillis)) p.destroyForcibly();
    }

    /** Removes the forwards' sockets, which ssh does not remove, and the control socket should ssh have been killed. */
    private void removeSockets() {
        List<Path> sockets;
        synchronized (forwards) {
            sockets = new ArrayList<>(forwards);
            forwards.clear();
        }
        sockets.add(socket);
        for (Path s : sockets) {
            try {
                Files.deleteIfExists(s);
            } catch (IOException e) {
                LOG.fine(() -> "cannot remove " + s + ": " + e.getMessage());
            }
        }
        OpenMasters.remove(this);
    }

    private boolean awaitEnd(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (alive()) {
            if (System.nanoTime() > deadline) return false;
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !alive();
            }
        }
        return true;
    }
}
