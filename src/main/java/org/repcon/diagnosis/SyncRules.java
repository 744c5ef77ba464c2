package org.repcon.diagnosis;

import static org.repcon.diagnosis.Facts.field;

import java.util.ArrayList;
import java.util.List;
import org.repcon.diagnosis.LogPatterns.Meaning;
import org.repcon.probe.Info;
import org.repcon.probe.InstanceHistory;
import org.repcon.topology.Instance;

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
        evidence.addAll(LogPatterns.lastFew(dropped.isEmpty() ? LogPatterns.standing(f.log(master), Meaning.OUTPUT_BUFFER)
                : dropped, 2));
        out.add(Code.FULL_SYNC_LOOP, Severity.CRITICAL, Subject.of(master), "full resyncs from " + master.ref() + " repeat", null,
                evidence);
    }

    private static void backlog(Facts f, Instance master, Info info, InstanceHistory.SyncDeltas d, Findings out) {
        List<String> refused = f.recentLog(master, Meaning.NO_BACKLOG);
        if (d.partialErr() == 0 && refused.isEmpty()) return;
        List<String> evidence = new ArrayList<>();
        if (d.partialErr() > 0) evidence.add("sync_partial_err rose by " + d.partialErr() + " in the last " + f.window());
        if (!refused.isEmpty()) {
            evidence.add("the master's log: " + refused.size() + " partial resyncs refused for lack of backlog in the last "
                    + f.window());
        }
        evidence.add(field(info, "repl_backlog_size"));
        evidence.addAll(LogPatterns.lastFew(refused.isEmpty() ? LogPatterns.standing(f.log(master), Meaning.NO_BACKLOG) : refused, 2));
        out.add(Code.BACKLOG_TOO_SMALL, Severity.WARNING, Subject.of(master), "partial resyncs from " + master.ref()
                + " failed: the backlog did not cover the outage", null, evidence);
    }
}
