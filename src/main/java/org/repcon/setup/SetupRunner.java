package org.repcon.setup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.logging.Logger;
import org.repcon.action.Audit;
import org.repcon.action.AuditRecord;
import org.repcon.action.Confirmation;
import org.repcon.action.Confirmations;
import org.repcon.action.Confirmer;
import org.repcon.action.Outcome;
import org.repcon.action.Redactor;
import org.repcon.action.StepRunner;
import org.repcon.util.Log;
import org.repcon.util.RepconException;

/**
 * The one way a setup plan is applied, and where its safety lives, as {@link org.repcon.action.ActionRunner} is for
 * actions: the read-only refusal, the audit log writable before anything runs, a y/n confirmation (Enter alone is no
 * answer), then the plan's pending steps in order, each detected again right before it is applied (what is already
 * as wanted is left alone) and after (it must be done then), stopping at the first failure with a one-line reason.
 * Every step applied, and every refusal, is an audit line.
 */
public final class SetupRunner {

    private static final Logger LOG = Log.get(SetupRunner.class);

    private final Setup setup;
    private final boolean readOnly;
    private final Confirmer confirmer;
    private final Audit audit;
    private final Redactor redactor;

    public SetupRunner(Setup setup, boolean readOnly, Confirmer confirmer) {
        this.setup = setup;
        this.readOnly = readOnly;
        this.confirmer = confirmer;
        this.audit = setup.audit();
        this.redactor = Redactor.of(setup.topology());
    }

    /** Applies the plan's pending steps (shown to the operator before this is called); never throws for a refusal or a failure. */
    public SetupResult apply(SetupPlan plan, SetupProgress progress) {
        long start = System.nanoTime();
        List<PlannedStep> pending = plan.pending();
        String hosts = String.join(", ", pending.stream().map(PlannedStep::host).collect(Collectors.toCollection(LinkedHashSet::new)));
        List<String> titles = pending.stream().map(p -> p.host() + ": " + p.step().title()).toList();
        if (readOnly) return whole(hosts, titles, Outcome.REFUSED, "read-only mode: setup changes the deployment", start);
        if (pending.isEmpty()) return new SetupResult(Outcome.DONE, "nothing to do: every step is done", 0);
        try {
            audit.checkWritable();
        } catch (RepconException e) {
            return new SetupResult(Outcome.REFUSED, e.getMessage() + "; nothing runs unrecorded", 0);
        }
        String prompt = "apply " + pending.size() + " step" + (pending.size() == 1 ? "" : "s") + " on " + hosts + "? [y/n] ";
        Optional<Confirmations.NotConfirmed> no = Confirmations.ask(confirmer, Confirmation.YES_NO, prompt, "");
        if (no.isPresent()) return whole(hosts, titles, no.get().outcome(), no.get().message(), start);

        Optional<SetupResult> noSecrets = makeSecrets(pending, hosts, titles, progress, start);
        if (noSecrets.isPresent()) return noSecrets.get();
        int applied = 0;
        Set<String> reached = new HashSet<>();
        for (PlannedStep p : pending) {
            if (reached.add(p.host())) {
                Optional<String> unreachable = setup.unreachable(p.step().host());
                if (unreachable.isPresent()) {
                    return failed(p, Check.of(State.UNKNOWN, unreachable.get(), List.of()), unreachable.get(),
                            new StepRunner(setup.context().actions()), progress, System.nanoTime(), applied);
                }
            }
            StepEnd end = step(p, progress, applied);
            if (end.failure() != null) return end.failure();
            if (end.applied()) applied++;
        }
        int already = pending.size() - applied;
        String message = "applied " + applied + " step" + (applied == 1 ? "" : "s") + " on " + hosts
                + (already == 0 ? "" : " (" + already + " more found done by then)");
        LOG.info("setup: " + message);
        return new SetupResult(Outcome.DONE, message, applied);
    }

    /** How one step ended: applied, or found done already; or the failure that stops the apply. */
    private record StepEnd(boolean applied, SetupResult failure) {}

    /** Detects the step again, applies it unless it is done by now, and detects it after: it must be done then. */
    private StepEnd step(PlannedStep p, SetupProgress progress, int applied) {
        long start = System.nanoTime();
        SetupContext ctx = setup.context();
        progress.starting(p);
        Check now = p.step().detect(ctx);
        if (now.done()) {
            progress.ended(p, now, Outcome.DONE, now.detail());
            return new StepEnd(false, null);
        }
        StepRunner runner = new StepRunner(ctx.actions()).showingOutput(progress);
        try {
            String said = redactor.scrub(p.step().apply(ctx, now, runner, progress));
            Check after = p.step().detect(ctx);
            if (after.state() == State.MISSING || after.state() == State.DIFFERS) {
                throw RepconException.failed("still " + after.state().word() + " after applying: " + after.detail());
            }
            record(p, now, runner, Outcome.DONE, said, start);
            progress.ended(p, after, Outcome.DONE, said);
            return new StepEnd(true, null);
        } catch (RepconException e) {
            return new StepEnd(false, failed(p, now, e.getMessage(), runner, progress, start, applied));
        } catch (RuntimeException e) {
            record(p, now, runner, Outcome.FAILED, "internal error: " + e, start); // a bug: still recorded, then reported as one
            throw e;
        }
    }

    /** The PSK secrets a pending PSK file needs, generated once; empty when there was nothing to make or it went well. */
    private Optional<SetupResult> makeSecrets(List<PlannedStep> pending, String hosts, List<String> titles, SetupProgress progress,
                                              long start) {
        SetupContext ctx = setup.context();
        if (pending.stream().noneMatch(p -> p.step().kind() == StepKind.PSK) || ctx.missingSecrets().isEmpty()) return Optional.empty();
        try {
            List<String> made = ctx.ensureSecrets();
            String said = "generated PSK secrets for " + String.join(", ", made) + " into " + setup.topology().secrets()
                    + " (mode 0600)";
            progress.note(said);
            record("", String.join(",", made), "generate PSK secrets", List.of(), List.of(),
                    List.of(new AuditRecord.FileChange(setup.topology().secrets().toString(), null)), Outcome.DONE, said, start);
            return Optional.empty();
        } catch (RepconException e) {
            return Optional.of(whole(hosts, titles, Outcome.FAILED, "PSK secrets: " + e.getMessage(), start));
        }
    }

    private SetupResult failed(PlannedStep p, Check now, String why, StepRunner runner, SetupProgress progress, long start,
                               int applied) {
        String title = p.step().title();
        String message = redactor.scrub((title.contains(p.host()) ? "" : p.host() + ": ") + title + ": " + why);
        record(p, now, runner, Outcome.FAILED, message, start);
        // What it is now: detected again, unless it could not even be told (a second look would say the same, slowly).
        progress.ended(p, now.state() == State.UNKNOWN ? now : p.step().detect(setup.context()), Outcome.FAILED, message);
        LOG.warning("setup failed: " + message);
        return new SetupResult(Outcome.FAILED, message, applied);
    }

    private void record(PlannedStep p, Check now, StepRunner runner, Outcome outcome, String message, long start) {
        record(p.host(), p.step().target(), p.step().title(), now.commands(),
                runner.ran().stream().map(redactor::scrub).toList(),
                runner.written().stream().map(w -> new AuditRecord.FileChange(w.path(), w.backup().orElse(null))).toList(),
                outcome, message, start);
    }

    /** A refusal or a declined confirmation of the whole plan: nothing ran. */
    private SetupResult whole(String hosts, List<String> titles, Outcome outcome, String message, long start) {
        record(hosts, "", "apply the plan", titles, List.of(), List.of(), outcome, message, start);
        LOG.info("setup " + outcome.word() + ": " + message);
        return new SetupResult(outcome, message, 0);
    }

    private void record(String host, String target, String what, List<String> planned, List<String> ran,
                        List<AuditRecord.FileChange> files, Outcome outcome, String message, long start) {
        // An apply stopped by Ctrl-C leaves the thread interrupted, which cannot write a file channel: clear it meanwhile.
        boolean interrupted = Thread.interrupted();
        try {
            audit.append(AuditRecord.now(host, target, "setup", redactor.scrub("setup " + (host.isEmpty() ? "" : host + ": ") + what),
                    readOnly, planned.stream().map(redactor::scrub).toList(), new ArrayList<>(ran), files, outcome.word(),
                    redactor.scrub(message), (System.nanoTime() - start) / 1_000_000));
        } catch (RepconException e) {
            LOG.log(Level.WARNING, e.getMessage());
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
