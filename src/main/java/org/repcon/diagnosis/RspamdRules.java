package org.repcon.diagnosis;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.repcon.probe.Heartbeat;
import org.repcon.probe.Info;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.MasterLink;
import org.repcon.probe.RspamdCounts;
import org.repcon.topology.Instance;

/**
 * Replication at Rspamd's level: its counters (Bayes learns, fuzzy hashes) on a replica against its master's, and the
 * true delay of the data by the heartbeat. Offsets can match while learning lands elsewhere; a replica's link can be
 * up while its data are minutes old.
 */
final class RspamdRules {

    private RspamdRules() {}

    static void apply(Facts f, Findings out) {
        f.in.learning().forEach((ref, activity) -> f.topology.instance(ref).ifPresent(m -> learning(f, m, activity, out)));
        for (Instance replica : f.topology.instances().filter(Instance::isReplica).toList()) {
            Optional<Instance> master = f.topology.masterOf(replica);
            Optional<InstanceSample> rs = f.sample(replica).filter(InstanceSample::ok);
            if (master.isEmpty() || rs.isEmpty()) continue;
            Optional<InstanceSample> ms = f.sample(master.get()).filter(InstanceSample::ok);
            Optional<Info> ri = rs.get().info();
            Optional<Info> mi = ms.flatMap(InstanceSample::info);
            boolean linkUp = ri.flatMap(Info::masterLink).map(MasterLink::up).orElse(false);
            if (!linkUp) continue; // a down link or a sync has findings of its own, which explain the rest
            if (mi.isPresent()) counts(master.get(), replica, ms.get(), rs.get(), mi.get(), ri.get(), out);
            heartbeat(f, master.get(), replica, ms, rs.get(), out);
        }
    }

    /**
     * The counters of one replica against its master's, both read in this refresh: more on the replica is learning
     * landing there, whatever the offsets; fewer with the offsets equal (same stream, nothing in flight) is divergence.
     * Per-user sums not read in this refresh on both are left out (the global RS, read every refresh, is compared), and
     * at equal offsets the number of per-user hashes is. A replica read after more of the stream than its master's
     * reading is compared too: with the heartbeat on, that is 2 refreshes in 5, and skipping them made a standing finding
     * flicker.
     */
    private static void counts(Instance master, Instance replica, InstanceSample ms, InstanceSample rs, Info mi, Info ri,
                               Findings out) {
        RspamdCounts theirs = ms.rspamd();
        RspamdCounts mine = rs.rspamd();
        boolean whole = theirs.complete() && mine.complete();
        OptionalLong m = whole ? theirs.total() : theirs.global();
        OptionalLong r = whole ? mine.total() : mine.global();
        if (m.isEmpty() || r.isEmpty() || ms.freshness() != org.repcon.probe.Freshness.FRESH) return;
        OptionalLong behind = ri.bytesBehind(mi);
        if (behind.isEmpty()) return; // another stream: the offsets say nothing about the counters
        List<String> evidence = List.of(replica.ref() + " " + mine.describe() + ", " + Facts.field(ri, "slave_repl_offset"),
                master.ref() + " " + theirs.describe() + ", " + Facts.field(mi, "master_repl_offset"));
        String what = mine.fuzzyHashes().isPresent() ? "fuzzy hash" : "learn";
        long more = r.getAsLong() - m.getAsLong();
        if (more == 0 && !whole && behind.getAsLong() == 0 && theirs.perUser() != null && mine.perUser() != null) {
            more = userHashes(mine.perUser()) - userHashes(theirs.perUser());
            what = "per-user Bayes hash";
        }
        if (more > 0) {
            out.add(Code.LEARNS_ON_REPLICA, Severity.WARNING, Subject.of(replica), replica.ref() + " holds "
                    + more + " more " + plural(what, more) + " than its master " + master.ref()
                    + ": learning lands on the replica, and its next full sync wipes them", null, evidence);
        } else if (more < 0 && behind.getAsLong() == 0) {
            out.add(Code.LEARNS_DIVERGED, Severity.WARNING, Subject.of(replica), replica.ref() + " holds "
                    + -more + " fewer " + plural(what, -more) + " than its master " + master.ref()
                    + " at the same offset: its data diverged; Rspamd there classifies with less",
                    Suggestion.resync(replica.ref().toString(), true), evidence);
        }
    }

    /** "learn", "learns"; "hash", "hashes". */
    private static String plural(String noun, long count) {
        return count == 1 ? noun : noun.endsWith("h") ? noun + "es" : noun + "s";
    }

    private static long userHashes(RspamdCounts.PerUser p) {
        return p.spamKeys() + p.hamKeys();
    }

    /**
     * A master whose counters moved while watched and then stood still past the threshold: learning no longer reaches it
     * (Rspamd's write_servers point elsewhere, or its writes fail). Only while it answers: down or hung has its own.
     */
    private static void learning(Facts f, Instance master, org.repcon.diagnosis.LearnActivity activity, Findings out) {
        long still = f.now() - activity.unchangedSinceMs();
        if (!activity.movedBefore() || still < f.limits.learnStall().toMillis() || f.info(master).isEmpty()) return;
        String what = master.kind() == org.repcon.topology.Kind.FUZZY ? "fuzzy hashes" : "Bayes learns";
        String since = org.repcon.util.Format.duration(still / 1000);
        out.add(Code.LEARNING_STOPPED, Severity.WARNING, Subject.of(master), "no learning has reached " + master.ref() + " for "
                + since + ": Rspamd's writes go elsewhere or fail", null,
                List.of(master.ref() + " " + what + " " + activity.total() + ", unchanged for " + since + " after they moved while"
                        + " watched", "threshold " + org.repcon.util.Format.duration(f.limits.learnStall().toSeconds())));
    }

    private static void heartbeat(Facts f, Instance master, Instance replica, Optional<InstanceSample> ms, InstanceSample rs,
                                  Findings out) {
        OptionalLong lag = Heartbeat.lagMillis(ms, rs);
        if (lag.isEmpty() || lag.getAsLong() <= f.limits.lagWarnSeconds() * 1000) return;
        out.add(Code.HEARTBEAT_LAG, Severity.WARNING, Subject.of(replica), replica.ref() + "'s data are "
                + seconds(lag.getAsLong()) + " behind its master " + master.ref() + " (heartbeat)", null,
                List.of(Heartbeat.KEY + " on " + replica.ref() + " is " + seconds(lag.getAsLong()) + " old; "
                        + master.ref() + " holds a newer one", "threshold " + f.limits.lagWarnSeconds() + " s"));
    }

    /** Milliseconds as the evidence says them: "5.2 s". */
    static String seconds(long millis) {
        return org.repcon.util.Format.tenths(millis) + " s";
    }
}
