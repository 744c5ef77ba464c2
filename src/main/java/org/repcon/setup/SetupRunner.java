package org.repcon.setup;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.logging.Logger;
import org.repcon.action.AuditRecord;
import org.repcon.action.Confirmation;
import org.repcon.action.Confirmer;
import org.repcon.action.Outcome;
import org.repcon.action.Rails;
import org.repcon.action.Redactor;
import org.repcon.action.StepRunner;
import org.repcon.util.Log;
import org.repcon.util.RepconException;

/**
 * The one way a setup plan is applied, on the {@link Rails} every change runs on, as {@link org.repcon.action.ActionRunner}
 * is for actions: read-only refuses it, the audit log must be writable, a y/n confirmation (Enter alone is no answer),
 * each host locked from its first step to the end of the apply, then the plan's pending steps in order, each detected
 * again right before it is applied (what is already as wanted is left alone), its 'started' record written before it
 * runs, and detected after (it must be done then), stopping at the first failure with a one-line reason. Every step
 * applied, and every refusal, is an audit record.
 */
public final class SetupRunner {

    private static final Logger LOG = Log.get(SetupRunner.class);

    private final Setup setup;
    private final Rails rails;
    private final Redactor redactor;

    public SetupRunner(Setup setup, boolean readOnly, Confirmer confirmer) {
        this.setup = setup;
        this.rails = new Rails(setup.context().actions(), readOnly, setup.audit(), confirmer);
        this.redactor = rails.redactor();
    }

    /** Applies the plan's pending steps (shown to the operator before this is called); never throws for a refusal or a failure. */
    public SetupResult apply(SetupPlan plan, SetupProgress progress) {
        List<PlannedStep> pending = plan.pending();
        String hosts = String.join(", ", pending.stream().map(PlannedStep::host).collect(Collectors.toCollection(LinkedHashSet::new)));
        List<String> titles = pending.stream().map(p -> p.host() + ": " + p.step().title()).toList();
        Rails.Request whole = new Rails.Request("setup", "setup --apply: " + hosts, hosts, "", titles);
        Applied applied = new Applied();
        try {
            rails.refuseIfReadOnly(whole, "setup");
            if (pending.isEmpty()) return new SetupResult(Outcome.DONE, "nothing to do: every step is done", 0);
            String prompt = "apply " + pending.size() + " step" + (pending.size() == 1 ? "" : "s") + " on " + hosts + "? [y/n] ";
            try (Rails.Change change = rails.open(whole, () -> { }, Confirmation.YES_NO, prompt, "", List.of(), progress::note)) {
                return apply(change, pending, hosts, progress, applied);
            }
        } catch (Rails.Stopped s) {
            LOG.info("setup " + s.outcome().word() + ": " + s.getMessage());
            return new SetupResult(s.outcome(), s.getMessage(), applied.count);
        }
    }

    /** How many steps changed something so far: said also when the apply stops half-way. */
    private static final class Applied {
        int count;
    }

    private SetupResult apply(Rails.Change change, List<PlannedStep> pending, String hosts, SetupProgress progress, Applied applied) {
        Optional<SetupResult> noSecrets = makeSecrets(change, pending, progress);
        if (noSecrets.isPresent()) return noSecrets.get();
        Set<String> reached = new HashSet<>();
        for (PlannedStep p : pending) {
            if (reached.add(p.host())) {
                Optional<String> unreachable = setup.unreachable(p.step().host());
                if (unreachable.isPresent()) {
                    return failed(p, Check.of(State.UNKNOWN, unreachable.get(), List.of()), unreachable.get(), null, null, progress,
                            applied.count);
                }
                change.lock(p.step().host()); // held to the end of the apply: no other change between its steps
            }
            StepEnd end = step(change, p, progress, applied.count);
            if (end.failure() != null) return end.failure();
            if (end.applied()) applied.count++;
        }
        int already = pending.size() - applied.count;
        String message = "applied " + applied.count + " step" + (applied.count == 1 ? "" : "s") + " on " + hosts
                + (already == 0 ? "" : " (" + already + " more found done by then)");
        LOG.info("setup: " + message);
        return new SetupResult(Outcome.DONE, message, applied.count);
    }

    /** How one step ended: applied, or found done already; or the failure that stops the apply. */
    private record StepEnd(boolean applied, SetupResult failure) {}

    /** Detects the step again, applies it unless it is done by now, and detects it after: it must be done then. */
    private StepEnd step(Rails.Change change, PlannedStep p, SetupProgress progress, int applied) {
        SetupContext ctx = setup.context();
        progress.starting(p);
        Check now = p.step().detect(ctx);
        if (now.done()) {
            progress.ended(p, now, Outcome.DONE, now.detail());
            return new StepEnd(false, null);
        }
        Rails.Unit unit = change.begin(request(p, now));
        StepRunner runner = new StepRunner(ctx.actions()).showingOutput(progress);
        try {
            String said = redactor.scrub(p.step().apply(ctx, now, runner, progress));
            Check after = p.step().detect(ctx);
            if (after.state() == State.MISSING || after.state() == State.DIFFERS) {
                throw RepconException.failed("still " + after.state().word() + " after applying: " + after.detail());
            }
            progress.ended(p, after, Outcome.DONE, unit.end(Outcome.DONE, said, runner));
            return new StepEnd(true, null);
        } catch (RepconException e) {
            return new StepEnd(false, failed(p, now, e.getMessage(), runner, unit, progress, applied));
        } catch (RuntimeException e) {
            unit.end(Outcome.FAILED, "internal error: " + e, runner); // a bug: still recorded, then reported as one
            throw e;
        }
    }

    private static Rails.Request request(PlannedStep p, Check now) {
        return new Rails.Request("setup", "setup " + p.host() + ": " + p.step().title(), p.host(), p.step().target(), now.commands());
    }

    /** The PSK secrets a pending PSK file needs, generated once; empty when there was nothing to make or it went well. */
    private Optional<SetupResult> makeSecrets(Rails.Change change, List<PlannedStep> pending, SetupProgress progress) {
        SetupContext ctx = setup.context();
        List<String> missing = ctx.missingSecrets();
        if (pending.stream().noneMatch(p -> p.step().kind() == StepKind.PSK) || missing.isEmpty()) return Optional.empty();
        String secrets = setup.topology().secrets().toString();
        Rails.Unit unit = change.begin(new Rails.Request("setup", "setup generate PSK secrets", "", String.join(",", missing), List.of()));
        List<AuditRecord.FileChange> file = List.of(new AuditRecord.FileChange(secrets, null));
        try {
            List<String> made = ctx.ensureSecrets();
            String said = "generated PSK secrets for " + String.join(", ", made) + " into " + secrets + " (mode 0600)";
            progress.note(said);
            unit.end(Outcome.DONE, said, List.of(), file);
            return Optional.empty();
        } catch (RepconException e) {
            String message = unit.end(Outcome.FAILED, "PSK secrets: " + e.getMessage(), List.of(), List.of());
            return Optional.of(new SetupResult(Outcome.FAILED, message, 0));
        }
    }

    /** The step's failure, recorded (as the end of its unit, or alone when it could not begin), and said. */
    private SetupResult failed(PlannedStep p, Check now, String why, StepRunner runner, Rails.Unit unit, SetupProgress progress,
                               int applied) {
        String title = p.step().title();
        String message = redactor.scrub((title.contains(p.host()) ? "" : p.host() + ": ") + title + ": " + why);
        if (unit != null) {
            message = unit.end(Outcome.FAILED, message, runner);
        } else {
            rails.stop(request(p, now), Outcome.FAILED, message);
        }
        // What it is now: detected again, unless it could not even be told (a second look would say the same, slowly).
        progress.ended(p, now.state() == State.UNKNOWN ? now : p.step().detect(setup.context()), Outcome.FAILED, message);
        LOG.warning("setup failed: " + message);
        return new SetupResult(Outcome.FAILED, message, applied);
    }
}
