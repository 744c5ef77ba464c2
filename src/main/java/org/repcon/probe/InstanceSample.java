package org.repcon.probe;

import java.util.Optional;
import java.util.OptionalLong;
import org.repcon.topology.InstanceRef;

/**
 * One INFO probe of one instance.
 *
 * @param timeMs wall-clock time (ms) the probe started
 * @param info the parsed reply when the status is OK
 * @param rttMicros the INFO round trip alone (not connecting or AUTH), when OK
 * @param message a short human reason when not OK ("connection refused", "read timed out after 1000 ms")
 * @param rspamd Rspamd's counters, read in the same round trip (bayes and fuzzy instances, when they answered)
 * @param heartbeatMs the heartbeat this machine's clock last wrote ({@code repcon:heartbeat}), as the instance held it
 *                    when read (on a master: before this probe wrote the next), when the topology has the heartbeat on
 * @param config what it runs with, when this probe read it too (about once a minute; see {@link RunningConfig})
 */
public record InstanceSample(InstanceRef instance, long timeMs, Status status, Optional<Info> info, long rttMicros,
                             String message, Freshness freshness, RspamdCounts rspamd, OptionalLong heartbeatMs,
                             Optional<RunningConfig> config)
        implements Sample<InstanceSample> {

    public enum Status {
        OK,
        /** Nothing listens on the port: the instance is not running. */
        REFUSED,
        /** Connecting or the reply took longer than the timeout: a frozen process, or a hung host or forward. */
        TIMEOUT,
        /** The instance requires a password and the topology gives none (NOAUTH). */
        AUTH_REQUIRED,
        /** The password was rejected, could not be read, or the instance has none set. */
        AUTH_FAILED,
        /**
         * It answers every command with BUSY: a script or a module command runs past busy-reply-threshold
         * (lua-time-limit), and nothing else is served until it ends or is killed.
         */
        BUSY,
        /** Something answered, but not with INFO: another program, an error reply, a connection closed mid-reply. */
        PROTOCOL,
        /** The host cannot be reached at all: unknown name, no route, no transport for it. */
        UNREACHABLE,
        /** Never probed to the end yet. */
        PENDING
    }

    public static InstanceSample ok(InstanceRef instance, long timeMs, Info info, long rttMicros) {
        return ok(instance, timeMs, info, rttMicros, RspamdCounts.NONE, OptionalLong.empty());
    }

    public static InstanceSample ok(InstanceRef instance, long timeMs, Info info, long rttMicros, RspamdCounts rspamd,
                                    OptionalLong heartbeatMs) {
        return new InstanceSample(instance, timeMs, Status.OK, Optional.of(info), rttMicros, "", Freshness.FRESH, rspamd,
                heartbeatMs, Optional.empty());
    }

    public static InstanceSample failed(InstanceRef instance, long timeMs, Status status, String message) {
        return new InstanceSample(instance, timeMs, status, Optional.empty(), 0, message, Freshness.FRESH, RspamdCounts.NONE,
                OptionalLong.empty(), Optional.empty());
    }

    static InstanceSample pending(InstanceRef instance, long timeMs) {
        return new InstanceSample(instance, timeMs, Status.PENDING, Optional.empty(), 0, "no answer yet",
                Freshness.IN_FLIGHT, RspamdCounts.NONE, OptionalLong.empty(), Optional.empty());
    }

    /** The server and its version as the reply says ("valkey 8.0.1", "redis 7.0.15"), when the instance answered INFO. */
    public Optional<String> serverAndVersion() {
        return info.flatMap(Info::serverAndVersion);
    }

    /** The same sample at another time (recorded tests move a deployment's samples on by a refresh). */
    public InstanceSample at(long newTimeMs) {
        return new InstanceSample(instance, newTimeMs, status, info, rttMicros, message, freshness, rspamd, heartbeatMs, config);
    }

    /** The same sample with what the instance runs with, read in the same round trip. */
    public InstanceSample withConfig(RunningConfig running) {
        return new InstanceSample(instance, timeMs, status, info, rttMicros, message, freshness, rspamd, heartbeatMs,
                Optional.of(running));
    }

    @Override
    public boolean ok() {
        return status == Status.OK;
    }

    @Override
    public boolean timedOut() {
        return status == Status.TIMEOUT;
    }

    @Override
    public String summary() {
        return status == Status.OK ? "OK in " + rttMicros + " us" : status + ": " + message;
    }

    @Override
    public InstanceSample carried(Freshness f) {
        return new InstanceSample(instance, timeMs, status, info, rttMicros, message, f, rspamd, heartbeatMs, config);
    }
}
