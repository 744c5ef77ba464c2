package org.repcon.action;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.repcon.probe.Info;
import org.repcon.probe.InfoParser;
import org.repcon.probe.MasterLink;
import org.repcon.topology.Instance;
import org.repcon.util.RepconException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Waits for a replica to be in sync with a master after a re-point or a resync: following the given
 * endpoint with its link up and no sync running, then its offset caught up with the master's. Reports a
 * running full sync's progress (at most once a second) on the way.
 */
public record SyncWatch(ActionContext ctx, Instance replica, Instance master, String host, int port) {

    private static final long REPORT_NANOS = 1_000_000_000L;

    /**
     * @param alsoDone a further condition for "synced" (a master counter that must have grown), checked once the link is up
     * @return how it ended: "link up, offsets meet at 1234 after 850 ms"
     */
    public String await(BooleanSupplier alsoDone, Progress progress) {
        long start = System.nanoTime();
        long deadline = start + ctx.limits().linkWait().toNanos();
        long lastReport = 0;
        boolean synced = false;
        progress.note("waiting until " + replica.ref() + " follows " + host + ":" + port + " with its link up");
        try (Jedis r = ctx.connect(replica); Jedis m = ctx.connect(master)) {
            Info info = info(r);
            while (true) {
                MasterLink link = info.masterLink().orElse(null);
                boolean following = link != null && link.host().equals(host) && link.port().orElse(-1) == port;
                if (following && link.syncInProgress()) {
                    // A full sync runs: it may take long on a big dataset, and says how far it got.
                    deadline = Math.max(deadline, start + ctx.limits().syncWait().toNanos());
                    if (System.nanoTime() - lastReport > REPORT_NANOS) {
                        progress.sync(new SyncProgress(replica.ref().toString(), link.syncReadBytes().orElse(0),
                                link.syncTotalBytes(), percent(info)));
                        lastReport = System.nanoTime();
                    }
                }
                if (following && link.up() && !link.syncInProgress() && alsoDone.getAsBoolean()) {
                    synced = true;
                    break;
                }
                if (System.nanoTime() > deadline) break;
                ServiceControl.sleep(ctx.limits().poll().toMillis());
                info = info(r);
            }
            if (!synced) {
                MasterLink link = info.masterLink().orElse(null);
                throw RepconException.failed(replica.ref() + " is not in sync with " + master.ref() + " after "
                        + seconds(System.nanoTime() - start) + ": " + (link == null ? "it is no replica (role " + info.role() + ")"
                        : "it follows " + link.endpoint() + ", link " + (link.up() ? "up" : "down")
                        + (link.syncInProgress() ? ", sync in progress" : "")) + "; see logs " + replica.ref());
            }
            return "link up, " + caughtUp(r, m, start) + " after " + (System.nanoTime() - start) / 1_000_000 + " ms";
        } catch (JedisException e) {
            throw RepconException.failed("while waiting for " + replica.ref() + ": " + Redis.reason(e), e);
        }
    }

    /** Waits until the replica's offset reaches the master's as it was when the link came up. */
    private String caughtUp(Jedis r, Jedis m, long start) {
        Info mi = InfoParser.parse(m.info("replication"));
        long target = mi.longValue("master_repl_offset").orElse(0);
        long deadline = System.nanoTime() + ctx.limits().linkWait().toNanos();
        while (true) {
            Info ri = info(r);
            OptionalLong offset = ri.replOffset();
            boolean sameStream = ri.replid().equals(mi.replid());
            if (sameStream && offset.isPresent() && offset.getAsLong() >= target) return "offsets meet at " + target;
            if (System.nanoTime() > deadline) {
                throw RepconException.failed(replica.ref() + " link is up but its offset " + (offset.isPresent() ? offset.getAsLong() : "?")
                        + " did not reach " + master.ref() + "'s " + target + " within " + seconds(System.nanoTime() - start));
            }
            ServiceControl.sleep(ctx.limits().poll().toMillis());
        }
    }

    private static Info info(Jedis j) {
        return InfoParser.parse(j.info("replication"));
    }

    private static OptionalDouble percent(Info info) {
        return info.doubleValue("master_sync_perc");
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }
}
