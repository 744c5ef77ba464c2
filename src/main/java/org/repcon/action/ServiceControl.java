package org.repcon.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.TunnelSample;
import org.repcon.service.DirectProcess;
import org.repcon.service.RedisShutdown;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Tunnel;
import org.repcon.util.RepconException;

/**
 * One service and how it is driven: an instance, or the host's stunnel (which carries all its tunnels, and is seen
 * through one of them). It is started and stopped through the platform's service manager, or directly on a
 * self-managed host; it answers to a PING for an instance, a PING through a client tunnel end, a TCP accept on a
 * server end (which speaks TLS). Shared by start, stop, restart and setup, so that "start" and "answers" mean the
 * same everywhere.
 */
public final class ServiceControl {

    /** Whether the service answers, from one probe. */
    public enum Liveness { ANSWERS, ACCEPTS_ONLY, SILENT, DOWN, UNREACHABLE }

    public record State(Liveness liveness, String detail) {}

    private final ActionContext ctx;
    private final Host host;
    /** The instance, or null for the host's stunnel. */
    private final Instance instance;
    /** The tunnel it is seen through, or null for an instance. */
    private final Tunnel tunnel;
    private final String subject;

    private ServiceControl(ActionContext ctx, Host host, Instance instance, Tunnel tunnel, String subject) {
        this.ctx = ctx;
        this.host = host;
        this.instance = instance;
        this.tunnel = tunnel;
        this.subject = subject;
    }

    public static ServiceControl of(ActionContext ctx, Instance instance) {
        return new ServiceControl(ctx, ctx.topology().hostOf(instance), instance, null, instance.ref().toString());
    }

    /** The stunnel of the tunnel's host, probed through that tunnel. */
    public static ServiceControl of(ActionContext ctx, Tunnel tunnel) {
        Host host = ctx.topology().hostOf(tunnel);
        return new ServiceControl(ctx, host, null, tunnel, host.name() + "/tunnel/" + tunnel.name());
    }

    /** As typed: {@code replica1/bayes}, {@code replica1/tunnel/bayes}. */
    public String subject() {
        return subject;
    }

    public Host host() {
        return host;
    }

    /** "replica1/bayes", or "stunnel on replica1 (tunnels bayes, fuzzy)". */
    public String what() {
        if (instance != null) return subject;
        return "stunnel on " + host.name() + " (tunnel" + (host.tunnels().size() == 1 ? " " : "s ")
                + host.tunnels().stream().map(Tunnel::name).collect(Collectors.joining(", ")) + ")";
    }

    /** Why the service cannot be driven at all; empty when it can. */
    public Optional<String> undrivable() {
        if (host.platform().selfManaged()) {
            if (ctx.direct().isEmpty()) {
                return Optional.of(host.name() + " runs its daemons under repcon (lab), but this session does not know the lab's"
                        + " processes");
            }
            return Optional.empty();
        }
        Convention c = instance != null ? Convention.REDIS_SERVICE : Convention.STUNNEL_SERVICE;
        if (host.serviceCommand(c, "x", "start").isEmpty()) {
            return Optional.of("host " + host.name() + " has an empty '" + c.yamlName() + "' convention: repcon does not drive"
                    + " its " + (instance != null ? "instances" : "stunnel") + " (only in the lab does it run the daemons itself);"
                    + " set the command under conventions, or run it by hand");
        }
        return Optional.empty();
    }

    public boolean selfManaged() {
        return host.platform().selfManaged();
    }

    public DirectProcess process() {
        var direct = ctx.direct().orElseThrow();
        return instance != null ? direct.instance(instance) : direct.tunnels(host);
    }

    /** The running daemon's pid on a self-managed host. */
    public Optional<Long> pid() {
        return selfManaged() ? process().pid(ctx.transport(host)) : Optional.empty();
    }

    /** The service manager's command for {@code action}: {@code service redis start bayes}, {@code systemctl ...}. */
    public Step managed(String action) {
        Convention c = instance != null ? Convention.REDIS_SERVICE : Convention.STUNNEL_SERVICE;
        String name = instance != null ? instance.name() : tunnel.name();
        String line = host.serviceCommand(c, name, action).orElseThrow();
        return new Step.Exec(host.name(), List.of(line.strip().split("\\s+")));
    }

    public Step startStep() {
        return selfManaged() ? new Step.StartDirect(host.name(), process()) : managed("start");
    }

    /** The stop: the service manager's; on a self-managed host, when it runs, SHUTDOWN for an instance and signals for stunnel. */
    public Optional<Step> stopStep() {
        if (!selfManaged()) return Optional.of(managed("stop"));
        return pid().map(p -> new Step.StopDirect(host.name(), process(), p, ctx.limits().stopGrace(), shutdown()));
    }

    /** How the instance will be asked to stop, from its settings now (persisting: SHUTDOWN SAVE); empty for stunnel. */
    private Optional<Step.StopDirect.Shutdown> shutdown() {
        if (instance == null) return Optional.empty();
        Optional<RedisShutdown.Settings> settings = redisShutdown().settings();
        return Optional.of(new Step.StopDirect.Shutdown(instance, RedisShutdown.Request.of(settings), settings));
    }

    /** Stopping the instance on a self-managed host without loss, through its host's transport and its password. */
    RedisShutdown redisShutdown() {
        return new RedisShutdown(process(), ctx.transport(host), () -> ctx.connect(instance), ctx.limits().stopGrace());
    }

    /** A restart: the service manager's, or on a self-managed host a stop (when it runs) then a start. */
    public List<Step> restartSteps() {
        if (!selfManaged()) return List.of(managed("restart"));
        List<Step> steps = new ArrayList<>();
        stopStep().ifPresent(steps::add); // a stopped daemon is just started
        steps.add(startStep());
        return steps;
    }

    public State state() {
        try {
            return instance != null ? instanceState() : tunnelState();
        } catch (RepconException e) {
            return new State(Liveness.UNREACHABLE, e.getMessage());
        }
    }

    private State instanceState() {
        InstanceSample s = ctx.probe(instance);
        return switch (s.status()) {
            case OK, AUTH_REQUIRED, AUTH_FAILED, BUSY, PROTOCOL -> new State(Liveness.ANSWERS, "answers");
            case REFUSED -> new State(Liveness.DOWN, "connection refused");
            case TIMEOUT -> new State(Liveness.SILENT, s.message());
            case UNREACHABLE, PENDING -> new State(Liveness.UNREACHABLE, s.message());
        };
    }

    private State tunnelState() {
        TunnelSample s = ctx.probe(tunnel);
        return switch (s.connect()) {
            case REFUSED -> new State(Liveness.DOWN, "connection refused on port " + tunnel.accept());
            case TIMEOUT -> new State(Liveness.SILENT, s.message());
            case UNREACHABLE, PENDING -> new State(Liveness.UNREACHABLE, s.message());
            case OK -> tunnel.isServer() || s.reachesRedis() ? new State(Liveness.ANSWERS, "answers")
                    : new State(Liveness.ACCEPTS_ONLY, "accepts on port " + tunnel.accept() + " but a PING through it gets "
                    + s.ping().name().toLowerCase().replace('_', ' ') + (s.message().isEmpty() ? "" : " (" + s.message() + ")"));
        };
    }

    /** Polls until the liveness is one wanted; returns the milliseconds it took, or fails saying what it was instead. */
    public long await(Predicate<Liveness> wanted, String goal, Progress progress) {
        long start = System.nanoTime();
        long deadline = start + ctx.limits().serviceWait().toNanos();
        progress.note("waiting until " + subject + " " + goal);
        State s = state();
        while (!wanted.test(s.liveness())) {
            if (System.nanoTime() > deadline) {
                throw RepconException.failed(subject + " " + (goal.startsWith("no") ? "still answers" : "does not answer")
                        + " after " + ctx.limits().serviceWait().toSeconds() + " s: " + s.detail() + "; see logs " + subject);
            }
            sleep(ctx.limits().poll().toMillis());
            s = state();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** How it answers once up, for the verify line. */
    public String answersHow() {
        if (instance != null) return "answers PING";
        if (tunnel.isServer()) return "accepts on port " + tunnel.accept();
        return "carries a PING to " + ctx.topology().destinationOf(tunnel).map(i -> i.ref().toString()).orElse("its master");
    }

    /** Who loses replication while the service is down. */
    public List<String> affected() {
        List<String> out = new ArrayList<>();
        if (instance != null) {
            List<String> replicas = ctx.topology().replicasOf(instance).stream().map(i -> i.ref().toString()).toList();
            if (!replicas.isEmpty()) out.add("while " + subject + " is down, its replicas lose their link: " + String.join(", ", replicas));
            return out;
        }
        out.add("stunnel on " + host.name() + " serves all its tunnels (" + host.tunnels().stream().map(Tunnel::name)
                .collect(Collectors.joining(", ")) + "): they all go down with it");
        List<String> cut = new ArrayList<>();
        for (Tunnel t : host.tunnels()) {
            List<Tunnel> clients = t.isClient() ? List.of(t) : ctx.topology().clientsOf(t);
            for (Tunnel c : clients) {
                Host h = ctx.topology().hostOf(c);
                h.instances().stream().filter(i -> ctx.topology().replicationTunnel(i).map(Tunnel::ref).equals(Optional.of(c.ref())))
                        .map(Instance::ref).map(InstanceRef::toString).forEach(cut::add);
            }
        }
        if (!cut.isEmpty()) out.add("replicas that lose their link meanwhile: " + String.join(", ", cut));
        return out;
    }

    /** Sleeps between polls; an interrupt (Ctrl-C) ends the wait as a failure, with what ran so far kept. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RepconException.failed("interrupted while waiting; what ran so far stays done");
        }
    }
}
