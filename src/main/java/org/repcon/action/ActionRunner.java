package org.repcon.action;

import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.repcon.command.Command;
import org.repcon.command.Target;
import org.repcon.command.Verb;
import org.repcon.topology.Host;
import org.repcon.util.Log;
import org.repcon.util.RepconException;

/**
 * The one way an action runs: the preconditions, the preview, the execution of the plan's steps and the
 * verification, on the {@link Rails} every change runs on (read-only first, the audit log, the confirmation: y/n
 * with no default, or the instance's name typed for what destroys data; the host's lock; the audit record before
 * the first step and after the last).
 */
public final class ActionRunner {

    private static final Logger LOG = Log.get(ActionRunner.class);

    private final ActionContext ctx;
    private final Rails rails;
    /** Also for a step that must ask mid-way (a stop that does not end: KILL typed, or not). */
    private final Confirmer confirmer;
    private final Reporter reporter;
    private final Redactor redactor;

    public ActionRunner(ActionContext ctx, boolean readOnly, Confirmer confirmer, Reporter reporter, Audit audit) {
        this.ctx = ctx;
        this.rails = new Rails(ctx, readOnly, audit, confirmer);
        this.confirmer = confirmer;
        this.reporter = reporter;
        this.redactor = rails.redactor();
    }

    public boolean readOnly() {
        return rails.readOnly();
    }

    public ActionContext context() {
        return ctx;
    }

    /** Runs a command of {@link Verb.Scope#ACTION} scope through every guard; never throws for a refusal or a failure. */
    public ActionResult run(Command command) {
        // What changes something is the verb table's to say, here and for every front end.
        if (!command.verb().mutates()) return read(command);
        Optional<Target> target = command.subject();
        Rails.Request request = new Rails.Request(command.verb().word(), command.text(),
                target.map(t -> t.host().name()).orElse(""), target.map(Target::key).orElse(""), List.of());
        try {
            // Before any action exists, so no verb can slip past it.
            rails.refuseIfReadOnly(request, "'" + command.verb().word() + "'");
            Action action = Actions.create(command, ctx);
            Checked checked = check(action);
            if (checked instanceof Checked.Refused no) throw rails.stop(request, Outcome.REFUSED, no.why());
            return change(request, action, ((Checked.Ready) checked).plan());
        } catch (Rails.Stopped s) {
            return result(command, s.outcome(), s.getMessage());
        }
    }

    private ActionResult read(Command command) {
        Checked checked = check(Actions.create(command, ctx));
        if (checked instanceof Checked.Refused no) return result(command, Outcome.REFUSED, redactor.scrub(no.why()));
        try {
            Plan.Verified read = ((Checked.Ready) checked).plan().verification().verify(reporter);
            List<OutputLine> lines = read.output().stream()
                    .map(l -> l.withText(redactor.scrub(l.text()))).toList();
            return new ActionResult(Outcome.DONE, redactor.scrub(read.said()), lines);
        } catch (RepconException e) {
            return result(command, Outcome.FAILED, redactor.scrub(e.getMessage()));
        }
    }

    /** The action's check; a host that cannot be read while checking refuses it too. */
    private static Checked check(Action action) {
        try {
            return action.check();
        } catch (RepconException e) {
            return Checked.refused(e.getMessage());
        }
    }

    private ActionResult change(Rails.Request asked, Action action, Plan shown) {
        Preview preview = Preview.of(shown, redactor::scrub);
        Rails.Request request = asked.withPlanned(preview.commands());
        Confirmation kind = preview.confirmation();
        String name = action.subject();
        String prompt = kind == Confirmation.TYPE_NAME
                ? (shown.stakes().isEmpty() ? "this destroys data on " + name : shown.stakes()) + ": type " + name
                        + " to go on (anything else stops): "
                : preview.title() + "? [y/n] ";
        List<Host> hosts = shown.hosts().stream().flatMap(h -> ctx.topology().host(h).stream()).toList();
        try (Rails.Change change = rails.open(request, () -> reporter.preview(preview), kind, prompt, name, hosts, reporter::note)) {
            // The answer may come minutes after the preview, and another change may have run meanwhile: the
            // preconditions (the dataset guard among them) are checked again under the locks, just before the first step,
            // from a fresh read; what runs is the fresh plan, and only if it is what was confirmed.
            Plan plan = recheck(request, action, preview);
            Rails.Unit unit = change.begin(request);
            StepRunner steps = new StepRunner(ctx).asking(confirmer);
            try {
                steps.run(plan.steps(), reporter);
                String verified = steps.reported(plan.verification().verify(reporter).said());
                return result(request.command(), Outcome.DONE, unit.end(Outcome.DONE, verified, steps));
            } catch (RepconException e) {
                return result(request.command(), Outcome.FAILED, unit.end(Outcome.FAILED, e.getMessage(), steps));
            } catch (RuntimeException e) {
                // A bug: still recorded (steps may have run), then reported as one.
                unit.end(Outcome.FAILED, "internal error: " + e, steps);
                throw e;
            }
        }
    }

    /**
     * The check again, after the answer: the fresh plan, when it still passes and would do what the operator confirmed
     * (the same commands and file changes, the same confirmation); else a {@link Rails.Stopped}, audited.
     */
    private Plan recheck(Rails.Request request, Action action, Preview confirmed) {
        String changed = "no longer safe since the preview: ";
        Checked now = check(action);
        if (now instanceof Checked.Refused no) throw rails.stop(request, Outcome.REFUSED, changed + no.why());
        Plan plan = ((Checked.Ready) now).plan();
        Preview fresh = Preview.of(plan, redactor::scrub);
        if (!fresh.sameChange(confirmed)) {
            String asks = fresh.confirmation() == confirmed.confirmation() ? ""
                    : fresh.confirmation() == Confirmation.TYPE_NAME ? ", and needs the name typed" : ", and needs another answer";
            throw rails.stop(request, Outcome.REFUSED, changed + "the plan changed; it would now run: "
                    + String.join("; ", fresh.commands()) + asks);
        }
        return plan;
    }

    private static ActionResult result(Command command, Outcome outcome, String said) {
        return result(command.text(), outcome, said);
    }

    private static ActionResult result(String command, Outcome outcome, String said) {
        LOG.log(outcome == Outcome.FAILED ? Level.WARNING : Level.INFO, () -> outcome.word() + ": " + command + ": " + said);
        return new ActionResult(outcome, said, List.of());
    }
}
