package org.repcon.monitor;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.repcon.diagnosis.Code;
import org.repcon.diagnosis.Diagnosis;
import org.repcon.diagnosis.DiagnosisInput;
import org.repcon.diagnosis.Finding;
import org.repcon.diagnosis.Thresholds;
import org.repcon.probe.History;
import org.repcon.probe.InstanceHistory;
import org.repcon.probe.ProbeListener;
import org.repcon.probe.ProbeOptions;
import org.repcon.probe.Prober;
import org.repcon.probe.Snapshot;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Topology;
import org.repcon.transport.Transports;
import org.repcon.util.Log;
import org.repcon.view.ConsoleView;
import org.repcon.topology.TunnelKind;
import org.repcon.view.ViewBuilder;

/**
 * The live data path in one place: probe -> history -> log tails -> diagnosis -> view. The console,
 * {@code status --watch} and {@code check} all read a deployment through it.
 */
public final class Monitor implements AutoCloseable {

    /** One refresh's outcome, immutable. */
    public record State(Snapshot snapshot, List<Finding> findings, ConsoleView view) {}

    private final Topology topology;
    private final Transports transports;
    private final RspamdFiles rspamdFiles;
    private final ConfigFiles configFiles;
    private final LearnClock learnClock;
    private final Prober prober;
    private final History history;
    private final Thresholds thresholds;
    private final TunnelKind tunnels;
    private final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
    private volatile State latest;
    /** Masters whose log named a sync problem at the last refresh: read again while it stands in the window. */
    private Set<InstanceRef> logNamed = Set.of();

    /** @param transports the hosts' transports; the monitor closes them when it is closed */
    public Monitor(Topology topology, Transports transports, ProbeOptions options, Thresholds thresholds) {
        this(topology, transports, options, thresholds, TunnelKind.STUNNEL);
    }

    /** @param tunnels what carries the tunnels, for the view's words (a lab's plain relays are no TLS) */
    public Monitor(Topology topology, Transports transports, ProbeOptions options, Thresholds thresholds, TunnelKind tunnels) {
        this.tunnels = tunnels;
        this.topology = topology;
        this.transports = transports;
        this.rspamdFiles = new RspamdFiles(topology, transports);
        this.prober = new Prober(topology, transports, options);
        this.configFiles = new ConfigFiles(topology, transports,
                which -> which.ifPresentOrElse(prober::readConfigNext, prober::readConfigNext));
        this.history = new History(topology);
        this.learnClock = new LearnClock(topology);
        this.thresholds = thresholds;
    }

    public Topology topology() {
        return topology;
    }

    public Transports transports() {
        return transports;
    }

    /** The instances' recorded past: {@code check} restores an earlier run's into it and keeps it for the next. */
    public History history() {
        return history;
    }

    /**
     * When Rspamd's counters on each master last moved, as watched: {@code check} keeps it for the next run and restores
     * it ({@link #restoreLearning}) before its refresh.
     */
    public Map<InstanceRef, org.repcon.diagnosis.LearnActivity> learning() {
        return learnClock.now();
    }

    public void restoreLearning(Map<InstanceRef, org.repcon.diagnosis.LearnActivity> kept) {
        learnClock.restore(kept);
    }

    /** Probes now, on the caller's thread (which waits), and returns the diagnosed state. */
    public State refresh() {
        return digest(prober.refresh());
    }

    /**
     * Refreshes every interval on the prober's thread; each state goes to the listeners. The first snapshot goes to
     * them twice: diagnosed at once without the logs and Rspamd's files (over ssh each read is a command on the host),
     * so that a console's first frame waits for none of them, then with them, as every later one.
     */
    public void start() {
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        prober.start(new ProbeListener() {
            @Override
            public void onSnapshot(Snapshot snapshot) {
                digest(snapshot, first.getAndSet(false));
            }

            @Override
            public void onFailure(RuntimeException error) {
                Log.get(Monitor.class).log(java.util.logging.Level.WARNING, "refresh failed", error);
            }
        });
    }

    public void setInterval(java.time.Duration interval) {
        prober.setInterval(interval);
    }

    /** How often Rspamd's routing files are read again (a minute; tests shorten it). */
    public void rspamdFilesEvery(Duration d) {
        rspamdFiles.interval(d);
    }

    /** When rspamadm's resolution of Rspamd's files is first run, and how often after (30 s, 5 min; tests shorten them). */
    public void rspamadmDumpEvery(Duration first, Duration every) {
        rspamdFiles.dumpEvery(first, every);
    }

    /** How often each instance's running configuration is compared with its files (a minute; tests shorten it). */
    public void configEvery(Duration d) {
        configFiles.interval(d);
    }

    public void refreshNow() {
        prober.refreshNow();
    }

    public void addListener(Consumer<State> listener) {
        listeners.add(listener);
    }

    /** The latest state, or null before the first refresh. */
    public State latest() {
        return latest;
    }

    private State digest(Snapshot snapshot) {
        return digest(snapshot, false);
    }

    /** @param quickFirst publish the snapshot diagnosed without reading logs or files first */
    private synchronized State digest(Snapshot snapshot, boolean quickFirst) {
        history.record(snapshot);
        if (quickFirst) {
            publish(state(snapshot, Diagnosis.run(new DiagnosisInput(topology, snapshot, history::view, Map.of(), thresholds))));
        }
        // Masters whose sync counters moved recently: their logs may hold the output-buffer or backlog lines. Without
        // two samples yet (a first refresh, a check without state) no counter can move: the log is what tells.
        Set<InstanceRef> masters = new HashSet<>();
        for (Instance i : topology.instances().filter(i -> !topology.replicasOf(i).isEmpty()).toList()) {
            InstanceHistory past = history.view(i.ref());
            InstanceHistory.SyncDeltas d = past.syncDeltas(snapshot.timeMs() - thresholds.eventWindow().toMillis());
            boolean noCounters = past.samples().stream().filter(s -> s.info().isPresent()).count() < 2;
            if (d.full() > 0 || d.partialErr() > 0 || noCounters || logNamed.contains(i.ref())) masters.add(i.ref());
        }
        Map<InstanceRef, List<String>> logs = LogTails.read(topology, transports, snapshot, masters);
        List<Finding> findings = Diagnosis.run(new DiagnosisInput(topology, snapshot, history::view, logs,
                LogTails.stunnels(topology, transports, snapshot), rspamdFiles.at(snapshot.timeMs()), configFiles.at(snapshot),
                learnClock.at(snapshot), thresholds));
        logNamed = findings.stream().filter(f -> f.code() == Code.FULL_SYNC_LOOP || f.code() == Code.BACKLOG_TOO_SMALL)
                .flatMap(f -> f.subject().instance().map(n -> new InstanceRef(f.subject().host(), n)).stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());
        State state = state(snapshot, findings);
        publish(state);
        return state;
    }

    private State state(Snapshot snapshot, List<Finding> findings) {
        return new State(snapshot, findings, ViewBuilder.build(topology, snapshot, history::view, findings, thresholds, tunnels));
    }

    private void publish(State state) {
        latest = state;
        for (Consumer<State> l : listeners) l.accept(state);
    }

    /** Stops probing and closes the transports, which the monitor owns from its construction on. */
    @Override
    public void close() {
        try {
            prober.close();
            rspamdFiles.close();
        } finally {
            transports.close();
        }
    }
}
