package org.repcon.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
     * How fast the replication offset grew between consecutive answered samples, in bytes per second, oldest
     * first; a pair in different replication ids (a full resync starts a new count) gives no point.
     */
    public List<Double> offsetRates() {
        List<Double> out = new ArrayList<>();
        Info previous = null;
        long previousMs = 0;
        for (InstanceSample s : answeredSamples()) {
            Info info = info(s);
            double seconds = (s.timeMs() - previousMs) / 1000.0;
            if (previous != null && seconds > 0 && previous.replid().equals(info.replid())
                    && previous.replOffset().isPresent() && info.replOffset().isPresent()) {
                out.add(Math.max(0, (info.replOffset().getAsLong() - previous.replOffset().getAsLong()) / seconds));
            }
            previous = info;
            previousMs = s.timeMs();
        }
        return out;
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

    /**
     * How many more times the instance answered an error {@code code} ({@code NOREPLICAS}, {@code READONLY}) among the
     * samples taken at or after {@code sinceMs}, by its {@code errorstat_CODE:count=N}; a counter not there counts none.
     */
    public long errorsRise(String code, long sinceMs) {
        List<Info> recent = answeredSamples().stream().filter(s -> s.timeMs() >= sinceMs).map(InstanceHistory::info).toList();
        return rise(recent, info -> OptionalLong.of(errorCount(info, code)));
    }

    /** {@code errorstat_CODE:count=N} (Redis 6.2 and later); 0 when the instance has not answered that error. */
    public static long errorCount(Info info, String code) {
        String stat = info.string("errorstat_" + code).orElse("");
        int at = stat.indexOf("count=");
        if (at < 0) return 0;
        int end = stat.indexOf(',', at);
        try {
            return Long.parseLong(stat.substring(at + "count=".length(), end < 0 ? stat.length() : end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** How much {@code counter} (an INFO field) rose among the answered samples taken at or after {@code sinceMs}. */
    public long rise(String counter, long sinceMs) {
        return rise(answeredSamples().stream().filter(s -> s.timeMs() >= sinceMs).map(InstanceHistory::info).toList(), counter);
    }

    private static long rise(List<Info> answered, String counter) {
        return rise(answered, info -> info.longValue(counter));
    }

    /** The sum of a counter's rises between answered samples; a drop means a restart, which counts from zero. */
    private static long rise(List<Info> answered, java.util.function.Function<Info, OptionalLong> counter) {
        long total = 0;
        OptionalLong previous = OptionalLong.empty();
        for (Info info : answered) {
            OptionalLong v = counter.apply(info);
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
