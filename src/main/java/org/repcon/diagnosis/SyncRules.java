package org.repcon.diagnosis;

import static org.repcon.diagnosis.Facts.field;

import java.util.ArrayList;
import java.util.List;
import org.repcon.diagnosis.LogPatterns.Meaning;
import org.repcon.probe.InstanceHistory;
import org.repcon.topology.Instance;

/** A master's sync counters over the recent past: full syncs that repeat, partial syncs that fail. */
final class SyncRules {

    private SyncRules() {}

    static void apply(Facts f, Findings out) {
        for (Instance master : f.topology.instances().filter(i -> !f.topology.replicasOf(i).isEmpty()).toList()) {
            f.info(master).ifPresent(info -> {
                InstanceHistory.SyncDeltas d = f.history(master).syncDeltas(f.now() - f.limits.eventWindow().toMillis());
                int replicas = f.topology.replicasOf(master).size();
                String window = f.window();
                // One full sync per replica is a (re)start; more than that within the window is a loop.
                if (d.full() >= Math.max(f.limits.fullSyncLoop(), replicas + 1)) {
                    List<String> evidence = new ArrayList<>(List.of("sync_full rose by " + d.full() + " in the last " + window,
                            field(info, "sync_full")));
                    evidence.addAll(LogPatterns.lastFew(LogPatterns.standing(f.log(master), Meaning.OUTPUT_BUFFER), 2));
                    out.add(Code.FULL_SYNC_LOOP, Severity.CRITICAL, Subject.of(master), "full resyncs from " + master.ref()
                            + " repeat", null, evidence);
                }
                if (d.partialErr() > 0) {
                    List<String> evidence = new ArrayList<>(List.of("sync_partial_err rose by " + d.partialErr()
                            + " in the last " + window, field(info, "repl_backlog_size")));
                    evidence.addAll(LogPatterns.lastFew(LogPatterns.standing(f.log(master), Meaning.NO_BACKLOG), 2));
                    out.add(Code.BACKLOG_TOO_SMALL, Severity.WARNING, Subject.of(master), "partial resyncs from "
                            + master.ref() + " failed: the backlog did not cover the outage", null, evidence);
                }
            });
        }
    }
}
