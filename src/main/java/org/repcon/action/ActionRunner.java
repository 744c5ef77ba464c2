package org.repcon.action;

import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.repcon.command.Command;
import org.repcon.command.Target;
import org.repcon.command.Verb;
import org.repcon.transport.FileWrite;
import org.repcon.util.Log;
import org.repcon.util.RepconException;

/**
 * The one way an action runs, and the one place its safety lives: the read-only check (here and
 * nowhere else), the preconditions, the preview, the confirmation (y/n with no default, or the
 * instance's name typed for what destroys data), the execution of the plan's steps, the
 * verification, and an audit line for every change asked for, whatever became of it.
 */
public final class ActionRunner {

    private static final Logger LOG = Log.get(ActionRunner.class);

    private final ActionContext ctx;
    private final boolean readOnly;
    private final Confirmer confirmer;
    private final Reporter reporter;
    private final Audit audit;
    private final Redactor redactor;

    public ActionRunner(ActionContext ctx, boolean readOnly, Confirmer confirmer, Reporter reporter, Audit audit) {
        this.ctx = ctx;
        this.readOnly = readOnly;
        this.confirmer = confirmer;
        this.reporter = reporter;
        this.audit = audit;
        this.redactor = Redactor.of(ctx.topology());
    }

    public boolean readOnly() {
        return readOnly;
    }

    public ActionContext context() {
        return ctx;
    }

    /** Runs a command of {@link Verb.Scope#ACTION} scope through every guard; never throws for a refusal or a failure. */
    public ActionResult run(Command command) {
        Run run = new Run(command);
        // The read-only check: before any action exists, by the verb table, so no verb can slip past it.
        if (readOnly && command.verb().mutates()) {
            return run.refused("read-only mode: '" + command.verb().word() + "' changes the deployment");
        }
        Action action = Actions.create(command, ctx);
        run.action = action;
        if (readOnly && action.mutates()) return run.refused("read-only mode: '" + command.text() + "' changes the deployment");
        Optional<String> why;
        try {
            why = action.check();
        } catch (RepconException e) {
            why = Optional.of(e.getMessage());
        }
        if (why.isPresent()) return run.refused(why.get());
        return action.mutates() ? change(run, action) : read(run, action);
    }

    private ActionResult read(Run run, Action action) {
        try {
            List<OutputLine> lines = action.output().stream()
                    .map(l -> new OutputLine(redactor.scrub(l.text()), l.meaning())).toList();
            return new ActionResult(Outcome.DONE, redactor.scrub(action.verify(reporter)), lines);
        } catch (RepconException e) {
            return run.end(Outcome.FAILED, e.getMessage());
        }
    }

    private ActionResult change(Run run, Action action) {
        Plan plan;
        try {
            plan = action.plan();
        } catch (RepconException e) {
            return run.end(Outcome.FAILED, e.getMessage());
        }
        Preview preview = Preview.of(plan, redactor::scrub);
        run.planned = preview.commands();
        try {
            audit.checkWritable();
        } catch (RepconException e) {
            return run.end(Outcome.REFUSED, e.getMessage() + "; nothing runs unrecorded");
        }
        reporter.preview(preview);
        Optional<ActionResult> notConfirmed = confirm(run, preview, action);
        if (notConfirmed.isPresent()) return notConfirmed.get();
        StepRunner steps = new StepRunner(ctx).asking(confirmer);
        run.steps = steps;
        try {
            steps.run(plan.steps(), reporter);
            return run.end(Outcome.DONE, steps.reported(action.verify(reporter)));
        } catch (RepconException e) {
            return run.end(Outcome.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            // A bug: still recorded (steps may have run), then reported as one.
            run.end(Outcome.FAILED, "internal error: " + e);
            throw e;
        }
    }

    /** Empty when confirmed; otherwise the declined or refused result, audited. */
    private Optional<ActionResult> confirm(Run run, Preview preview, Action action) {
        Confirmation kind = preview.confirmation();
        String name = action.subject();
        String prompt = kind == Confirmation.TYPE_NAME
                ? "this destroys data on " + name + ": type " + name + " to go on (anything else stops): "
                : preview.title() + "? [y/n] ";
        return Confirmations.ask(confirmer, kind, prompt, name).map(no -> run.end(no.outcome(), no.message()));
    }

    /** One run's record: built up as it goes, audited (when it concerns a change) and turned into a result at its end. */
    private final class Run {
        final Command command;
        final long start = System.nanoTime();
        Action action;
        List<String> planned = List.of();
        StepRunner steps;

        Run(Command command) {
            this.command = command;
        }

        ActionResult refused(String why) {
            return end(Outcome.REFUSED, why);
        }

        ActionResult end(Outcome outcome, String message) {
            String text = redactor.scrub(message);
            boolean change = command.verb().mutates() || (action != null && action.mutates());
            if (change) {
                // An action stopped by Ctrl-C leaves the thread interrupted, and an interrupted thread cannot write
                // a file channel: clear it for the audit line, and set it again after.
                boolean interrupted = Thread.interrupted();
                try {
                    audit.append(record(outcome, text));
                } catch (RepconException e) {
                    LOG.warning(e.getMessage());
                    if (outcome == Outcome.DONE || outcome == Outcome.FAILED) text += " (" + e.getMessage() + ")";
                } finally {
                    if (interrupted) Thread.currentThread().interrupt();
                }
            }
            String said = text;
            LOG.log(outcome == Outcome.FAILED ? Level.WARNING : Level.INFO, () -> outcome.word() + ": " + command.text() + ": " + said);
            return new ActionResult(outcome, said, List.of());
        }

        private AuditRecord record(Outcome outcome, String message) {
            Optional<Target> target = command.subject();
            List<FileWrite> written = steps == null ? List.of() : steps.written();
            return AuditRecord.now(target.map(t -> t.host().name()).orElse(""), target.map(Target::key).orElse(""),
                    command.verb().word(), redactor.scrub(command.text()), readOnly, planned,
                    steps == null ? List.of() : steps.ran().stream().map(redactor::scrub).toList(),
                    written.stream().map(w -> new AuditRecord.FileChange(w.path(), w.backup().orElse(null))).toList(),
                    outcome.word(), message, (System.nanoTime() - start) / 1_000_000);
        }
    }
}
