package org.repcon.action;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.repcon.topology.Host;
import org.repcon.transport.ExecResult;
import org.repcon.transport.Transport;
import org.repcon.util.Log;
import org.repcon.util.Pids;
import org.repcon.util.RepconException;

/**
 * One change at a time per host: a lock directory made with an atomic {@code mkdir} on the host itself, through its
 * transport (so two operators on two machines, over ssh, see the same lock), holding an {@code owner} file that says
 * who holds it, from which machine, with which pid, for what and since when. A second change is refused in one line
 * naming the holder. A lock whose holder is gone (on this machine, its pid no longer runs) or that is older than
 * {@link #STALE} is taken over after a check, and said so. Released when the change ends, fails, or repcon is shut
 * down (Ctrl-C, SIGTERM); a holder killed with SIGKILL leaves it for the next one to take over.
 *
 * <p>Where it lives, per platform: the lab under the lab directory ({@code ROOT/HOST/run/repcon/lock}), Debian
 * {@code /run/repcon/lock}, FreeBSD {@code /var/run/repcon/lock}: run directories, emptied at boot, when no holder
 * can survive either.
 */
public final class HostLock implements AutoCloseable {

    private static final Logger LOG = Log.get(HostLock.class);
    private static final Gson GSON = new Gson();

    /** A lock held longer than this is taken over: no action or setup takes that long, so its holder is presumed lost. */
    static final Duration STALE = Duration.ofHours(2);
    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(15);
    private static final int TAKEN = 3;

    /**
     * $1 the lock directory, $2 its parent, $3 the owner line. Takes the lock (exit 0), or prints the present owner
     * (exit 3). One line: csh-family login shells refuse newlines in quotes (see RemoteShell).
     */
    private static final String ACQUIRE = "mkdir -p -- \"$2\" || exit 4;"
            + " if mkdir -- \"$1\" 2>/dev/null; then printf '%s\\n' \"$3\" > \"$1/owner\" || { rm -rf -- \"$1\"; exit 4; }; exit 0; fi;"
            + " [ -d \"$1\" ] || { echo \"cannot make $1\" >&2; exit 4; }; cat -- \"$1/owner\" 2>/dev/null; exit 3";
    /** $1 the lock directory, $2 the owner line that must be in it: removed only if it still is (never another's). */
    private static final String REMOVE_IF = "[ \"$(cat -- \"$1/owner\" 2>/dev/null)\" = \"$2\" ] || exit 3;"
            + " mv -- \"$1\" \"$1.gone.$$\" && rm -rf -- \"$1.gone.$$\"";

    /** Locks this process holds, released by the shutdown hook when repcon is stopped mid-change. */
    private static final Set<HostLock> HELD = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> HELD.forEach(HostLock::close), "repcon-host-locks"));
    }

    /** Who holds a lock: written as one JSON line in the owner file. */
    record Owner(String user, String machine, long pid, String what, String since) {

        static Owner me(String what) {
            return new Owner(System.getProperty("user.name", "?"), AuditRecord.machine(), ProcessHandle.current().pid(),
                    what, OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        }

        String line() {
            return GSON.toJson(this);
        }

        static Optional<Owner> parse(String line) {
            try {
                Owner o = GSON.fromJson(line.strip(), Owner.class);
                return o == null || o.since == null ? Optional.empty() : Optional.of(o);
            } catch (JsonParseException e) {
                return Optional.empty();
            }
        }

        Optional<Instant> sinceInstant() {
            try {
                return Optional.of(OffsetDateTime.parse(since).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }

        /** "root@mx1 pid 1234 since 12:03:04: setup --apply" */
        String describe() {
            String when = sinceInstant().map(i -> {
                var local = i.atZone(ZoneId.systemDefault());
                return local.toLocalDate().equals(LocalDate.now())
                        ? local.format(DateTimeFormatter.ofPattern("HH:mm:ss"))
                        : local.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
            }).orElse(since);
            return user + "@" + machine + " pid " + pid + " since " + when + ": " + what;
        }

        /** Why its holder is gone, if it is: its process no longer runs here, or it is older than {@link #STALE}. */
        Optional<String> gone(Instant now) {
            if (machine.equals(AuditRecord.machine())) {
                // On this machine the pid tells; a pid reused by a process started after the lock was taken is not its holder.
                Optional<Instant> started = ProcessHandle.of(pid).flatMap(p -> p.info().startInstant());
                boolean running = Pids.isRunning(pid)
                        && started.flatMap(s -> sinceInstant().map(t -> !s.isAfter(t.plusSeconds(1)))).orElse(true);
                if (!running) return Optional.of("process " + pid + " no longer runs on " + machine);
            }
            Optional<Instant> since = sinceInstant();
            if (since.isPresent() && Duration.between(since.get(), now).compareTo(STALE) > 0) {
                return Optional.of("held for more than " + STALE.toHours() + " hours, longer than any change takes");
            }
            return Optional.empty();
        }
    }

    private final Host host;
    private final Transport transport;
    private final String dir;
    private final Owner owner;

    private HostLock(Host host, Transport transport, String dir, Owner owner) {
        this.host = host;
        this.transport = transport;
        this.dir = dir;
        this.owner = owner;
    }

    /** Where a host's lock lives (see the class comment). */
    public static String path(Host host) {
        String under = switch (host.platform()) {
            case LAB -> "/" + host.name() + "/run/repcon";
            case DEBIAN -> "/run/repcon";
            case FREEBSD -> "/var/run/repcon";
        };
        return host.underRoot(under) + "/lock";
    }

    /**
     * Takes the host's lock for {@code what} (the command, as the holder line shows it). A lock whose holder is gone is
     * taken over and {@code note} is told so. A RepconException says who holds it, or why it could not be taken.
     */
    public static HostLock acquire(Transport transport, Host host, String what, Consumer<String> note) {
        String dir = path(host);
        Owner me = Owner.me(what);
        HostLock lock = new HostLock(host, transport, dir, me);
        for (int attempt = 0; attempt < 2; attempt++) {
            // Held before the host says so: a shutdown right after the mkdir still releases it (only if it is ours).
            HELD.add(lock);
            ExecResult r = exec(transport, ACQUIRE, dir, dir.substring(0, dir.lastIndexOf('/')), me.line());
            if (r.ok()) {
                LOG.info(() -> "locked " + host.name() + " (" + dir + ") for " + what);
                return lock;
            }
            HELD.remove(lock);
            if (r.connectionFailed() || r.timedOut() || r.exitCode() != TAKEN) {
                throw RepconException.failed("cannot lock " + host.name() + " (" + dir + "): " + why(r));
            }
            String line = r.stdout().strip();
            Optional<Owner> holder = Owner.parse(line);
            if (holder.isEmpty()) {
                throw RepconException.failed(host.name() + " is locked by an unknown holder (no owner in " + dir
                        + "/owner); if no repcon is changing it, remove " + dir);
            }
            Optional<String> gone = holder.get().gone(Instant.now());
            if (gone.isEmpty()) throw RepconException.failed(host.name() + " is locked by " + holder.get().describe());
            // Removed only if the owner is still the one judged gone: two operators taking over at once cannot both win.
            ExecResult removed = exec(transport, REMOVE_IF, dir, line);
            if (removed.ok()) {
                note.accept("took over the lock of " + host.name() + " from " + holder.get().describe() + " (" + gone.get() + ")");
                LOG.warning("took over the lock of " + host.name() + " from " + line + ": " + gone.get());
            }
        }
        throw RepconException.failed(host.name() + " is being locked by another repcon right now; try again");
    }

    public Host host() {
        return host;
    }

    /** Releases the lock if it is still this one's; idempotent, never throws (a lock left behind is taken over later). */
    @Override
    public void close() {
        if (!HELD.remove(this)) return;
        // A change stopped by Ctrl-C leaves its thread interrupted, which cannot wait for the command: clear it meanwhile.
        boolean interrupted = Thread.interrupted();
        try {
            ExecResult r = exec(transport, REMOVE_IF, dir, owner.line());
            if (!r.ok()) LOG.warning("could not release the lock of " + host.name() + " (" + dir + "): " + why(r));
        } catch (RuntimeException e) {
            LOG.warning("could not release the lock of " + host.name() + " (" + dir + "): " + e);
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** How the lock command failed, in a few words: the script itself is no news to the operator. */
    private static String why(ExecResult r) {
        String err = r.stderr().strip().lines().findFirst().orElse("");
        if (r.connectionFailed()) return err;
        if (r.timedOut()) return "no answer within " + EXEC_TIMEOUT.toSeconds() + " s";
        return err.isEmpty() ? "exit " + r.exitCode() : err;
    }

    private static ExecResult exec(Transport transport, String script, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("sh", "-c", script, "sh"));
        argv.addAll(List.of(args));
        return transport.exec(argv, EXEC_TIMEOUT);
    }
}
