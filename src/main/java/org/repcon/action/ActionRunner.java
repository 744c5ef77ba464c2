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
            Optional<String> why = check(action);
            if (why.isPresent()) throw rails.stop(request, Outcome.REFUSED, why.get());
            return change(request, action);
        } catch (Rails.Stopped s) {
            return result(command, s.outcome(), s.getMessage());
        }
    }

    private ActionResult read(Command command) {
        Action action = Actions.create(command, ctx);
        Optional<String> why = check(action);
        if (why.isPresent()) return result(command, Outcome.REFUSED, redactor.scrub(why.get()));
        try {
            List<OutputLine> lines = action.output().stream()
                    .map(l -> new OutputLine(redactor.scrub(l.text()), l.meaning())).toList();
            return new ActionResult(Outcome.DONE, redactor.scrub(action.verify(reporter)), lines);
        } catch (RepconException e) {
            return result(command, Outcome.FAILED, redactor.scrub(e.getMessage()));
        }
    }

    private static Optional<String> check(Action action) {
        try {
            return action.check();
        } catch (RepconException e) {
            return Optional.of(e.getMessage());
        }
    }

    private ActionResult change(Rails.Request asked, Action action) {
        Plan plan;
        try {
            plan = action.plan();
        } catch (RepconException e) {
            throw rails.stop(asked, Outcome.FAILED, e.getMessage());
        }
        Preview preview = Preview.of(plan, redactor::scrub);
        Rails.Request request = asked.withPlanned(preview.commands());
        Confirmation kind = preview.confirmation();
        String name = action.subject();
        String prompt = kind == Confirmation.TYPE_NAME
                ? "this destroys data on " + name + ": type " + name + " to go on (anything else stops): "
                : preview.title() + "? [y/n] ";
        List<Host> hosts = action.hosts().stream().flatMap(h -> ctx.topology().host(h).stream()).toList();
        try (Rails.Change change = rails.open(request, () -> reporter.preview(preview), kind, prompt, name, hosts, reporter::note)) {
            // The answer may come minutes after the preview, and another change may have run meanwhile: the
            // preconditions (the dataset guard among them) are checked again under the locks, just before the first step.
            Optional<String> now = check(action);
            if (now.isPresent()) throw rails.stop(request, Outcome.REFUSED, "no longer safe since the preview: " + now.get());
            Rails.Unit unit = change.begin(request);
            StepRunner steps = new StepRunner(ctx).asking(confirmer);
            try {
                steps.run(plan.steps(), reporter);
                String verified = steps.reported(action.verify(reporter));
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

    private static ActionResult result(Command command, Outcome outcome, String said) {
        return result(command.text(), outcome, said);
    }

    private static ActionResult result(String command, Outcome outcome, String said) {
        LOG.log(outcome == Outcome.FAILED ? Level.WARNING : Level.INFO, () -> outcome.word() + ": " + command + ": " + said);
        return new ActionResult(outcome, said, List.of());
    }
}
