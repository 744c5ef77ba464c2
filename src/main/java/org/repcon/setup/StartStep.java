package org.repcon.setup;

import static org.repcon.topology.Convention.COMMON_CONFIG;
import static org.repcon.topology.Convention.INSTANCE_CONFIG;
import static org.repcon.topology.Convention.STUNNEL_CONFIG;
import static org.repcon.topology.Convention.STUNNEL_PSK;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.repcon.action.DatasetGuard;
import org.repcon.action.Progress;
import org.repcon.action.ServiceControl;
import org.repcon.action.ServiceControl.Liveness;
import org.repcon.action.Step;
import org.repcon.action.StepRunner;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.util.RepconException;

/**
 * A Redis instance, or the host's stunnel, running: started as the actions start it (the service manager, or the
 * lab's own daemon) and waited for until it answers: a PING for an instance; for stunnel, a PING through each
 * client end and an accept on each server end. An instance whose running configuration differs from its files (as
 * they are on the host, or as this setup is about to write them: {@link RunningConfig}) is restarted, so that what is
 * verified next is what the files say: a restart pending is seen on the host, even one a killed setup left. stunnel,
 * which has no running configuration to ask, is restarted when its files are to be written or were after it started.
 */
final class StartStep implements SetupStep {

    private final Host host;
    /** The instance, or null for the host's stunnel. */
    private final Instance instance;

    StartStep(Host host, Instance instance) {
        this.host = host;
        this.instance = instance;
    }

    @Override
    public Host host() {
        return host;
    }

    @Override
    public StepKind kind() {
        return instance != null ? StepKind.START_REDIS : StepKind.START_STUNNEL;
    }

    @Override
    public String title() {
        return "start " + (instance != null ? instance.ref().toString() : "stunnel on " + host.name());
    }

    @Override
    public String target() {
        return instance != null ? instance.ref().toString() : host.name() + "/stunnel";
    }

    private String service() {
        return instance != null ? instance.name() : "stunnel";
    }

    /** The files it reads at start. */
    private List<String> files() {
        return instance != null
                ? List.of(host.path(COMMON_CONFIG, "").orElseThrow(), host.instancePath(instance, INSTANCE_CONFIG))
                : Stream.of(host.path(STUNNEL_CONFIG, ""), host.path(STUNNEL_PSK, "")).flatMap(Optional::stream).toList();
    }

    /** One control per way it answers: the instance, or each of the host's tunnel ends. */
    private List<ServiceControl> controls(SetupContext ctx) {
        if (instance != null) return List.of(ServiceControl.of(ctx.actions(), instance));
        return host.tunnels().stream().map(t -> ServiceControl.of(ctx.actions(), t)).toList();
    }

    /** The check, and the steps applying it runs (empty: only wait until it answers). */
    private record Look(Check check, List<Step> steps) {}

    /** The last look, for the apply that follows a detection at once (the runner detects right before applying). */
    private Look last;

    @Override
    public Check detect(SetupContext ctx) {
        last = look(ctx);
        return last.check();
    }

    private Look look(SetupContext ctx) {
        List<ServiceControl> controls = controls(ctx);
        ServiceControl first = controls.get(0);
        Optional<String> undrivable = first.undrivable();
        if (undrivable.isPresent()) return new Look(Check.of(State.UNKNOWN, undrivable.get(), List.of()), List.of());
        List<String> down = new ArrayList<>();
        List<String> acceptsOnly = new ArrayList<>();
        for (int i = 0; i < controls.size(); i++) {
            ServiceControl c = controls.get(i);
            ServiceControl.State s = c.state();
            switch (s.liveness()) {
                case UNREACHABLE -> {
                    return new Look(offline(ctx, "cannot reach " + c.subject() + ": " + s.detail()), List.of());
                }
                case SILENT -> {
                    return new Look(Check.of(State.UNKNOWN, held(c, portOf(i)), List.of()), List.of());
                }
                case DOWN -> down.add(c.subject() + ": " + s.detail());
                case ACCEPTS_ONLY -> acceptsOnly.add(c.subject() + " " + s.detail());
                case ANSWERS -> { }
            }
        }
        boolean selfManaged = first.selfManaged();
        if (down.size() == controls.size()) {
            List<Step> start = startOrRestart(first, false);
            return new Look(Check.of(State.MISSING, "not running (" + String.join("; ", down) + ")", shown(start)), start);
        }
        if (selfManaged && first.pid().isEmpty()) {
            return new Look(Check.of(State.UNKNOWN, host.loopback() + ":" + portOf(0) + " answers, but no process of the lab's"
                    + " pid file " + first.process().pidFile() + " runs: another process holds the port", List.of()), List.of());
        }
        String answers = controls.stream().map(c -> c.subject() + " " + c.answersHow()).reduce((a, b) -> a + "; " + b).orElse("");
        if (instance != null) {
            // Its running configuration against its files: as they are on the host, or as this plan is about to write them.
            RunningConfig.Verdict running = RunningConfig.of(ctx, host, instance, files());
            if (!running.pending()) return new Look(Check.done(answers + (running.detail().isEmpty() ? "" : "; " + running.detail())), List.of());
            List<Step> restart = startOrRestart(first, true);
            return new Look(Check.of(State.DIFFERS, running.detail(), shown(restart)), restart);
        }
        // stunnel has no CONFIG GET: what this session remembers writing after starting it is all there is.
        List<String> stale = ctx.notLoaded(host, service(), files());
        if (!stale.isEmpty() || !down.isEmpty()) {
            List<Step> restart = startOrRestart(first, true);
            String why = !stale.isEmpty() ? "runs, but not on the new " + String.join(", ", stale) : String.join("; ", down);
            return new Look(Check.of(State.DIFFERS, why + ": it is restarted", shown(restart)), restart);
        }
        if (!acceptsOnly.isEmpty()) {
            return new Look(Check.of(State.DIFFERS, "runs, but " + String.join("; ", acceptsOnly), List.of()), List.of());
        }
        return new Look(Check.done(answers), List.of());
    }

    /**
     * The one place setup plans starting a service, or restarting one that runs: the dataset guard (start and
     * restart of a master that has replicas must not make them copy an empty or older dataset) belongs here.
     */
    private static List<Step> startOrRestart(ServiceControl service, boolean running) {
        return running ? service.restartSteps() : List.of(service.startStep());
    }

    /**
     * A master its replicas copy is started or restarted only when it will hold at least what they hold: the same
     * {@link DatasetGuard} as the start and restart actions, with no --force here (setup is no place to override it).
     */
    private void guard(SetupContext ctx, boolean running) {
        if (instance == null || ctx.topology().replicasOf(instance).isEmpty()) return;
        // Against the replicas that answer: a first setup meets replicas that do not run yet, or a port another process
        // holds, which its own step reports.
        DatasetGuard.Verdict v = DatasetGuard.check(ctx.actions(), instance, running ? DatasetGuard.Change.RESTART : DatasetGuard.Change.START,
                DatasetGuard.replicas(ctx.actions(), instance));
        if (!v.safe()) {
            throw RepconException.failed(v.refusal() + "; setup leaves " + instance.ref() + " as it is (see 'repcon shell FILE -c \"help restore\"')");
        }
    }

    private int portOf(int index) {
        return instance != null ? instance.port() : host.tunnels().get(index).accept();
    }

    /** Why a port that accepts but does not answer is no start away from working. */
    private String held(ServiceControl c, int port) {
        String where = host.loopback() + ":" + port;
        if (c.selfManaged() && c.pid().isEmpty()) return where + " is taken by another process (it accepts connections but never answers)";
        return where + " accepts connections but does not answer: the service hangs, or another process holds the port";
    }

    @Override
    public Check offline(SetupContext ctx, String reason) {
        ServiceControl first = controls(ctx).get(0);
        List<String> commands = first.undrivable().isPresent() || first.selfManaged() ? List.of() : shown(List.of(first.managed("start")));
        return Check.of(State.UNKNOWN, reason, commands);
    }

    @Override
    public String apply(SetupContext ctx, Check current, StepRunner runner, Progress progress) {
        Look now = last != null && last.check().equals(current) ? last : look(ctx);
        last = null;
        if (now.check().state() == State.UNKNOWN) throw RepconException.failed(now.check().detail());
        if (now.check().done()) return now.check().detail();
        if (!now.steps().isEmpty()) {
            guard(ctx, now.check().state() != State.MISSING);
            runner.run(now.steps(), progress);
            ctx.started(host, service());
        }
        List<String> said = new ArrayList<>();
        for (ServiceControl c : controls(ctx)) {
            long ms = c.await(l -> l == Liveness.ANSWERS, "answers", progress);
            said.add(c.subject() + " " + c.answersHow() + " after " + ms + " ms");
        }
        return String.join("; ", said);
    }

    /** Steps as the plan shows them: the command alone, the host being the plan's. */
    static List<String> shown(List<Step> steps) {
        return steps.stream().map(s -> {
            String d = s.display();
            String prefix = s.host() + "$ ";
            return d.startsWith(prefix) ? d.substring(prefix.length()) : d;
        }).toList();
    }
}
