package org.repcon.action;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.repcon.probe.Info;
import org.repcon.probe.InfoParser;
import org.repcon.topology.Instance;
import org.repcon.transport.FileWrite;
import org.repcon.transport.Transport;
import org.repcon.util.RepconException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/** How restore's two data steps run: a fresh snapshot on an instance, and its RDB copied to another host, checked. */
final class RdbTransfer {

    /**
     * The largest RDB repcon copies itself: it passes through this process's memory. Larger ones are copied by hand
     * (the refusal says how).
     */
    static final int MAX_BYTES = 256 << 20;

    /** What a copy wrote, and the checksum both ends agree on. */
    record Copied(FileWrite write, long bytes, String sha256) {
        String describe() {
            return bytes + " bytes, sha256 " + sha256 + " on both ends" + write.backup().map(b -> ", the old file kept as " + b)
                    .orElse(", no file there before");
        }
    }

    private RdbTransfer() {}

    /** BGSAVE and wait until it succeeded; returns "saved at rdb_last_save_time 1796... in 120 ms". */
    static String snapshot(ActionContext ctx, Instance instance, Progress progress) {
        long start = System.nanoTime();
        long deadline = start + ctx.limits().syncWait().toNanos();
        try (Jedis j = ctx.connect(instance)) {
            Info before = persistence(j);
            while (before.flag("rdb_bgsave_in_progress").orElse(false)) { // someone else's save: ours must start after it
                wait(ctx, deadline, instance, "a save already in progress");
                before = persistence(j);
            }
            long saves = before.longValue("rdb_saves").orElse(-1);
            long lastSave = before.longValue("rdb_last_save_time").orElse(0);
            if (saves < 0 && lastSave >= System.currentTimeMillis() / 1000) ServiceControl.sleep(1000); // the second must move on
            progress.note("snapshot of " + instance.ref() + ": BGSAVE");
            try {
                j.bgsave();
            } catch (JedisDataException e) {
                throw RepconException.failed(instance.ref() + "> BGSAVE: " + Redis.reason(e));
            }
            while (true) {
                Info now = persistence(j);
                boolean done = !now.flag("rdb_bgsave_in_progress").orElse(true)
                        && (saves >= 0 ? now.longValue("rdb_saves").orElse(0) > saves : now.longValue("rdb_last_save_time").orElse(0) > lastSave);
                boolean failed = !now.flag("rdb_bgsave_in_progress").orElse(true)
                        && "err".equals(now.string("rdb_last_bgsave_status").orElse(""));
                if (failed) {
                    throw RepconException.failed("the snapshot of " + instance.ref() + " failed (rdb_last_bgsave_status:err); see logs "
                            + instance.ref());
                }
                if (done) {
                    if (!"ok".equals(now.string("rdb_last_bgsave_status").orElse(""))) {
                        throw RepconException.failed("the snapshot of " + instance.ref() + " ended with rdb_last_bgsave_status:"
                                + now.string("rdb_last_bgsave_status").orElse("?"));
                    }
                    return "saved (rdb_last_save_time:" + now.string("rdb_last_save_time").orElse("?") + ") in "
                            + (System.nanoTime() - start) / 1_000_000 + " ms";
                }
                wait(ctx, deadline, instance, "BGSAVE still running");
            }
        } catch (JedisException e) {
            throw RepconException.failed("snapshot of " + instance.ref() + ": " + Redis.reason(e), e);
        }
    }

    private static Info persistence(Jedis j) {
        return InfoParser.parse(j.info("persistence"));
    }

    private static void wait(ActionContext ctx, long deadline, Instance instance, String what) {
        if (System.nanoTime() > deadline) {
            throw RepconException.failed("the snapshot of " + instance.ref() + " did not finish within "
                    + ctx.limits().syncWait().toMinutes() + " min (" + what + ")");
        }
        ServiceControl.sleep(ctx.limits().poll().toMillis());
    }

    /** Reads the source whole, writes it atomically on the target, reads it back and compares the sha256. */
    static Copied copy(ActionContext ctx, Step.CopyFile c) {
        Transport from = ctx.transports().of(c.fromHost());
        Transport to = ctx.transports().of(c.host());
        byte[] bytes = from.readBytes(c.fromPath(), MAX_BYTES + 1).orElseThrow(() -> RepconException.failed(c.fromPath()
                + " does not exist on " + c.fromHost() + ": the snapshot was not written where the instance says"));
        if (bytes.length > MAX_BYTES) throw tooLarge(c);
        if (RdbHeader.parse(bytes).isEmpty()) throw RepconException.failed(c.fromHost() + ":" + c.fromPath() + " is no RDB file");
        String sha = sha256(bytes);
        FileWrite w = to.writeBytes(c.path(), bytes, c.mode());
        byte[] back = to.readBytes(c.path(), bytes.length + 1).orElse(new byte[0]);
        String shaBack = sha256(back);
        if (!sha.equals(shaBack)) {
            throw RepconException.failed(c.host() + ":" + c.path() + " reads back with sha256 " + shaBack + ", not the source's " + sha
                    + w.backup().map(b -> "; the old file is " + b).orElse(""));
        }
        return new Copied(w, bytes.length, sha);
    }

    static RepconException tooLarge(Step.CopyFile c) {
        return RepconException.failed(c.fromHost() + ":" + c.fromPath() + " is larger than " + (MAX_BYTES >> 20) + " MiB, more than"
                + " repcon copies itself: copy it by hand (scp) to " + c.host() + ":" + c.path() + " with the master stopped");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
