package org.repcon.probe;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * True replication delay without clock skew, as pt-heartbeat measures it but with one clock: each refresh writes this
 * machine's time (ms) into the hash {@code repcon:heartbeat} on each master (field: this machine's name, so consoles on
 * two machines never compare each other's clocks), and reads the field on every replica in the same round trip. The
 * key matches none of Rspamd's patterns ({@code RS*}, {@code BAYES*}, {@code fuzzy*}) and expires {@link #TTL} after
 * the last write.
 */
public final class Heartbeat {

    public static final String KEY = "repcon:heartbeat";
    /**
     * Long, since a replica reads a key as gone once its expiry passed by the replica's clock: a replica further
     * behind than this shows no heartbeat (its offsets and link say the rest). The key is left that long after the
     * last console closes.
     */
    public static final Duration TTL = Duration.ofMinutes(10);

    /** What a probe does with the heartbeat. */
    public enum Duty { NONE, READ, WRITE }

    /** @param field this machine's field of the hash */
    public record Assignment(Duty duty, String field) {
        public static final Assignment NONE = new Assignment(Duty.NONE, "");
    }

    private Heartbeat() {}

    /** This machine's field: its host name (the clock whose time is written), "localhost" when it has none. */
    public static String localField() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env.strip();
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /**
     * How far (ms) the replica's data trail its master's in real time: 0 when it holds the heartbeat the master held
     * (or a newer one), else the age of the newest heartbeat it holds, by this machine's clock. Empty unless both
     * answered with a heartbeat (the master's fresh in this snapshot): before the first write, or for a replica so
     * far behind that its copy expired.
     *
     * <p>The resolution is one write interval: a replica that missed the last write only shows its age.
     */
    public static OptionalLong lagMillis(Optional<InstanceSample> master, InstanceSample replica) {
        if (master.isEmpty() || !master.get().ok() || master.get().freshness() != Freshness.FRESH || !replica.ok()) {
            return OptionalLong.empty();
        }
        OptionalLong written = master.get().heartbeatMs();
        OptionalLong held = replica.heartbeatMs();
        if (written.isEmpty() || held.isEmpty()) return OptionalLong.empty();
        if (held.getAsLong() >= written.getAsLong()) return OptionalLong.of(0);
        return OptionalLong.of(Math.max(0, replica.timeMs() - held.getAsLong()));
    }
}
