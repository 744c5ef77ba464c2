package org.repcon.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.repcon.command.Command;
import org.repcon.command.Target;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.TunnelSample;
import org.repcon.service.DirectProcess;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Tunnel;
import org.repcon.util.RepconException;

/**
 * What start, stop and restart share: the service (an instance, or the host's stunnel that carries all
 * its tunnels), how it is driven (the platform's service manager, or directly on a self-managed host),
 * and whether it answers: a PING for an instance, a PING through a client tunnel end, a TCP accept on a
 * server end (which speaks TLS).
 */
abstract class ServiceAction implements Action {

    /** Whether the service answers, from one probe. */
    enum Liveness { ANSWERS, ACCEPTS_ONLY, SILENT, DOWN, UNREACHABLE }

    record State(Liveness liveness, String detail) {}

    final Command.Service command;
    final ActionContext ctx;
    final Host host;
    /** The instance, or null for the host's stunnel. */
    final Instance instance;
    /** The tunnel named, or null for an instance. */
    final Tunnel tunnel;

    ServiceAction(Command.Service command, ActionContext ctx) {
        this.command = command;
        this.ctx = ctx;
        this.host = command.target().host();
        this.instance = command.target() instanceof Target.OfInstance i ? i.instance() : null;
        this.tunnel = command.target() instanceof Target.OfTunnel t ? t.tunnel() : null;
    }

    @Override
    public Command command() {
        return command;
    }

    @Override
    public String subject() {
        return command.target().key();
    }

    @Override
    public String host() {
        return host.name();
    }

    @Override
    public boolean mutates() {
        return true;
    }

    /** "replica1/bayes", or "stunnel on replica1 (tunnels bayes, fuzzy)". */
    String what() {
        if (instance != null) return subject();
        return "stunnel on " + host.name() + " (tunnel" + (host.tunnels().size() == 1 ? " " : "s ")
                + host.tunnels().stream().map(Tunnel::name).collect(Collectors.joining(", ")) + ")";
    }

    /** Why the service cannot be driven at all, checked first by every subclass. */
    Optional<String> undrivable() {
        if (host.platform().selfManaged()) {
            if (ctx.direct().isEmpty()) {
                return Optional.of(host.name() + " runs its daemons under repcon (lab), but this session does not know the lab's"
                        + " processes");
            }
            return Optional.empty();
        }
        Convention c = instance != null ? Convention.REDIS_SERVICE : Convention.STUNNEL_SERVICE;
        if (host.serviceCommand(c, "x", "start").isEmpty()) {
            return Optional.of("host " + host.name() + " has no '" + c.yamlName() + "' command in the topology's conventions");
        }
        return Optional.empty();
    }

    boolean selfManaged() {
        return host.platform().selfManaged();
    }

    DirectProcess process() {
        var direct = ctx.direct().orElseThrow();
        return instance != null ? direct.instance(instance) : direct.tunnels(host);
    }

    /** The running daemon's pid on a self-managed host. */
    Optional<Long> pid() {
        return selfManaged() ? process().pid(ctx.transport(host)) : Optional.empty();
    }

    /** The service manager's command for {@code action}: {@code service redis start bayes}, {@code systemctl ...}. */
    Step managed(String action) {
        Convention c = instance != null ? Convention.REDIS_SERVICE : Convention.STUNNEL_SERVICE;
        String name = instance != null ? instance.name() : tunnel.name();
        String line = host.serviceCommand(c, name, action).orElseThrow();
        return new Step.Exec(host.name(), List.of(line.strip().split("\\s+")));
    }

    Step startStep() {
        return selfManaged() ? new Step.StartDirect(host.name(), process()) : managed("start");
    }

    Optional<Step> stopStep() {
        if (!selfManaged()) return Optional.of(managed("stop"));
        return pid().map(p -> new Step.StopDirect(host.name(), process(), p, ctx.limits().stopGrace()));
    }

    State state() {
        try {
            return instance != null ? instanceState() : tunnelState();
        } catch (RepconException e) {
            return new State(Liveness.UNREACHABLE, e.getMessage());
        }
    }

    private State instanceState() {
        InstanceSample s = ctx.probe(instance);
        return switch (s.status()) {
            case OK, AUTH_REQUIRED, AUTH_FAILED, PROTOCOL -> new State(Liveness.ANSWERS, "answers");
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
    long await(Predicate<Liveness> wanted, String goal, Progress progress) {
        long start = System.nanoTime();
        long deadline = start + ctx.limits().serviceWait().toNanos();
        progress.note("waiting until " + subject() + " " + goal);
        State s = state();
        while (!wanted.test(s.liveness())) {
            if (System.nanoTime() > deadline) {
                throw RepconException.failed(subject() + " " + (goal.startsWith("no") ? "still answers" : "does not answer")
                        + " after " + ctx.limits().serviceWait().toSeconds() + " s: " + s.detail() + "; see logs " + subject());
            }
            sleep(ctx.limits().poll().toMillis());
            s = state();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** How it answers once up, for the verify line. */
    String answersHow() {
        if (instance != null) return "answers PING";
        if (tunnel.isServer()) return "accepts on port " + tunnel.accept();
        return "carries a PING to " + ctx.topology().destinationOf(tunnel).map(i -> i.ref().toString()).orElse("its master");
    }

    /** Who loses replication while the service is down. */
    List<String> affected() {
        List<String> out = new ArrayList<>();
        if (instance != null) {
            List<String> replicas = ctx.topology().replicasOf(instance).stream().map(i -> i.ref().toString()).toList();
            if (!replicas.isEmpty()) out.add("while " + subject() + " is down, its replicas lose their link: " + String.join(", ", replicas));
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

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RepconException.failed("interrupted while waiting; what ran so far stays done");
        }
    }
}
