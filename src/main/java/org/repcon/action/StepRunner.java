package org.repcon.action;

import java.util.ArrayList;
import java.util.List;
import org.repcon.service.RedisShutdown;
import org.repcon.transport.ExecResult;
import org.repcon.transport.FileWrite;
import org.repcon.util.RepconException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Executes a plan's steps in order, stopping at the first that fails, and keeps what ran and what was
 * written for the audit (also when it stops half-way).
 */
public final class StepRunner {

    /** At most this many lines of a command's output are passed on: the end of an install's says how it went. */
    static final int OUTPUT_LINES = 20;

    private final ActionContext ctx;
    private final List<String> ran = new ArrayList<>();
    private final List<FileWrite> written = new ArrayList<>();
    /** What steps found out that the result must say (whether a stopped instance's final save happened). */
    private final List<String> outcomes = new ArrayList<>();
    private Progress output = Progress.NONE;
    /** Who is asked before a SIGKILL that may lose data; by default nobody, so it never happens. */
    private Confirmer confirmer = q -> new Reply.Unavailable("nobody to ask");

    public StepRunner(ActionContext ctx) {
        this.ctx = ctx;
    }

    /** Where the last lines of each command's output go (setup shows them live); by default nowhere. */
    public StepRunner showingOutput(Progress output) {
        this.output = output;
        return this;
    }

    /** Who confirms, in words, killing an instance that is still saving or waiting for its replicas (the runner's confirmer). */
    public StepRunner asking(Confirmer confirmer) {
        this.confirmer = confirmer;
        return this;
    }

    public void run(List<Step> steps, Progress progress) {
        for (Step step : steps) {
            progress.note("running: " + step.display());
            ran.addAll(run(step, progress));
        }
    }

    /** Runs one step; returns what it ran, as the audit records it. */
    private List<String> run(Step step, Progress progress) {
        if (step instanceof Step.Exec e) {
            ExecResult r = ctx.transports().of(e.host()).exec(e.argv(), e.timeout().orElse(ctx.limits().serviceWait()));
            showOutput(r);
            if (!r.ok()) throw RepconException.failed("on " + e.host() + ": " + r.summary());
        } else if (step instanceof Step.RedisCall c) {
            try (Jedis j = ctx.connect(c.instance())) {
                Redis.call(j, c.args());
            } catch (JedisException ex) {
                throw RepconException.failed(c.display() + ": " + Redis.reason(ex), ex);
            }
        } else if (step instanceof Step.WriteFile w) {
            written.add(ctx.transports().of(w.host()).writeFile(w.path(), w.after(), w.mode()));
        } else if (step instanceof Step.Snapshot s) {
            return List.of(step.display() + ": " + RdbTransfer.snapshot(ctx, s.instance(), progress));
        } else if (step instanceof Step.CopyFile c) {
            RdbTransfer.Copied copied = RdbTransfer.copy(ctx, c);
            written.add(copied.write());
            return List.of(step.display() + ": " + copied.describe());
        } else if (step instanceof Step.StartDirect s) {
            // Readiness is the action's to verify (PING, not just the pid file).
            s.process().start(ctx.transports().of(s.host()), ctx.limits().serviceWait(), () -> true);
        } else if (step instanceof Step.StopDirect s) {
            stop(s, progress);
            return List.of();
        } else {
            throw new IllegalStateException("no runner for " + step);
        }
        return List.of(step.display());
    }

    /** A self-managed daemon stopped; what actually ran goes to the audit, also when it stops half-way. */
    private void stop(Step.StopDirect s, Progress progress) {
        List<String> sent = new ArrayList<>();
        try {
            if (s.shutdown().isEmpty()) {
                // Signals (stunnel): SIGKILL only when SIGTERM was not enough.
                sent.addAll(s.process().stop(ctx.transports().of(s.host()), s.grace()));
                return;
            }
            Step.StopDirect.Shutdown how = s.shutdown().get();
            RedisShutdown.Result r = ServiceControl.of(ctx, how.instance()).redisShutdown()
                    .stop(s.pid(), how.request(), sent, progress::note, this::confirmKill);
            // Killed: what it had not saved is lost, and a master started now would hand its replicas the older
            // dataset: nothing after this runs.
            if (r.killed()) throw RepconException.failed(r.said() + "; nothing after it runs");
            outcomes.add(r.said());
        } finally {
            sent.forEach(c -> ran.add(c.contains("> ") ? c : s.host() + "$ " + c));
        }
    }

    private boolean confirmKill(String situation) {
        String prompt = situation + ": type KILL to kill it (its last writes may be lost); anything else leaves it running"
                + " and stops here: ";
        return Confirmations.ask(confirmer, Confirmation.TYPE_NAME, prompt, "KILL").isEmpty();
    }

    private void showOutput(ExecResult r) {
        List<String> lines = (r.stdout() + r.stderr()).lines().filter(l -> !l.isBlank()).toList();
        lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size()).forEach(l -> output.note("  | " + l));
    }

    /** What ran, as the audit records it. */
    public List<String> ran() {
        return List.copyOf(ran);
    }

    /** The result's line followed by what the steps found out ("master/bayes exited 0.1 s after SHUTDOWN SAVE; final save done ..."). */
    public String reported(String message) {
        return outcomes.isEmpty() ? message : message + "; " + String.join("; ", outcomes);
    }

    /** The files written, with their backups. */
    public List<FileWrite> written() {
        return List.copyOf(written);
    }
}
