package org.repcon.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.repcon.topology.Host;
import org.repcon.transport.FileWrite;
import org.repcon.util.Log;
import org.repcon.util.RepconException;

/**
 * The rails every change to a deployment runs on, actions and setup steps alike ({@link ActionRunner},
 * {@code SetupRunner}), in one place, failing closed: read-only refuses it before anything is read; the audit log
 * must be writable before anything is shown; the confirmation (y/n with no default, or a name typed); one lock per
 * host changed ({@link HostLock}), held until the change ends; and the audit record first: a unit of work starts
 * only after its 'started' record is on disk, so a crash still leaves a trace, and its result record follows.
 * Every refusal and every end is an audit record.
 */
public final class Rails {

    private static final Logger LOG = Log.get(Rails.class);

    /** What is asked of the deployment, as the audit records it and a host lock names it. */
    public record Request(String verb, String command, String host, String target, List<String> planned, long startNanos) {

        public Request {
            planned = List.copyOf(planned);
        }

        public Request(String verb, String command, String host, String target, List<String> planned) {
            this(verb, command, host, target, planned, System.nanoTime());
        }

        public Request withPlanned(List<String> commands) {
            return new Request(verb, command, host, target, commands, startNanos);
        }
    }

    /** A change stopped on the rails, already audited: why, and whether it was declined or refused. */
    public static final class Stopped extends RuntimeException {
        private final Outcome outcome;

        Stopped(Outcome outcome, String message) {
            super(message, null, false, false);
            this.outcome = outcome;
        }

        public Outcome outcome() {
            return outcome;
        }
    }

    private final ActionContext ctx;
    private final boolean readOnly;
    private final Audit audit;
    private final Confirmer confirmer;
    private final Redactor redactor;

    public Rails(ActionContext ctx, boolean readOnly, Audit audit, Confirmer confirmer) {
        this.ctx = ctx;
        this.readOnly = readOnly;
        this.audit = audit;
        this.confirmer = confirmer;
        this.redactor = Redactor.of(ctx.topology());
    }

    public boolean readOnly() {
        return readOnly;
    }

    public Redactor redactor() {
        return redactor;
    }

    /** The first rail, before anything is read or shown: read-only refuses every change ({@code what} names it). */
    public void refuseIfReadOnly(Request request, String what) {
        if (readOnly) throw stop(request, Outcome.REFUSED, "read-only mode: " + what + " changes the deployment");
    }

    /** Ends a change that did not get past a rail of its caller's own (a failed precondition), audited; to be thrown. */
    public Stopped stop(Request request, Outcome outcome, String message) {
        String said = redactor.scrub(message);
        record(request, outcome, said, List.of(), List.of());
        LOG.info(() -> outcome.word() + ": " + request.command() + ": " + said);
        return new Stopped(outcome, said);
    }

    /**
     * The rails between a change's plan and its first command: the audit log writable (before the preview: nothing is
     * asked for in vain), the preview shown, the confirmation, then the locks of {@code hosts}. The returned change
     * holds the locks until closed; a {@link Stopped} (audited) says why there is none.
     *
     * @param name for {@link Confirmation#TYPE_NAME}: what must be typed
     * @param note where a lock taken over from a gone holder is said
     */
    public Change open(Request request, Runnable preview, Confirmation kind, String prompt, String name, List<Host> hosts,
                       Consumer<String> note) {
        try {
            audit.checkWritable();
        } catch (RepconException e) {
            LOG.warning(e.getMessage());
            throw new Stopped(Outcome.REFUSED, e.getMessage()); // it could not be recorded either
        }
        preview.run();
        Optional<Confirmations.NotConfirmed> no = Confirmations.ask(confirmer, kind, prompt, name);
        if (no.isPresent()) throw stop(request, no.get().outcome(), no.get().message());
        Change change = new Change(request, note);
        try {
            for (Host host : hosts) change.lock(host);
        } catch (RuntimeException e) {
            // Whatever stopped the second lock (a refusal, a closed transport, a bug), the first is not kept.
            change.close();
            throw e;
        }
        return change;
    }

    /** A confirmed change: the host locks it holds (released by {@link #close}), and its audited units of work. */
    public final class Change implements AutoCloseable {
        private final Request request;
        private final Consumer<String> note;
        private final Map<String, HostLock> locks = new LinkedHashMap<>();

        private Change(Request request, Consumer<String> note) {
            this.request = request;
            this.note = note;
        }

        /** Takes the host's lock unless this change holds it already; a {@link Stopped} (audited) names its holder. */
        public void lock(Host host) {
            if (locks.containsKey(host.name())) return;
            try {
                locks.put(host.name(), HostLock.acquire(ctx.transport(host), host, request.command(), note));
            } catch (RepconException e) {
                throw stop(request, Outcome.REFUSED, e.getMessage());
            }
        }

        /**
         * Audit first: writes the unit's 'started' record, and only then may it run; a {@link Stopped} when the record
         * cannot be written (nothing runs unrecorded).
         */
        public Unit begin(Request unit) {
            boolean interrupted = Thread.interrupted();
            try {
                audit.append(record(unit, "started", "", List.of(), List.of()));
            } catch (RepconException e) {
                LOG.warning(e.getMessage());
                throw new Stopped(Outcome.REFUSED, e.getMessage());
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
            return new Unit(unit);
        }

        /** Releases the locks; the change's units have ended (or never began). */
        @Override
        public void close() {
            locks.values().forEach(HostLock::close);
            locks.clear();
        }
    }

    /** A unit of work whose 'started' record is written; {@link #end} writes its result. */
    public final class Unit {
        private final Request request;

        private Unit(Request request) {
            this.request = request;
        }

        /**
         * Writes the result record: what ran and was written (from {@code steps}, may be null) and how it ended. Returns
         * the message as the operator should read it (scrubbed, and saying so when the record could not be written).
         */
        public String end(Outcome outcome, String message, StepRunner steps) {
            List<FileWrite> written = steps == null ? List.of() : steps.written();
            return end(outcome, message, steps == null ? List.of() : steps.ran(),
                    written.stream().map(w -> new AuditRecord.FileChange(w.path(), w.backup().orElse(null))).toList());
        }

        /** The same, for work done outside a {@link StepRunner}: what ran, and the files it changed. */
        public String end(Outcome outcome, String message, List<String> ran, List<AuditRecord.FileChange> files) {
            String said = redactor.scrub(message);
            Optional<String> failed = record(request, outcome, said, ran.stream().map(redactor::scrub).toList(), files);
            return failed.map(why -> said + " (" + why + ")").orElse(said);
        }
    }

    /** Appends a record; empty when written, else why not (logged: the change it records has happened or not, regardless). */
    private Optional<String> record(Request request, Outcome outcome, String message, List<String> ran,
                                    List<AuditRecord.FileChange> files) {
        // A change stopped by Ctrl-C leaves the thread interrupted, and an interrupted thread cannot write a file channel:
        // clear it for the record, and set it again after.
        boolean interrupted = Thread.interrupted();
        try {
            audit.append(record(request, outcome.word(), message, ran, files));
            return Optional.empty();
        } catch (RepconException e) {
            LOG.warning(e.getMessage());
            return Optional.of(e.getMessage());
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private AuditRecord record(Request r, String outcome, String message, List<String> ran, List<AuditRecord.FileChange> files) {
        return AuditRecord.now(r.host(), r.target(), r.verb(), redactor.scrub(r.command()), readOnly,
                r.planned().stream().map(redactor::scrub).toList(), new ArrayList<>(ran), files, outcome, redactor.scrub(message),
                (System.nanoTime() - r.startNanos()) / 1_000_000);
    }
}
