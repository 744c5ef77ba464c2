package org.repcon.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.TunnelRef;
import org.repcon.topology.Topology;
import org.repcon.transport.Transports;
import org.repcon.util.Log;

/**
 * Reads a deployment live: one INFO round trip per instance and one probe per tunnel end per refresh,
 * all at once, each bounded by the connect and read timeouts, into an immutable {@link Snapshot}.
 *
 * <p>Nothing slow holds up the rest: each target has at most one probe in flight (a target whose last
 * probe has not finished is carried into the snapshot as {@link Freshness#IN_FLIGHT}); a target whose
 * last probe timed out (frozen, say) is probed on a thread of its own and not waited for; a failing
 * target is retried with a short backoff while its failure stays in every snapshot. A tunnel's server
 * end is probed sparingly while its client ends answer (see {@link TunnelProbe} for why).
 *
 * <p>{@link #refresh()} probes on the prober's threads and waits for the answers; {@link #start} does
 * the same every interval on a thread of its own and hands each snapshot to the listeners. The
 * transports belong to the caller, who closes them after the prober.
 */
public final class Prober implements AutoCloseable {

    private static final Logger LOG = Log.get(Prober.class);

    private final ProbeOptions options;
    private final List<InstanceProbe> instances = new ArrayList<>();
    private final List<TunnelProbe> tunnels = new ArrayList<>();
    private final List<Target<?, ?>> targets = new ArrayList<>();
    /** Healthy targets: few threads, since on a 2-core machine more only add switching. */
    private final ThreadPoolExecutor fast;
    /**
     * Suspects (last probe timed out): a thread each, made on demand, so frozen targets never occupy the fast
     * pool. Bounded in practice by the number of targets, since each has at most one probe in flight.
     */
    private final ThreadPoolExecutor slow;
    private final List<ProbeListener> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService scheduler; // guarded by this
    private java.util.concurrent.ScheduledFuture<?> next; // guarded by this: the scheduled tick, while waiting
    private volatile Duration interval;
    private volatile Snapshot latest;
    private volatile boolean closed;

    public Prober(Topology topology, Transports transports, ProbeOptions options) {
        this.options = options;
        this.interval = options.interval();
        String field = topology.heartbeat() ? Heartbeat.localField() : "";
        topology.instances().forEach(i -> instances.add(new InstanceProbe(i, topology.hostOf(i), transports, options,
                heartbeat(topology, i, options, field))));
        topology.tunnels().forEach(t -> tunnels.add(new TunnelProbe(t, topology.hostOf(t), transports, options)));
        // A server end is probed at full pace only while one of its client ends fails: that is when it tells
        // "master's stunnel down" from "remote leg down".
        Map<TunnelRef, TunnelProbe> tunnelByRef = new HashMap<>();
        tunnels.forEach(t -> tunnelByRef.put(t.ref, t));
        for (TunnelProbe server : tunnels) {
            if (server.isServer()) {
                server.watch(topology.clientsOf(server.tunnel()).stream().map(c -> tunnelByRef.get(c.ref())).toList());
            }
        }
        targets.addAll(instances);
        targets.addAll(tunnels);
        int threads = Math.max(1, Math.min(options.parallelism(), targets.size()));
        fast = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemons("repcon-probe"));
        fast.allowCoreThreadTimeOut(true);
        slow = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemons("repcon-probe-suspect"));
    }

    /** A replica reads the heartbeat, a master with replicas writes it (unless writes are off); only where the topology says. */
    private static Heartbeat.Assignment heartbeat(Topology topology, org.repcon.topology.Instance i, ProbeOptions options,
                                                  String field) {
        if (!topology.heartbeat()) return Heartbeat.Assignment.NONE;
        if (i.isReplica()) return new Heartbeat.Assignment(Heartbeat.Duty.READ, field);
        boolean writer = options.heartbeatWrites() && !topology.replicasOf(i).isEmpty();
        return writer ? new Heartbeat.Assignment(Heartbeat.Duty.WRITE, field) : Heartbeat.Assignment.NONE;
    }

    /** Each instance's next probe reads what it runs with too ({@link RunningConfig}): the monitor asks about once a minute. */
    public void readConfigNext() {
        instances.forEach(InstanceProbe::wantConfig);
    }

    /** Those instances' next probes read what they run with: the monitor rechecks a drift it found sooner. */
    public void readConfigNext(java.util.Collection<InstanceRef> which) {
        instances.stream().filter(i -> which.contains(i.ref)).forEach(InstanceProbe::wantConfig);
    }

    /**
     * Probes every target that is due and waits for the answers, at most one connect and one read timeout
     * (targets that take longer appear as {@link Freshness#IN_FLIGHT}). Concurrent calls run one after another.
     */
    public Snapshot refresh() {
        synchronized (targets) {
            if (closed) throw new IllegalStateException("prober is closed");
            long timeMs = System.currentTimeMillis();
            long start = System.nanoTime();
            List<Future<?>> awaited = new ArrayList<>();
            for (Target<?, ?> target : targets) {
                if (!target.claim(start, options, target.spacingNanos())) continue;
                boolean suspect = target.suspect();
                try {
                    Future<?> f = (suspect ? slow : fast).submit(target::run);
                    if (!suspect) awaited.add(f);
                } catch (RejectedExecutionException e) {
                    target.release(); // closing
                }
            }
            await(awaited, start + options.refreshBudget().toNanos());
            long now = System.currentTimeMillis();
            Map<InstanceRef, InstanceSample> instanceSamples = new LinkedHashMap<>();
            instances.forEach(t -> instanceSamples.put(t.ref, t.sample(now)));
            Map<TunnelRef, TunnelSample> tunnelSamples = new LinkedHashMap<>();
            tunnels.forEach(t -> tunnelSamples.put(t.ref, t.sample(now)));
            Snapshot snapshot = new Snapshot(timeMs, instanceSamples, tunnelSamples, Duration.ofNanos(System.nanoTime() - start));
            latest = snapshot;
            return snapshot;
        }
    }

    private static void await(List<Future<?>> futures, long deadlineNanos) {
        for (Future<?> f : futures) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) return;
            try {
                f.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                // Target.run() turns every failure into a sample; nothing to do here.
            }
        }
    }

    /** The last snapshot taken, by either mode; null before the first. */
    public Snapshot latest() {
        return latest;
    }

    public void addListener(ProbeListener listener) {
        listeners.add(listener);
    }

    /**
     * Refreshes every interval on a thread of the prober's own (never the caller's), handing each snapshot to
     * the listeners. A refresh that overruns the interval is followed by the next at once, without catching up
     * on the ticks it missed; refreshes never overlap.
     */
    public synchronized void start(ProbeListener listener) {
        if (closed) throw new IllegalStateException("prober is closed");
        addListener(listener);
        if (scheduler != null) return;
        scheduler = Executors.newSingleThreadScheduledExecutor(daemons("repcon-prober"));
        scheduler.execute(this::tick);
    }

    /** The background refresh interval from the next tick on. */
    public void setInterval(Duration d) {
        interval = d;
        refreshNow();
    }

    /** In background mode, refreshes at once unless a refresh is running (then that one is the answer). */
    public synchronized void refreshNow() {
        if (closed || scheduler == null || next == null) return;
        if (next.cancel(false)) {
            next = null;
            scheduler.execute(this::tick);
        }
    }

    private void tick() {
        long start = System.nanoTime();
        try {
            deliver(refresh());
        } catch (RuntimeException e) {
            // Nothing may escape: the schedule would end with it.
            if (closed) return;
            LOG.log(Level.WARNING, "refresh failed", e);
            notifyFailure(e);
        }
        synchronized (this) {
            if (closed) return;
            long delay = Math.max(0, start + interval.toNanos() - System.nanoTime());
            try {
                next = scheduler.schedule(this::tick, delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // closing
            }
        }
    }

    private void deliver(Snapshot snapshot) {
        tellListeners(l -> l.onSnapshot(snapshot));
    }

    private void notifyFailure(RuntimeException e) {
        tellListeners(l -> l.onFailure(e));
    }

    /** Each listener in turn; one that throws is logged and does not keep the others from hearing. */
    private void tellListeners(java.util.function.Consumer<ProbeListener> message) {
        for (ProbeListener l : listeners) {
            try {
                message.accept(l);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "snapshot listener failed", e);
            }
        }
    }

    /** Stops the background refresh and closes every connection; a probe blocked on a frozen instance is released. */
    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            if (closed) return;
            closed = true;
            s = scheduler;
        }
        if (s != null) s.shutdownNow();
        targets.forEach(Target::close);
        fast.shutdownNow();
        slow.shutdownNow();
        try {
            if (s != null) s.awaitTermination(options.refreshBudget().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
