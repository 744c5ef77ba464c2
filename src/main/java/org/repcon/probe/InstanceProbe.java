package org.repcon.probe;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.logging.Logger;
import org.repcon.probe.InstanceSample.Status;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Kind;
import org.repcon.topology.Secret;
import org.repcon.transport.Endpoint;
import org.repcon.transport.RedisConnector;
import org.repcon.transport.Transports;
import org.repcon.util.Log;
import org.repcon.util.RepconException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Probes one instance with INFO over a connection kept between refreshes, so that a refresh costs one
 * round trip; AUTH is sent only when (re)connecting. Pipelined behind INFO, in the same round trip: Rspamd's counters
 * of a bayes or fuzzy instance, and the heartbeat (read on a replica; read, then written, on a master).
 *
 * <p>Those reads and the write go only where the last INFO showed they cannot be refused: a replica loading or with
 * its link down may answer LOADING or MASTERDOWN, a replica refuses writes with READONLY, and such an error would
 * count in the instance's {@code errorstat_*}, which diagnosis reads as Rspamd's refusals. So the first probe after a
 * (re)connection reads INFO first, and the keys in a second round trip once that INFO allows them.
 *
 * <p>When asked ({@link #wantConfig}, about once a minute, and on the first probe), {@code CONFIG GET} of the
 * directives repcon writes goes behind INFO too. An instance that refuses CONFIG (renamed away, or an ACL without it)
 * is not asked again on that connection: each refusal would count in its {@code errorstat_ERR}.
 */
final class InstanceProbe extends Target<InstanceRef, InstanceSample> {

    private static final Logger LOG = Log.get(InstanceProbe.class);

    private final Instance instance;
    private final Host host;
    private final Transports transports;
    private final ProbeOptions options;
    private final Heartbeat.Assignment heartbeat;
    /** Used by one probe at a time (the in-flight rule); volatile for close() from another thread. */
    private volatile Jedis jedis;
    /** The INFO of the last probe on the current connection; null after a failure or before the first. */
    private volatile Info lastInfo;
    /** CONFIG GET goes with the next probe; cleared once read. */
    private volatile boolean configWanted = true;
    /** The instance refused CONFIG GET on this connection: not asked again on it. */
    private volatile boolean configRefused;
    /** Rspamd's per-user Bayes hashes, for a bayes instance; null for the others. */
    private final StatfileSums statfiles;

    InstanceProbe(Instance instance, Host host, Transports transports, ProbeOptions options) {
        this(instance, host, transports, options, Heartbeat.Assignment.NONE);
    }

    InstanceProbe(Instance instance, Host host, Transports transports, ProbeOptions options, Heartbeat.Assignment heartbeat) {
        super("instance", instance.ref());
        this.instance = instance;
        this.host = host;
        this.transports = transports;
        this.options = options;
        this.heartbeat = heartbeat;
        this.statfiles = instance.kind() == Kind.BAYES ? new StatfileSums() : null;
    }

    @Override
    InstanceSample probe() {
        long timeMs = System.currentTimeMillis();
        boolean reused = jedis != null;
        try {
            return attempt(timeMs);
        } catch (JedisConnectionException e) {
            // A kept connection that fails at once was closed on the other side (a restart, an idle timeout):
            // that says nothing about the instance now, so try once on a fresh one. A timeout is the answer.
            if (!reused || isTimeout(e)) return classify(timeMs, e);
            LOG.fine(() -> label + ": kept connection failed (" + e.getMessage() + "), reconnecting");
        } catch (RuntimeException e) {
            return classify(timeMs, e);
        }
        try {
            return attempt(timeMs);
        } catch (RuntimeException e) {
            return classify(timeMs, e);
        }
    }

    private InstanceSample attempt(long timeMs) {
        try {
            Jedis j = jedis;
            if (j == null) {
                j = connect();
                jedis = j;
                configRefused = false; // a restart may have given CONFIG back (a reconnection is rare: one refusal each)
                if (closed) throw new Failure(Status.UNREACHABLE, "prober closed");
            }
            Info before = lastInfo;
            long start = System.nanoTime();
            Pipeline p = j.pipelined();
            Response<Object> infoReply = p.sendCommand(redis.clients.jedis.Protocol.Command.INFO, new String[0]);
            KeyReads keys = keysReadable(before) ? new KeyReads(p, before, true, true) : null;
            List<Response<Object>> config = configWanted && !configRefused ? configGets(p) : null;
            p.sync();
            long rttMicros = (System.nanoTime() - start) / 1000;
            Info info = info(infoReply);
            lastInfo = info;
            RspamdCounts counts = keys == null ? RspamdCounts.NONE : keys.counts();
            OptionalLong beat = keys == null ? OptionalLong.empty() : keys.heartbeat();
            if (keys == null && hasKeysToRead() && keysReadable(info)) {
                // A fresh connection: its first INFO says now that the keys answer. A second round trip, once per
                // connection, so that a one-shot status or check has Rspamd's counters and the heartbeat too; and a
                // third where per-user statistics were found, to sum them. Each with INFO again, so that the sample's
                // offsets and counters are of one moment, as in every later probe (the heartbeat, read once, is of the
                // second). No heartbeat is written here: a one-shot command would leave every master with a write
                // newer than its last save, which the dataset guard must then treat as unsaved data.
                Pipeline again = j.pipelined();
                Response<Object> infoAgain = again.sendCommand(redis.clients.jedis.Protocol.Command.INFO, new String[0]);
                keys = new KeyReads(again, info, true, false);
                again.sync();
                info = info(infoAgain);
                counts = keys.counts();
                beat = keys.heartbeat();
                if (statfiles != null && statfiles.summable()) {
                    Pipeline sums = j.pipelined();
                    Response<Object> infoSums = sums.sendCommand(redis.clients.jedis.Protocol.Command.INFO, new String[0]);
                    KeyReads summed = new KeyReads(sums, info, false, false);
                    sums.sync();
                    info = info(infoSums);
                    counts = summed.counts();
                }
                lastInfo = info;
            }
            InstanceSample sample = InstanceSample.ok(ref, timeMs, info, rttMicros, counts, beat);
            return config == null ? sample : running(config, System.currentTimeMillis()).map(sample::withConfig).orElse(sample);
        } catch (RuntimeException e) {
            drop(); // after any failure the connection's state is unknown; the next probe starts clean
            throw e;
        }
    }

    /**
     * Rspamd's counters, a bayes instance's per-user sums and the heartbeat (read; on a master also written), queued on
     * a pipeline where {@code known}, the instance's last INFO, says they are answered.
     */
    private final class KeyReads {
        private final Response<java.util.List<String>> counters;
        private final StatfileSums.Pending perUser;
        private final Response<String> beat;

        /**
         * @param readBeat read the heartbeat too: once per probe
         * @param writeBeat and on a master that writes it, write it after the read
         */
        KeyReads(Pipeline p, Info known, boolean readBeat, boolean writeBeat) {
            counters = instance.kind() == Kind.BAYES ? p.hmget("RS", "learns_spam", "learns_ham")
                    : instance.kind() == Kind.FUZZY ? p.mget("fuzzy_count", "fuzzylocal") : null;
            perUser = statfiles == null ? null : statfiles.queue(p);
            beat = readBeat && heartbeat.duty() != Heartbeat.Duty.NONE ? p.hget(Heartbeat.KEY, heartbeat.field()) : null;
            if (beat != null && writeBeat && heartbeat.duty() == Heartbeat.Duty.WRITE && known.role() == Role.MASTER) {
                p.hset(Heartbeat.KEY, heartbeat.field(), Long.toString(System.currentTimeMillis()));
                p.pexpire(Heartbeat.KEY, Heartbeat.TTL.toMillis());
            }
        }

        /** After the pipeline's sync. */
        RspamdCounts counts() {
            return InstanceProbe.this.counts(counters, perUser == null ? null : statfiles.read(perUser));
        }

        OptionalLong heartbeat() {
            return beat == null ? OptionalLong.empty() : RspamdCounts.number(quietly(beat));
        }
    }

    /** Rspamd's counters (a bayes or fuzzy instance) or the heartbeat: anything but INFO to read here. */
    private boolean hasKeysToRead() {
        return instance.kind() == Kind.BAYES || instance.kind() == Kind.FUZZY || heartbeat.duty() != Heartbeat.Duty.NONE;
    }

    private static Info info(Response<Object> reply) {
        return InfoParser.parse(redis.clients.jedis.util.SafeEncoder.encode((byte[]) reply.get()));
    }

    /** Asks for CONFIG GET with the next probe. */
    void wantConfig() {
        configWanted = true;
        if (statfiles != null) statfiles.want(); // many users' learns are summed at the same pace
    }

    private static List<Response<Object>> configGets(Pipeline p) {
        List<Response<Object>> replies = new ArrayList<>();
        for (String d : RunningConfig.DIRECTIVES) {
            replies.add(p.sendCommand(redis.clients.jedis.Protocol.Command.CONFIG, "GET", d));
        }
        return replies;
    }

    /** The CONFIG GET replies as one reading; empty (and not asked again on this connection) when the instance refused them. */
    private java.util.Optional<RunningConfig> running(List<Response<Object>> replies, long readMs) {
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        for (Response<Object> r : replies) {
            Object reply;
            try {
                reply = r.get();
            } catch (JedisDataException e) {
                configRefused = true;
                LOG.info(() -> label + ": CONFIG GET refused (" + e.getMessage() + "); its drift is not read");
                return java.util.Optional.empty();
            }
            if (!(reply instanceof List<?> words)) continue;
            for (int k = 0; k + 1 < words.size(); k += 2) {
                String name = redis.clients.jedis.util.SafeEncoder.encode((byte[]) words.get(k));
                String value = redis.clients.jedis.util.SafeEncoder.encode((byte[]) words.get(k + 1));
                values.put(name, RunningConfig.secret(name) ? RunningConfig.fingerprint(value) : value);
            }
        }
        configWanted = false;
        return java.util.Optional.of(new RunningConfig(readMs, values));
    }

    /** Whether the last INFO says a read of a key is answered, not refused (see the class comment). */
    private static boolean keysReadable(Info last) {
        if (last == null || last.flag("loading").orElse(true)) return false;
        return last.role() == Role.MASTER || last.masterLink().map(MasterLink::up).orElse(false);
    }

    /** The counters as read, a bayes instance's per-user learns added to its global ones. */
    private RspamdCounts counts(Response<java.util.List<String>> reply, RspamdCounts.PerUser perUser) {
        if (reply == null) return RspamdCounts.NONE;
        java.util.List<String> v;
        try {
            v = reply.get();
        } catch (JedisDataException e) {
            v = null; // a key of another type: not Rspamd's
        }
        boolean global = v != null && v.size() >= 2 && (v.get(0) != null || v.get(1) != null);
        if (instance.kind() == Kind.BAYES) {
            if (!global && perUser == null) return RspamdCounts.NONE;
            OptionalLong spam = global ? RspamdCounts.number(zero(v.get(0))) : OptionalLong.of(0);
            OptionalLong ham = global ? RspamdCounts.number(zero(v.get(1))) : OptionalLong.of(0);
            if (perUser != null) {
                spam = plus(spam, perUser.spamLearns());
                ham = plus(ham, perUser.hamLearns());
            }
            return new RspamdCounts(spam, ham, OptionalLong.empty(), OptionalLong.empty(), perUser);
        }
        if (!global) return RspamdCounts.NONE;
        return new RspamdCounts(OptionalLong.empty(), OptionalLong.empty(), RspamdCounts.number(zero(v.get(0))),
                RspamdCounts.number(v.get(1)));
    }

    private static OptionalLong plus(OptionalLong a, OptionalLong b) {
        return a.isPresent() && b.isPresent() ? OptionalLong.of(a.getAsLong() + b.getAsLong()) : a;
    }

    /** A counter Rspamd has not made yet counts none. */
    private static String zero(String v) {
        return v == null ? "0" : v;
    }

    /** A reply of a key read that an error (another type) makes absent, not the probe's failure. */
    private static String quietly(Response<String> reply) {
        try {
            return reply.get();
        } catch (JedisDataException e) {
            return null;
        }
    }

    private Jedis connect() {
        Endpoint endpoint;
        try {
            endpoint = transports.of(host).reach(host.loopback(), instance.port());
        } catch (RepconException e) {
            throw new Failure(Status.UNREACHABLE, e.getMessage());
        }
        String password;
        try {
            password = instance.password().map(Secret::reveal).orElse(null);
        } catch (RepconException e) {
            throw new Failure(Status.AUTH_FAILED, e.getMessage());
        }
        return RedisConnector.connect(endpoint, password, options.connectTimeout(), options.readTimeout());
    }

    private void drop() {
        Jedis j = jedis;
        jedis = null;
        lastInfo = null;
        closeQuietly(j);
    }

    @Override
    void close() {
        super.close();
        drop(); // also unblocks a probe stuck reading from a frozen instance
    }

    @Override
    InstanceSample unexpected(long timeMs, RuntimeException e) {
        return InstanceSample.failed(ref, timeMs, Status.UNREACHABLE, "probe failed: " + e);
    }

    @Override
    InstanceSample pending(long timeMs) {
        return InstanceSample.pending(ref, timeMs);
    }

    private InstanceSample classify(long timeMs, RuntimeException e) {
        if (e instanceof Failure f) return InstanceSample.failed(ref, timeMs, f.status, f.getMessage());
        if (e instanceof JedisDataException d) return errorReply(timeMs, String.valueOf(d.getMessage()));
        if (e instanceof JedisConnectionException) {
            for (Throwable c : causes(e)) {
                if (c instanceof SocketTimeoutException s) {
                    boolean connecting = String.valueOf(s.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
                    return InstanceSample.failed(ref, timeMs, Status.TIMEOUT, connecting
                            ? "connect timed out after " + options.connectTimeout().toMillis() + " ms"
                            : "no reply within " + options.readTimeout().toMillis() + " ms");
                }
                if (c instanceof ConnectException ce) {
                    return Net.refused(ce) ? InstanceSample.failed(ref, timeMs, Status.REFUSED, "connection refused")
                            : InstanceSample.failed(ref, timeMs, Status.UNREACHABLE, String.valueOf(ce.getMessage()));
                }
                if (c instanceof UnknownHostException u) {
                    return InstanceSample.failed(ref, timeMs, Status.UNREACHABLE, "unknown host " + u.getMessage());
                }
            }
            String m = String.valueOf(e.getMessage());
            boolean closedAtOnce = m.startsWith("Unexpected end of stream") || causes(e).stream().anyMatch(Net::closedByPeer);
            if (closedAtOnce && !host.access().isLocal()) {
                // Over ssh the local end of the forward always accepts; when nothing listens on the remote
                // port, ssh closes the connection at once. By here the connection was a fresh one.
                return InstanceSample.failed(ref, timeMs, Status.REFUSED, "connection refused on " + host.name()
                        + " (the ssh forward was closed at once)");
            }
            if (m.startsWith("Unexpected end of stream")) m = "connection closed by the server";
            return InstanceSample.failed(ref, timeMs, Status.PROTOCOL, m);
        }
        LOG.warning(() -> label + ": unexpected " + e);
        return unexpected(timeMs, e);
    }

    /** An error reply, to AUTH on connect or to INFO: which of them matters for the status. */
    private InstanceSample errorReply(long timeMs, String m) {
        Status status;
        if (m.startsWith("NOAUTH")) {
            status = Status.AUTH_REQUIRED;
        } else if (m.startsWith("WRONGPASS") || m.startsWith("NOPERM") || m.contains("invalid password")
                || m.contains("without any password configured")) {
            status = Status.AUTH_FAILED;
        } else if (m.startsWith("BUSY")) {
            status = Status.BUSY;
        } else {
            status = Status.PROTOCOL;
        }
        return InstanceSample.failed(ref, timeMs, status, m);
    }

    private static boolean isTimeout(Throwable e) {
        return causes(e).stream().anyMatch(SocketTimeoutException.class::isInstance);
    }

    /**
     * The exception, its causes and what they suppressed, breadth first: Jedis reports a failed connect as
     * "Failed to connect to host:port." with the real reason (refused, timed out) only as a suppressed exception.
     */
    private static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        Deque<Throwable> todo = new ArrayDeque<>(List.of(e));
        while (!todo.isEmpty() && all.size() < 20) {
            Throwable t = todo.removeFirst();
            if (all.contains(t)) continue;
            all.add(t);
            if (t.getCause() != null) todo.add(t.getCause());
            todo.addAll(List.of(t.getSuppressed()));
        }
        return all;
    }

    /** A failure whose status is known where it happens; no stack trace, it is an answer, not a bug. */
    private static final class Failure extends RuntimeException {
        final Status status;

        Failure(Status status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
