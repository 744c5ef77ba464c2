package org.repcon.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.repcon.topology.InstanceRef;

/**
 * One instance's recent samples, oldest first, and the trends read from them. Immutable. Trends use
 * the samples that answered (OK); failures count only as gaps.
 */
public record InstanceHistory(InstanceRef instance, List<Entry> entries) {

    /** A sample and, for a replica, how many bytes it was behind its master at that refresh. */
    public record Entry(InstanceSample sample, OptionalLong lagBytes) {}

    /** One point of a replica's lag: in bytes (same replication id as the master only) and in seconds since master I/O. */
    public record LagPoint(long timeMs, OptionalLong bytes, OptionalLong seconds) {}

    /** What the sync counters (stats section) rose by over the window; a restart's reset to zero is not a fall. */
    public record SyncDeltas(long full, long partialOk, long partialErr) {}

    public InstanceHistory {
        entries = List.copyOf(entries);
    }

    public List<InstanceSample> samples() {
        return entries.stream().map(Entry::sample).toList();
    }

    public Optional<InstanceSample> latest() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1).sample());
    }

    /**
     * How fast the instance's replication offset grows, in bytes per second, over the answered samples of the
     * last {@code window} that count in the same replication id as the newest (a full resync starts a new count).
     */
    public OptionalDouble offsetRate(Duration window) {
        List<InstanceSample> ok = answeredSamples();
        if (ok.size() < 2) return OptionalDouble.empty();
        InstanceSample newest = ok.get(ok.size() - 1);
        Optional<String> replid = info(newest).replid();
        int first = ok.size() - 1;
        while (first > 0 && newest.timeMs() - ok.get(first - 1).timeMs() <= window.toMillis()
                && info(ok.get(first - 1)).replid().equals(replid)) {
            first--;
        }
        InstanceSample oldest = ok.get(first);
        OptionalLong from = info(oldest).replOffset();
        OptionalLong to = info(newest).replOffset();
        double seconds = (newest.timeMs() - oldest.timeMs()) / 1000.0;
        if (from.isEmpty() || to.isEmpty() || seconds <= 0 || to.getAsLong() < from.getAsLong()) return OptionalDouble.empty();
        return OptionalDouble.of((to.getAsLong() - from.getAsLong()) / seconds);
    }

    /** A replica's lag at each answered sample, oldest first; empty for a master. */
    public List<LagPoint> lag() {
        List<LagPoint> points = new ArrayList<>();
        for (Entry e : entries) {
            e.sample().info().flatMap(Info::masterLink).ifPresent(link -> points.add(new LagPoint(e.sample().timeMs(),
                    e.lagBytes(), link.up() ? link.lastIoSecondsAgo() : OptionalLong.empty())));
        }
        return points;
    }

    /** How often a replica's master link changed between up and down across the answered samples. */
    public int linkFlaps() {
        int flaps = 0;
        Boolean previous = null;
        for (Info info : answered()) {
            Optional<MasterLink> link = info.masterLink();
            if (link.isEmpty()) continue;
            if (previous != null && previous != link.get().up()) flaps++;
            previous = link.get().up();
        }
        return flaps;
    }

    public SyncDeltas syncDeltas() {
        return syncDeltas(Long.MIN_VALUE);
    }

    /** The counters' rises among the samples taken at or after {@code sinceMs}: recent events only. */
    public SyncDeltas syncDeltas(long sinceMs) {
        List<Info> recent = answeredSamples().stream().filter(s -> s.timeMs() >= sinceMs).map(InstanceHistory::info).toList();
        return new SyncDeltas(rise(recent, "sync_full"), rise(recent, "sync_partial_ok"), rise(recent, "sync_partial_err"));
    }

    /** How much {@code counter} (an INFO field) rose among the answered samples taken at or after {@code sinceMs}. */
    public long rise(String counter, long sinceMs) {
        return rise(answeredSamples().stream().filter(s -> s.timeMs() >= sinceMs).map(InstanceHistory::info).toList(), counter);
    }

    /** The sum of a counter's rises between answered samples; a drop means a restart, which counts from zero. */
    private static long rise(List<Info> answered, String counter) {
        long total = 0;
        OptionalLong previous = OptionalLong.empty();
        for (Info info : answered) {
            OptionalLong v = info.longValue(counter);
            if (v.isEmpty()) continue;
            if (previous.isPresent()) {
                long p = previous.getAsLong();
                total += v.getAsLong() >= p ? v.getAsLong() - p : v.getAsLong();
            }
            previous = v;
        }
        return total;
    }

    private List<InstanceSample> answeredSamples() {
        return entries.stream().map(Entry::sample).filter(s -> s.info().isPresent()).toList();
    }

    private List<Info> answered() {
        return answeredSamples().stream().map(InstanceHistory::info).toList();
    }

    private static Info info(InstanceSample answered) {
        return answered.info().orElseThrow();
    }
}
