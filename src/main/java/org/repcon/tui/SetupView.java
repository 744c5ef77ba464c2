package org.repcon.tui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.repcon.action.Confirmer;
import org.repcon.action.Outcome;
import org.repcon.setup.Check;
import org.repcon.setup.HostPlan;
import org.repcon.setup.PlanLines;
import org.repcon.setup.PlannedStep;
import org.repcon.setup.Setup;
import org.repcon.setup.SetupPlan;
import org.repcon.setup.SetupProgress;
import org.repcon.setup.SetupResult;
import org.repcon.setup.SetupRunner;
import org.repcon.setup.State;
import org.repcon.topology.Host;
import org.repcon.tui.paint.Line;
import org.repcon.tui.paint.Scroll;
import org.repcon.tui.paint.SetupPane;
import org.repcon.tui.theme.Role;
import org.repcon.util.RepconException;

/**
 * The setup view's state: one host's plan, the selected step, and what an apply says as it runs. Checking and
 * applying run on a worker thread of the view's own and report back through the UI thread; the runner's y/n
 * question goes to the console's bottom line ({@link ConsoleConfirmer}), like an action's. Lives on the UI thread,
 * except where said.
 */
final class SetupView {

    /** Output lines kept: the end of a long apply is what matters. */
    private static final int OUTPUT_MAX = 500;

    private final Setup setup;
    private final boolean readOnly;
    private final Consumer<Runnable> post;
    private final Confirmer confirmer;
    private final List<Host> hosts;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "repcon-setup");
        t.setDaemon(true);
        return t;
    });

    private int hostIndex;
    private HostPlan plan;
    private int selected;
    private boolean showOutput;
    /** The output pane keeps its last line in view as lines come, until the operator scrolls it. */
    private boolean following;
    private final List<String> output = new ArrayList<>();
    private String status = "";
    private boolean statusError;
    /** An apply runs: nothing else may start until it ends (checks just queue behind one another). */
    private boolean applying;

    final Scroll stepsScroll = new Scroll();
    final Scroll detailScroll = new Scroll();

    /**
     * @param confirmer asks the runner's question, on the worker thread; an interrupted worker (the view closing)
     *                  withdraws it
     */
    SetupView(Setup setup, Host host, boolean readOnly, Consumer<Runnable> post, Confirmer confirmer) {
        this.setup = setup;
        this.readOnly = readOnly;
        this.post = post;
        this.confirmer = confirmer;
        this.hosts = setup.order(setup.topology().hosts());
        this.hostIndex = Math.max(0, hosts.indexOf(host));
        recheck();
    }

    Host host() {
        return hosts.get(hostIndex);
    }

    /** The plan shown, or null while the first check runs. */
    HostPlan plan() {
        return plan;
    }

    int selected() {
        return selected;
    }

    PlannedStep selectedStep() {
        return plan == null || plan.steps().isEmpty() ? null : plan.steps().get(selected);
    }

    boolean showingOutput() {
        return showOutput;
    }

    List<String> output() {
        return output;
    }

    String status() {
        return status;
    }

    boolean statusError() {
        return statusError;
    }

    /** What the setup pane draws. */
    SetupPane.Model model() {
        String title = "Setup " + (plan != null ? PlanLines.heading(plan) : host().name());
        List<SetupPane.StepRow> rows = new ArrayList<>();
        if (plan != null) {
            for (PlannedStep p : plan.steps()) {
                Check c = p.check();
                rows.add(new SetupPane.StepRow(c.state().word(), role(c.state()), p.step().kind().label(), p.step().title(), c.detail()));
            }
        }
        PlannedStep step = selectedStep();
        List<Line> lines = new ArrayList<>();
        String lowerTitle;
        if (showOutput) {
            lowerTitle = "Output (Enter: the step)";
            for (String l : output) lines.add(Line.of(" " + l, l.strip().startsWith("failed") ? Role.CRIT : Role.TEXT));
        } else {
            lowerTitle = step == null ? "Step" : "Step: " + step.step().title() + " (Enter: output)";
            if (step != null) lines.addAll(stepLines(step));
        }
        return new SetupPane.Model(title, rows, selected, !showOutput, "checking " + host().name() + " ...", lowerTitle, status,
                statusError, lines);
    }

    private List<Line> stepLines(PlannedStep p) {
        Check c = p.check();
        List<Line> lines = new ArrayList<>();
        lines.add(Line.builder().add(" " + c.state().word(), role(c.state())).add(c.detail().isEmpty() ? "" : ": " + c.detail(), Role.TEXT)
                .build());
        if (c.state() != State.DONE && plan != null) plan.unreachable().ifPresent(why -> lines.add(Line.of(" " + why, Role.MUTED)));
        if (!c.commands().isEmpty()) {
            lines.add(Line.EMPTY);
            lines.add(Line.of(" applying runs:", Role.TITLE));
            c.commands().forEach(cmd -> lines.add(Line.of("   " + cmd, Role.KEY)));
        }
        if (!c.diff().isEmpty()) {
            lines.add(Line.EMPTY);
            c.diff().lines().forEach(l -> lines.add(SetupPane.diffLine(l)));
        }
        return lines;
    }

    private static Role role(State state) {
        return switch (state) {
            case DONE -> Role.OK;
            case DIFFERS -> Role.WARN;
            case MISSING -> Role.ACCENT;
            case UNKNOWN -> Role.UNKNOWN;
        };
    }

    // ---- keys ----

    /** Detects every step of the host again. */
    void recheck() {
        if (applying) {
            say("wait: setup is applying", true);
            return;
        }
        say("checking " + host().name() + " ...", false);
        check();
    }

    /** Detects the host's steps on the worker; a result for a host no longer shown is dropped. */
    private void check() {
        Host h = host();
        worker.execute(() -> {
            HostPlan p;
            String error = null;
            try {
                p = setup.plan(h);
            } catch (RepconException e) {
                p = null;
                error = e.getMessage();
            }
            HostPlan made = p;
            String failed = error;
            post.accept(() -> {
                if (!h.name().equals(host().name())) return;
                if (made != null) {
                    plan = made;
                    selected = Math.min(selected, Math.max(0, made.steps().size() - 1));
                }
                if (failed != null) say(failed, true);
                else if (status.startsWith("checking")) say("", false);
            });
        });
    }

    void nextHost(int direction) {
        if (applying) {
            say("wait: setup is applying", true);
            return;
        }
        hostIndex = Math.floorMod(hostIndex + direction, hosts.size());
        plan = null;
        selected = 0;
        stepsScroll.reset();
        detailScroll.reset();
        recheck();
    }

    void move(int delta) {
        if (showOutput) {
            following = false;
            detailScroll.by(delta);
            return;
        }
        if (plan == null || plan.steps().isEmpty()) return;
        selected = Math.max(0, Math.min(plan.steps().size() - 1, selected + delta));
        detailScroll.reset();
    }

    /** The next step that is not done, wrapping around. */
    void nextPending() {
        if (plan == null) return;
        int n = plan.steps().size();
        for (int i = 1; i <= n; i++) {
            int at = (selected + i) % n;
            if (plan.steps().get(at).pending()) {
                selected = at;
                detailScroll.reset();
                showOutput = false;
                return;
            }
        }
        say("every step of " + host().name() + " is done", false);
    }

    void toggleOutput() {
        showOutput = !showOutput;
        detailScroll.reset();
    }

    void applySelected() {
        PlannedStep step = selectedStep();
        if (step != null) apply(new HostPlan(plan.host(), plan.unreachable(), List.of(step)));
    }

    void applyAll() {
        if (plan != null) apply(plan);
    }

    /** Stops the worker: a question pending is cancelled, a check or apply running is interrupted. */
    void close() {
        worker.shutdownNow();
    }

    /**
     * After {@link #close}: waits up to {@code limit} for a check or apply to end, so that the transports it uses are
     * not closed under it; false when it still runs. Any thread.
     */
    boolean stopped() {
        return worker.isTerminated();
    }

    boolean awaitStopped(Duration limit) throws InterruptedException {
        return worker.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- applying ----

    private void apply(HostPlan what) {
        if (applying) {
            say("wait: setup is applying", true);
            return;
        }
        applying = true;
        output.clear();
        showOutput = true;
        following = true;
        detailScroll.reset();
        say("applying on " + what.host().name() + " ...", false);
        SetupRunner runner = new SetupRunner(setup, readOnly, confirmer);
        Host h = what.host();
        worker.execute(() -> {
            SetupResult result;
            try {
                result = runner.apply(new SetupPlan(List.of(what)), new Reporter());
            } catch (RuntimeException e) {
                result = new SetupResult(Outcome.FAILED, "internal error: " + e, 0);
            }
            SetupResult r = result;
            post.accept(() -> {
                applying = false;
                say(r.said(), !r.ok());
                addOutput(status);
                if (h.name().equals(host().name())) check(); // the result stays said meanwhile
            });
        });
    }

    /** Progress from the worker, handed to the UI thread. */
    private final class Reporter implements SetupProgress {
        @Override
        public void note(String line) {
            post.accept(() -> addOutput("    " + line));
        }

        @Override
        public void starting(PlannedStep step) {
            post.accept(() -> addOutput(step.host() + ": " + step.step().title()));
        }

        @Override
        public void ended(PlannedStep step, Check now, Outcome outcome, String message) {
            post.accept(() -> {
                addOutput("  " + (outcome == Outcome.DONE ? "done: " : outcome.word() + ": ") + message);
                replace(step, now);
            });
        }
    }

    /** A step's new state, as the apply detected it after its work. */
    private void replace(PlannedStep step, Check now) {
        if (plan == null || !plan.host().name().equals(step.host())) return;
        List<PlannedStep> steps = new ArrayList<>(plan.steps());
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).step() == step.step()) steps.set(i, new PlannedStep(step.step(), now));
        }
        plan = new HostPlan(plan.host(), plan.unreachable(), steps);
    }

    private void addOutput(String line) {
        output.add(line);
        if (output.size() > OUTPUT_MAX) output.remove(0);
        if (following && showOutput) detailScroll.by(OUTPUT_MAX * 4); // clamped to the end when painted
    }

    private void say(String text, boolean error) {
        status = text;
        statusError = error;
    }
}
