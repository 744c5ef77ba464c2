package org.repcon.action;

import org.repcon.probe.Info;
import org.repcon.topology.Instance;
import org.repcon.util.RepconException;
import org.repcon.util.Format;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * How much data an instance holds: its keys and the memory they take. Memory is INFO's
 * used_memory_dataset (used_memory less overhead), because used_memory also counts the replication
 * backlog and client buffers, which a replica has and an idle master has not.
 */
record Dataset(long keys, long bytes) {

    /**
     * Memory differences below this say nothing: an empty instance reports 100-200 KB of "dataset"
     * (allocator and internal buffers) that differ between a master and a replica. Keys decide there.
     */
    static final long MEMORY_NOISE = 1 << 20;

    static Dataset of(ActionContext ctx, Instance instance) {
        try (Jedis j = ctx.connect(instance)) {
            Info memory = org.repcon.probe.InfoParser.parse(j.info("memory"));
            long bytes = memory.longValue("used_memory_dataset").orElse(memory.longValue("used_memory").orElse(0));
            return new Dataset(j.dbSize(), bytes);
        } catch (JedisException e) {
            throw RepconException.failed(instance.ref() + ": " + Redis.reason(e), e);
        }
    }

    /** Whether replacing this data by {@code other}'s loses something: it holds keys, and more keys or clearly more memory. */
    boolean exceeds(Dataset other) {
        return keys > 0 && (keys > other.keys || bytes > other.bytes + MEMORY_NOISE);
    }

    String describe() {
        if (keys == 0) return "no keys";
        return keys + (keys == 1 ? " key, " : " keys, ") + Format.bytes(bytes) + " of data";
    }
}
