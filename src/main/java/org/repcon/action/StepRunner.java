package org.repcon.action;

import java.util.ArrayList;
import java.util.List;
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
    private Progress output = Progress.NONE;

    public StepRunner(ActionContext ctx) {
        this.ctx = ctx;
    }

    /** Where the last lines of each command's output go (setup shows them live); by default nowhere. */
    public StepRunner showingOutput(Progress output) {
        this.output = output;
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
            // The signals actually sent: SIGKILL only when SIGTERM was not enough.
            return s.process().stop(ctx.transports().of(s.host()), s.grace()).stream().map(c -> s.host() + "$ " + c).toList();
        } else {
            throw new IllegalStateException("no runner for " + step);
        }
        return List.of(step.display());
    }

    private void showOutput(ExecResult r) {
        List<String> lines = (r.stdout() + r.stderr()).lines().filter(l -> !l.isBlank()).toList();
        lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size()).forEach(l -> output.note("  | " + l));
    }

    /** What ran, as the audit records it. */
    public List<String> ran() {
        return List.copyOf(ran);
    }

    /** The files written, with their backups. */
    public List<FileWrite> written() {
        return List.copyOf(written);
    }
}
