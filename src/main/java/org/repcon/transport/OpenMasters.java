package org.repcon.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.repcon.util.Log;

/**
 * The ssh masters this process has running. They run in the background, apart from repcon (see {@link SshMaster}),
 * so a SIGTERM, SIGHUP or SIGINT that ends repcon without the close of {@code q} would leave them, and the unix
 * sockets of their forwards, up until ControlPersist ends them. A JVM shutdown hook, installed with the first
 * master, exits them all at once, within {@link #HOOK_BUDGET}.
 */
final class OpenMasters {

    /** The whole of the hook: the masters are asked together, each given what is left. */
    static final Duration HOOK_BUDGET = Duration.ofMillis(1500);

    private static final Logger LOG = Log.get(OpenMasters.class);
    private static final Set<SshMaster> OPEN = new LinkedHashSet<>(); // guarded by the class
    private static boolean hooked; // guarded by the class
    private static boolean shuttingDown; // guarded by the class

    private OpenMasters() {}

    /**
     * Counts a master that has just started. False once the JVM is shutting down: the caller exits it at once
     * (the hook may have run already).
     */
    static synchronized boolean add(SshMaster master) {
        if (shuttingDown) return false;
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(OpenMasters::exitAll, "repcon-ssh-exit"));
            hooked = true;
        }
        OPEN.add(master);
        return true;
    }

    /** Whether the hook has run or runs: no master is started then (it would outlive repcon). */
    static synchronized boolean shuttingDown() {
        return shuttingDown;
    }

    static synchronized void remove(SshMaster master) {
        OPEN.remove(master);
    }

    /** Exits every open master, concurrently, waiting at most {@link #HOOK_BUDGET} in all. */
    private static void exitAll() {
        List<SshMaster> masters;
        synchronized (OpenMasters.class) {
            shuttingDown = true;
            masters = new ArrayList<>(OPEN);
        }
        long deadline = System.nanoTime() + HOOK_BUDGET.toNanos();
        List<Thread> exits = new ArrayList<>();
        for (SshMaster m : masters) {
            Thread t = new Thread(m::exitNow, "repcon-ssh-exit-" + m.pid().map(String::valueOf).orElse("?"));
            t.setDaemon(true);
            t.start();
            exits.add(t);
        }
        for (Thread t : exits) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            try {
                if (left > 0) t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!masters.isEmpty()) LOG.info(() -> "shutting down: exited " + masters.size() + " ssh connection(s)");
    }
}
