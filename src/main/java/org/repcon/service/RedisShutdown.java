package org.repcon.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.repcon.probe.Info;
import org.repcon.probe.InfoParser;
import org.repcon.transport.ExecResult;
import org.repcon.transport.Transport;
import org.repcon.util.RepconException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Stops a redis-server repcon runs itself without losing what it acknowledged. Redis's own {@code SHUTDOWN}
 * (SAVE when the instance persists) rather than a signal with a deadline: since 7.0 Redis first waits up to its
 * {@code shutdown-timeout} for lagging replicas, then saves, and a SIGKILL inside that wait loses writes that were
 * acknowledged. So the wait for the exit is longer than shutdown-timeout plus what its last save took, goes on while
 * it visibly saves, and a SIGKILL happens only when {@link WhenStuck} says so (the operator, in words; the lab, after
 * its bound). Shared by the actions' stop and restart and by {@code lab down}.
 */
public final class RedisShutdown {

    /** How often progress is said while waiting, and how often the log and the temp file are looked at. */
    private static final long NOTE_EVERY_MILLIS = 1000;
    /** shutdown-timeout when it could not be read: Redis 7's default. */
    private static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_LINES = 80;
    private static final Pattern LOG_TIME = Pattern.compile("\\d\\d:\\d\\d:\\d\\d");

    /** How the stop is asked for; chosen before it runs, from the instance's settings, so the preview says it. */
    public enum Request {
        SHUTDOWN_SAVE,
        SHUTDOWN,
        /** Redis handles SIGTERM like SHUTDOWN (saving when it persists): for an instance that cannot be asked. */
        TERM;

        /** As the preview writes it. */
        public String words() {
            return switch (this) {
                case SHUTDOWN_SAVE -> "SHUTDOWN SAVE";
                case SHUTDOWN -> "SHUTDOWN";
                case TERM -> "kill -TERM";
            };
        }

        /** SHUTDOWN SAVE when it persists, plain SHUTDOWN (Redis decides by its config) when not, TERM when it cannot be read. */
        public static Request of(Optional<Settings> settings) {
            return settings.map(s -> s.persists() ? SHUTDOWN_SAVE : SHUTDOWN).orElse(TERM);
        }
    }

    /**
     * What a running instance says about stopping it.
     *
     * @param persistence its settings in words: {@code save "3600 1 300 100"}, {@code appendonly yes}
     * @param shutdownTimeout how long Redis waits for lagging replicas before its final save (zero before 7.0: none)
     * @param rdbFile its {@code dir/dbfilename}
     * @param lastSave {@code rdb_last_save_time} (epoch seconds)
     * @param lastSaveTook how long its last background save took, for how long the final one may take
     */
    public record Settings(boolean persists, String persistence, Duration shutdownTimeout, Optional<String> rdbFile,
                           OptionalLong lastSave, Duration lastSaveTook) {

        /** Reads them with CONFIG GET and INFO persistence; throws Jedis's exceptions (CONFIG may be renamed away). */
        public static Settings read(Jedis j) {
            String save = config(j, "save").orElse("").strip();
            boolean aof = config(j, "appendonly").map("yes"::equalsIgnoreCase).orElse(false);
            Duration timeout = config(j, "shutdown-timeout").filter(v -> v.matches("\\d{1,9}"))
                    .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(Duration.ZERO); // 6.2 has none: no wait
            Optional<String> dir = config(j, "dir");
            Optional<String> file = dir.flatMap(d -> config(j, "dbfilename").map(f -> d.endsWith("/") ? d + f : d + "/" + f));
            Info info = InfoParser.parse(j.info("persistence"));
            String words = aof ? "appendonly yes" + (save.isEmpty() ? "" : ", save \"" + save + "\"")
                    : save.isEmpty() ? "save \"\" and appendonly no" : "save \"" + save + "\"";
            long took = info.longValue("rdb_last_bgsave_time_sec").orElse(0);
            return new Settings(aof || !save.isEmpty(), words, timeout, file, info.longValue("rdb_last_save_time"),
                    Duration.ofSeconds(Math.max(0, took)));
        }

        private static Optional<String> config(Jedis j, String name) {
            return Optional.ofNullable(j.configGet(name).get(name));
        }

        /** How long the exit may take before anyone is asked: the replicas' wait, twice the last save, and the grace. */
        Duration expected(Duration grace) {
            return shutdownTimeout.plus(lastSaveTook.multipliedBy(2)).plus(grace);
        }
    }

    /** Asked when the instance has not exited in the time expected and shows no progress. */
    @FunctionalInterface
    public interface WhenStuck {

        /**
         * @param situation one line: "master/bayes (pid 123) has not exited 12 s after SHUTDOWN SAVE: frozen (...)"
         * @return true to SIGKILL it (what it has not saved is lost); false to leave it running and stop waiting
         */
        boolean kill(String situation);
    }

    public enum FinalSave { DONE, NOT_DONE, NOT_PERSISTING, UNKNOWN }

    /**
     * How it went, once the process is gone (a refusal, or a decision not to kill, is a RepconException instead).
     *
     * @param said one line for the result: how it exited and whether its final save happened, with the evidence
     */
    public record Result(boolean killed, FinalSave save, String said) {}

    private final DirectProcess process;
    private final Transport transport;
    private final Supplier<Jedis> connect;
    private final Duration grace;

    /**
     * @param connect a fresh, authenticated connection to the instance; throws when there is none
     * @param grace how much longer than shutdown-timeout and the save it waits before anyone is asked
     */
    public RedisShutdown(DirectProcess process, Transport transport, Supplier<Jedis> connect, Duration grace) {
        this.process = process;
        this.transport = transport;
        this.connect = connect;
        this.grace = grace;
    }

    /** The settings of the running instance, or empty when it cannot be asked (down, hung, CONFIG renamed...). */
    public Optional<Settings> settings() {
        try (Jedis j = connect.get()) {
            return Optional.of(Settings.read(j));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** What {@link #stop} runs, as one line for previews. */
    public static String describe(String label, long pid, Request request, Optional<Settings> settings, Duration grace) {
        String wait = settings.map(s -> "up to " + s.expected(grace).toSeconds() + " s (its shutdown-timeout "
                + s.shutdownTimeout().toSeconds() + " s, the save, " + grace.toSeconds() + " s)")
                .orElse("up to " + DEFAULT_SHUTDOWN_TIMEOUT.plus(grace).toSeconds() + " s (Redis's default shutdown-timeout "
                        + DEFAULT_SHUTDOWN_TIMEOUT.toSeconds() + " s, " + grace.toSeconds() + " s)");
        String ask = request == Request.TERM ? DirectProcess.kill("TERM", pid)
                : label + "> " + request.words() + " (if it cannot be sent: " + DirectProcess.kill("TERM", pid) + ")";
        return DirectProcess.kill("CONT", pid) + "; " + ask + "; wait for pid " + pid + " to exit " + wait
                + ", longer while it saves; " + DirectProcess.kill("KILL", pid) + " only if confirmed";
    }

    /**
     * Stops the process {@code pid} by {@code request}; see the class.
     *
     * @param ran gets each command as it runs, for the audit (also when this throws)
     */
    public Result stop(long pid, Request request, List<String> ran, Consumer<String> notes, WhenStuck whenStuck) {
        return new Stop(pid, ran, notes).run(request, whenStuck);
    }

    /** One stop as it goes: what was sent, what ran. */
    private final class Stop {
        final long pid;
        final List<String> ran;
        final Consumer<String> notes;
        final String label = process.label();
        Optional<Settings> settings = Optional.empty();
        Request requested;
        Request sent;
        /** The connection SHUTDOWN was sent on, closed when repcon stops waiting (Redis goes on shutting down). */
        Jedis sending;
        CompletableFuture<Optional<String>> refusal = CompletableFuture.completedFuture(Optional.empty());

        Stop(long pid, List<String> ran, Consumer<String> notes) {
            this.pid = pid;
            this.ran = ran;
            this.notes = notes;
        }

        Result run(Request request, WhenStuck whenStuck) {
            requested = request;
            DirectProcess.signal(transport, "CONT", pid, ran); // a frozen process can neither answer nor exit
            if (request == Request.TERM) {
                settings = settings();
                term("");
            } else {
                Jedis jedis = null;
                try {
                    jedis = connect.get();
                    settings = Optional.of(Settings.read(jedis));
                } catch (JedisDataException e) {
                    // CONFIG renamed away or not allowed: SHUTDOWN may still be, and Redis knows its own config.
                    if (refusedAccess(oneLine(e))) {
                        jedis = closed(jedis);
                        term(" (" + oneLine(e) + ")");
                    }
                } catch (RuntimeException e) {
                    jedis = closed(jedis);
                    term(" (" + oneLine(e) + ")");
                }
                if (jedis != null) send(jedis, request);
            }
            Duration expected = settings.map(x -> x.expected(grace)).orElse(DEFAULT_SHUTDOWN_TIMEOUT.plus(grace));
            notes.accept("sent " + sent.words() + " to " + label + " (pid " + pid + "); waiting for it to exit: "
                    + expected.toSeconds() + " s before asking" + settings.map(x -> " (shutdown-timeout " + x.shutdownTimeout().toSeconds()
                    + " s" + (x.lastSaveTook().isZero() ? "" : ", last save took " + x.lastSaveTook().toSeconds() + " s") + ")").orElse(""));
            long start = System.nanoTime();
            long stoppedAt = System.currentTimeMillis() / 1000;
            boolean killed = waitForExit(expected, whenStuck, start);
            List<String> lines = shutdownLines(pid);
            FinalSave save = finalSave(lines, settings, killed);
            String said = label + (killed ? " was killed (" + DirectProcess.kill("KILL", pid) + ") " : " exited ")
                    + String.format("%.1f", (System.nanoTime() - start) / 1e9) + " s after " + sent.words() + "; "
                    + saveWords(save, lines, settings, stoppedAt) + replicasInSync(lines);
            return new Result(killed, save, said);
        }

        private Jedis closed(Jedis jedis) {
            if (jedis != null) jedis.close();
            return null;
        }

        /** SIGTERM, which Redis handles like SHUTDOWN (saving when it persists): when it cannot be asked ({@code why}). */
        private void term(String why) {
            if (!why.isEmpty()) {
                notes.accept("could not send " + requested.words() + " to " + label + why
                        + ": sending SIGTERM, which Redis handles as SHUTDOWN (saving when it persists)");
            }
            sent = Request.TERM;
            DirectProcess.signal(transport, "TERM", pid, ran);
        }

        /** SHUTDOWN on a thread of its own: on success the reply is the connection closing; an error reply is a refusal. */
        private void send(Jedis jedis, Request request) {
            sent = request;
            sending = jedis;
            ran.add(label + "> " + request.words());
            CompletableFuture<Optional<String>> reply = new CompletableFuture<>();
            refusal = reply;
            Thread sender = new Thread(() -> {
                try (jedis) {
                    // It answers only when it refuses, after waiting for replicas and trying to save: read that long.
                    jedis.getConnection().setSoTimeout(0);
                    Object r = request == Request.SHUTDOWN_SAVE ? jedis.sendCommand(Protocol.Command.SHUTDOWN, "SAVE")
                            : jedis.sendCommand(Protocol.Command.SHUTDOWN);
                    reply.complete(Optional.of("it replied " + r));
                } catch (JedisDataException e) {
                    reply.complete(Optional.of(oneLine(e)));
                } catch (RuntimeException e) {
                    reply.complete(Optional.empty()); // the connection closed: it is exiting
                }
            }, "repcon-shutdown " + label);
            sender.setDaemon(true);
            sender.start();
        }

        /** Returns whether it had to be killed; throws when it refused, or when it was left running. */
        private boolean waitForExit(Duration expected, WhenStuck whenStuck, long start) {
            try {
                return awaitExit(expected, whenStuck, start);
            } finally {
                if (sending != null) sending.close(); // its sender thread ends; a waiting shutdown goes on
            }
        }

        private boolean awaitExit(Duration expected, WhenStuck whenStuck, long start) {
            long deadline = start + expected.toNanos();
            long nextLook = start + NOTE_EVERY_MILLIS * 1_000_000;
            long lastChange = start;
            String seen = "";
            while (DirectProcess.running(transport, pid)) {
                Optional<String> refused = refusal.getNow(Optional.empty());
                if (refused.isPresent() && DirectProcess.running(transport, pid)) {
                    refusal = CompletableFuture.completedFuture(Optional.empty());
                    if (!refusedAccess(refused.get())) {
                        throw RepconException.failed(label + " refused " + sent.words() + ": " + refused.get() + lastWarning(pid)
                                + "; it keeps running, with its data" + process.logFile().map(l -> ": see " + l).orElse(""));
                    }
                    term(" (" + refused.get() + ")");
                }
                long now = System.nanoTime();
                if (now >= nextLook) {
                    nextLook = now + NOTE_EVERY_MILLIS * 1_000_000;
                    String phase = phase(pid, settings);
                    String look = phase + "|" + tempSize(pid, settings);
                    if (!look.equals(seen)) {
                        seen = look;
                        lastChange = now;
                    }
                    notes.accept("waiting for " + label + " (pid " + pid + ") to exit: " + seconds(now - start) + " s; " + phase);
                }
                if (now > deadline) {
                    boolean frozen = DirectProcess.frozen(transport, pid);
                    // Still visibly saving: Redis's own wait is over, so this is the save itself, which is never cut short.
                    if (frozen || now - lastChange > Math.max(grace.toNanos(), 3 * NOTE_EVERY_MILLIS * 1_000_000)) {
                        String situation = label + " (pid " + pid + ") has not exited " + seconds(now - start) + " s after "
                                + sent.words() + ": " + (frozen ? "it is frozen (stopped by a signal; SIGCONT lets it go on)"
                                : phase(pid, settings) + ", no progress for " + seconds(now - lastChange) + " s");
                        if (!whenStuck.kill(situation)) {
                            throw RepconException.failed(situation + "; not killed: it keeps running and its final save has"
                                    + " not happened yet");
                        }
                        process.kill(transport, pid, ran);
                        return true;
                    }
                }
                try {
                    Thread.sleep(DirectProcess.POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw RepconException.failed("interrupted while waiting for " + label + " to exit: it was not killed"
                            + " and goes on shutting down");
                }
            }
            return false;
        }
    }

    /** A refusal that says it may not be asked (auth, ACL, a renamed command), not that it could not stop: SIGTERM instead. */
    private static boolean refusedAccess(String error) {
        return error.startsWith("NOAUTH") || error.startsWith("WRONGPASS") || error.startsWith("NOPERM")
                || error.startsWith("ERR unknown command");
    }

    /** What the shutdown is at, from its log since it began. */
    private String phase(long pid, Optional<Settings> settings) {
        List<String> lines = shutdownLines(pid);
        String last = "";
        for (String l : lines) {
            if (l.contains("Waiting for replicas before shutting down")) last = "waiting for its replicas to catch up (up to "
                    + settings.map(s -> s.shutdownTimeout().toSeconds() + " s, its shutdown-timeout)").orElse("its shutdown-timeout)");
            else if (l.contains("Saving the final RDB snapshot")) last = "saving its final RDB snapshot";
            else if (l.contains("DB saved on disk")) last = "saved; exiting";
            else if (l.contains("Error trying to save") || l.contains("Errors trying to")) last = "its final save failed: " + message(l);
        }
        if (last.startsWith("saving")) {
            long size = tempSize(pid, settings);
            if (size >= 0) last += " (" + size / 1024 + " KiB written)";
        }
        return last.isEmpty() ? (lines.isEmpty() ? "no shutdown in its log yet" : "shutting down") : last;
    }

    /** The lines its log has for this process since the shutdown began (empty without a log). */
    private List<String> shutdownLines(long pid) {
        if (process.logFile().isEmpty()) return List.of();
        String mine = pid + ":";
        List<String> lines = transport.tail(process.logFile().get(), LOG_LINES).stream().filter(l -> l.startsWith(mine)).toList();
        int from = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.contains("User requested shutdown") || l.contains("scheduling shutdown")) from = i;
        }
        return from < 0 ? List.of() : lines.subList(from, lines.size());
    }

    private static FinalSave finalSave(List<String> lines, Optional<Settings> settings, boolean killed) {
        if (lines.stream().anyMatch(l -> l.contains("DB saved on disk"))) return FinalSave.DONE;
        if (settings.isPresent() && !settings.get().persists()) return FinalSave.NOT_PERSISTING;
        if (killed || lines.stream().anyMatch(l -> l.contains("Error trying to save") || l.contains("Errors trying to"))) {
            return FinalSave.NOT_DONE;
        }
        return FinalSave.UNKNOWN;
    }

    private String saveWords(FinalSave save, List<String> lines, Optional<Settings> settings, long stoppedAt) {
        String lastSave = settings.flatMap(s -> s.lastSave().isPresent() ? Optional.of(s.lastSave().getAsLong()) : Optional.empty())
                .map(t -> " (its last save was " + Math.max(0, stoppedAt - t) + " s before the stop)").orElse("");
        return switch (save) {
            case DONE -> "final save done (\"DB saved on disk\"" + lines.stream().filter(l -> l.contains("DB saved on disk"))
                    .reduce((a, b) -> b).flatMap(RedisShutdown::time).map(t -> " at " + t).orElse("")
                    + settings.flatMap(s -> s.rdbFile()).flatMap(this::mtime).map(m -> ", " + m).orElse("") + ")";
            case NOT_PERSISTING -> "no final save: it does not persist (" + settings.get().persistence() + ")";
            case NOT_DONE -> "the final save did NOT happen: writes since its last save may be lost" + lastSave;
            case UNKNOWN -> "whether a final save happened is unknown: no \"DB saved on disk\" in its log" + lastSave;
        };
    }

    /** "2 of 2 replicas are in sync", when Redis 7 said so. */
    private static String replicasInSync(List<String> lines) {
        return lines.stream().filter(l -> l.contains("replicas are in sync when shutting down")).reduce((a, b) -> b)
                .map(l -> "; " + message(l).replaceAll(" are in sync when shutting down\\.?$", " were in sync when it stopped")).orElse("");
    }

    /** "bayes.rdb written at 00:19:12", in the host's time like its log lines. */
    private Optional<String> mtime(String file) {
        ExecResult r = transport.exec(List.of("stat", "-c", "%y", file), DirectProcess.COMMAND_LIMIT);
        return r.ok() ? time(r.stdout()).map(t -> file.substring(file.lastIndexOf('/') + 1) + " written at " + t) : Optional.empty();
    }

    /** The size of the temp file the final save writes ({@code dir/temp-PID.rdb}), or -1. */
    private long tempSize(long pid, Optional<Settings> settings) {
        Optional<String> file = settings.flatMap(Settings::rdbFile).map(f -> f.substring(0, f.lastIndexOf('/') + 1) + "temp-" + pid + ".rdb");
        if (file.isEmpty()) return -1;
        ExecResult r = transport.exec(List.of("stat", "-c", "%s", file.get()), DirectProcess.COMMAND_LIMIT);
        return r.ok() && r.stdout().strip().matches("\\d{1,15}") ? Long.parseLong(r.stdout().strip()) : -1;
    }

    /** The first warning of the shutdown in its log (why the save failed), as " (its log: ...)". */
    private String lastWarning(long pid) {
        return shutdownLines(pid).stream().filter(l -> l.contains(" # ") && !l.contains("User requested shutdown")).findFirst()
                .map(l -> " (its log says: " + message(l) + ")").orElse("");
    }

    /** The message of a log line {@code pid:R dd Mon yyyy hh:mm:ss.mmm L message}. */
    private static String message(String line) {
        Matcher m = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d+ [.\\-*#] ").matcher(line);
        return m.find() ? line.substring(m.end()).strip() : line.strip();
    }

    private static Optional<String> time(String line) {
        Matcher m = LOG_TIME.matcher(line);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    private static long seconds(long nanos) {
        return nanos / 1_000_000_000L;
    }

    private static String oneLine(Throwable e) {
        String m = String.valueOf(e.getMessage()).strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
