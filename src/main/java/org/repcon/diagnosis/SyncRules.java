package org.repcon.diagnosis;

import static org.repcon.diagnosis.Facts.field;

import java.util.ArrayList;
import java.util.List;
import org.repcon.diagnosis.LogPatterns.Meaning;
import org.repcon.probe.Info;
import org.repcon.probe.InstanceHistory;
import org.repcon.topology.Instance;
import org.repcon.util.Format;

/**
 * A master's sync counters over the recent past: full syncs that repeat, partial syncs that fail. The counters need two
 * samples; the master's own log lines of the event window (replicas dropped for their output buffer, partial resyncs
 * refused for lack of backlog) say the same from the first sample on.
 */
final class SyncRules {

    private SyncRules() {}

    static void apply(Facts f, Findings out) {
        for (Instance master : f.topology.instances().filter(i -> !f.topology.replicasOf(i).isEmpty()).toList()) {
            f.info(master).ifPresent(info -> {
                InstanceHistory.SyncDeltas d = f.history(master).syncDeltas(f.now() - f.limits.eventWindow().toMillis());
                fullSyncLoop(f, master, info, d, out);
                backlog(f, master, info, d, out);
            });
        }
    }

    private static void fullSyncLoop(Facts f, Instance master, Info info, InstanceHistory.SyncDeltas d, Findings out) {
        int replicas = f.topology.replicasOf(master).size();
        List<String> dropped = f.recentLog(master, Meaning.OUTPUT_BUFFER);
        // One full sync per replica is a (re)start; more than that within the window is a loop. So is a replica dropped
        // for its output buffer more than once: each drop is a full sync started over.
        boolean counted = d.full() >= Math.max(f.limits.fullSyncLoop(), replicas + 1);
        if (!counted && dropped.size() < f.limits.fullSyncLoop()) return;
        List<String> evidence = new ArrayList<>();
        if (counted) evidence.add("sync_full rose by " + d.full() + " in the last " + f.window());
        if (!dropped.isEmpty()) {
            evidence.add("the master's log: " + dropped.size() + " replica connections closed for their output buffer in the last "
                    + f.window());
        }
        evidence.add(field(info, "sync_full"));
        long dataset = datasetBytes(f, master, info);
        long hard = powerOfTwoMb(Math.max(2 * dataset, DEFAULT_REPLICA_HARD_LIMIT));
        evidence.add("dataset about " + Format.bytes(dataset) + " (the largest of used_memory_dataset and the replicas'"
                + " master_sync_total_bytes): a limit of " + Format.bytes(hard) + " holds twice that");
        evidence.addAll(LogPatterns.lastFew(dropped.isEmpty() ? LogPatterns.standing(f.log(master), Meaning.OUTPUT_BUFFER)
                : dropped, 2));
        out.add(Code.FULL_SYNC_LOOP, Severity.CRITICAL, Subject.of(master), "full resyncs from " + master.ref() + " repeat",
                Suggestion.set(master.ref().toString(), "client-output-buffer-limit", megabytes(hard), megabytes(hard / 4), "60"),
                evidence);
    }

    private static void backlog(Facts f, Instance master, Info info, InstanceHistory.SyncDeltas d, Findings out) {
        List<String> refused = f.recentLog(master, Meaning.NO_BACKLOG);
        // A master that restarted refuses partial resyncs for its new replication id, whatever its backlog: only its
        // log's "for lack of backlog" speaks of the backlog then.
        long partialErr = restarted(f, master) ? 0 : d.partialErr();
        if (partialErr == 0 && refused.isEmpty()) return;
        List<String> evidence = new ArrayList<>();
        if (partialErr > 0) evidence.add("sync_partial_err rose by " + partialErr + " in the last " + f.window());
        if (!refused.isEmpty()) {
            evidence.add("the master's log: " + refused.size() + " partial resyncs refused for lack of backlog in the last "
                    + f.window());
        }
        evidence.add(field(info, "repl_backlog_size"));
        long current = info.longValue("repl_backlog_size").orElse(1024 * 1024);
        double rate = f.history(master).offsetRates().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        long size = powerOfTwoMb(Math.max(2 * current, (long) Math.ceil(rate * OUTAGE_TO_SURVIVE_SECONDS)));
        evidence.add(rate > 0 ? "writes up to " + Format.bytes((long) rate) + "/s: " + OUTAGE_TO_SURVIVE_SECONDS + " s of outage"
                + " need " + Format.bytes((long) Math.ceil(rate * OUTAGE_TO_SURVIVE_SECONDS)) : "no write rate measured yet: twice the backlog");
        evidence.addAll(LogPatterns.lastFew(refused.isEmpty() ? LogPatterns.standing(f.log(master), Meaning.NO_BACKLOG) : refused, 2));
        out.add(Code.BACKLOG_TOO_SMALL, Severity.WARNING, Subject.of(master), "partial resyncs from " + master.ref()
                + " failed: the backlog did not cover the outage",
                Suggestion.set(master.ref().toString(), "repl-backlog-size", megabytes(size)), evidence);
    }

    /** Whether the instance's run_id changed within the event window: it restarted. */
    private static boolean restarted(Facts f, Instance i) {
        long since = f.now() - f.limits.eventWindow().toMillis();
        return f.history(i).samples().stream().filter(s -> s.timeMs() >= since).map(s -> s.info().flatMap(x -> x.string("run_id")))
                .flatMap(java.util.Optional::stream).distinct().count() > 1;
    }

    /** The outage a backlog is sized to survive: a tunnel or replica restart, a short network cut. */
    static final int OUTAGE_TO_SURVIVE_SECONDS = 60;
    /** Redis's default hard limit for the replica class: a suggestion never goes below it. */
    static final long DEFAULT_REPLICA_HARD_LIMIT = 256L * 1024 * 1024;
    private static final long MB = 1024 * 1024;

    /** How much a full sync carries: the master's dataset, or what a replica was told the RDB holds, the larger. */
    private static long datasetBytes(Facts f, Instance master, Info info) {
        long dataset = info.longValue("used_memory_dataset").orElse(info.longValue("used_memory").orElse(0));
        for (Instance r : f.topology.replicasOf(master)) {
            for (org.repcon.probe.InstanceSample s : f.history(r).samples()) {
                long total = s.info().flatMap(i -> i.longValue("master_sync_total_bytes").stream().boxed().findFirst()).orElse(0L);
                dataset = Math.max(dataset, total);
            }
        }
        return dataset;
    }

    /** The next power of two megabytes at or above {@code bytes} (1 MB at least). */
    static long powerOfTwoMb(long bytes) {
        long size = MB;
        while (size < bytes && size < Long.MAX_VALUE / 2) size *= 2;
        return size;
    }

    /** As redis.conf and {@code set} take it: "64mb". */
    static String megabytes(long bytes) {
        return bytes / MB + "mb";
    }
}
