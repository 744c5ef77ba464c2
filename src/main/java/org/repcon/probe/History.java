package org.repcon.probe;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Topology;

/**
 * The recent past of every instance: a bounded ring of samples each, from which trends are read
 * (see {@link InstanceHistory}). Fed with snapshots, directly or as a listener of a background prober;
 * read through immutable views from any thread.
 */
public final class History implements ProbeListener {

    /** Two minutes at the default one-second refresh. */
    public static final int DEFAULT_CAPACITY = 120;

    private final Topology topology;
    private final int capacity;
    private final Map<InstanceRef, ArrayDeque<InstanceHistory.Entry>> rings = new HashMap<>();

    public History(Topology topology) {
        this(topology, DEFAULT_CAPACITY);
    }

    public History(Topology topology, int capacity) {
        if (capacity < 2) throw new IllegalArgumentException("a history needs room for at least two samples");
        this.topology = topology;
        this.capacity = capacity;
    }

    @Override
    public void onSnapshot(Snapshot snapshot) {
        record(snapshot);
    }

    /**
     * Adds each instance's sample unless it was already recorded: a sample carried into later snapshots (in
     * flight, backing off) is one observation, not several. A replica's lag in bytes is computed here, against
     * its master's sample of the same snapshot, while both are at hand.
     */
    public synchronized void record(Snapshot snapshot) {
        topology.instances().forEach(instance -> snapshot.instance(instance.ref()).ifPresent(sample -> {
            if (sample.status() == InstanceSample.Status.PENDING) return;
            ArrayDeque<InstanceHistory.Entry> ring = rings.computeIfAbsent(instance.ref(), r -> new ArrayDeque<>());
            InstanceHistory.Entry newest = ring.peekLast();
            if (newest != null && newest.sample().timeMs() >= sample.timeMs()) return;
            if (ring.size() == capacity) ring.removeFirst();
            ring.addLast(new InstanceHistory.Entry(sample, lagBytes(instance, sample, snapshot)));
        }));
    }

    /**
     * Puts back an instance's past as an earlier run recorded it (a {@code check} a minute ago), oldest first, before
     * any sample of this run: what it already holds stays, and restored entries go before it, up to the capacity.
     */
    public synchronized void restore(InstanceRef instance, List<InstanceHistory.Entry> past) {
        ArrayDeque<InstanceHistory.Entry> ring = rings.computeIfAbsent(instance, r -> new ArrayDeque<>());
        long oldest = ring.isEmpty() ? Long.MAX_VALUE : ring.peekFirst().sample().timeMs();
        List<InstanceHistory.Entry> before = past.stream().filter(e -> e.sample().timeMs() < oldest).toList();
        for (int i = before.size() - 1; i >= 0 && ring.size() < capacity; i--) {
            if (i < before.size() - 1 && before.get(i).sample().timeMs() >= ring.peekFirst().sample().timeMs()) continue;
            ring.addFirst(before.get(i));
        }
    }

    private OptionalLong lagBytes(Instance replica, InstanceSample sample, Snapshot snapshot) {
        if (sample.info().isEmpty()) return OptionalLong.empty();
        // A carried master sample holds an old offset, which would overstate the lag.
        return topology.masterOf(replica)
                .flatMap(m -> snapshot.instance(m.ref()))
                .filter(m -> m.freshness() == Freshness.FRESH)
                .flatMap(InstanceSample::info)
                .map(masterInfo -> sample.info().get().bytesBehind(masterInfo))
                .orElse(OptionalLong.empty());
    }

    /** The instance's recorded past, oldest first; empty for an instance never sampled. */
    public synchronized InstanceHistory view(InstanceRef instance) {
        ArrayDeque<InstanceHistory.Entry> ring = rings.get(instance);
        return new InstanceHistory(instance, ring == null ? List.of() : List.copyOf(ring));
    }

    public int capacity() {
        return capacity;
    }
}
