package org.repcon.setup;

import static org.repcon.topology.Convention.COMMON_CONFIG;
import static org.repcon.topology.Convention.INSTANCE_CONFIG;
import static org.repcon.topology.Convention.LOG_ROTATION;
import static org.repcon.topology.Convention.RC_CONF;
import static org.repcon.topology.Convention.STUNNEL_CONFIG;
import static org.repcon.topology.Convention.STUNNEL_PSK;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.repcon.action.ActionContext;
import org.repcon.action.Audit;
import org.repcon.config.RenderedFile;
import org.repcon.config.Rendering;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Topology;
import org.repcon.topology.Tunnel;
import org.repcon.transport.ExecResult;
import org.repcon.util.RepconException;

/**
 * Guided first-time setup: the tutorial's steps for each host, hosts in dependency order (masters first), each
 * step detected on its host as done, differing, missing or unknown. {@link SetupRunner} applies a plan. One Setup
 * is one session: it remembers what it wrote and started, so that a service on an old file is restarted once.
 */
public final class Setup {

    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(20);
    /** What a step of a host that cannot be reached says; the host's plan says why once. */
    static final String UNREACHABLE = "not checked: the host cannot be reached";

    private final SetupContext ctx;
    private final Audit audit;

    /** @param audit where every step applied (and every refusal) is recorded */
    public Setup(ActionContext actions, Audit audit) {
        this.ctx = new SetupContext(actions);
        this.audit = audit;
    }

    public Audit audit() {
        return audit;
    }

    public Topology topology() {
        return ctx.topology();
    }

    SetupContext context() {
        return ctx;
    }

    /**
     * The hosts in the order setup walks them: a host after the hosts its replicas and client tunnels lead to (masters
     * first), otherwise in the topology's order.
     */
    public List<Host> order(Collection<Host> hosts) {
        Topology t = topology();
        List<Host> left = t.hosts().stream().filter(h -> hosts.stream().anyMatch(x -> x.name().equals(h.name()))).toList();
        List<Host> out = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (out.size() < left.size()) {
            Optional<Host> next = left.stream().filter(h -> !placed.contains(h.name()))
                    .filter(h -> upstream(h).stream().allMatch(u -> placed.contains(u) || !contains(left, u))).findFirst();
            // A cycle (two hosts replicating from each other) keeps the file's order for what remains.
            Host h = next.orElseGet(() -> left.stream().filter(x -> !placed.contains(x.name())).findFirst().orElseThrow());
            out.add(h);
            placed.add(h.name());
        }
        return out;
    }

    private Set<String> upstream(Host h) {
        Topology t = topology();
        Set<String> up = new LinkedHashSet<>();
        h.instances().forEach(i -> t.masterOf(i).ifPresent(m -> up.add(m.host())));
        h.tunnels().forEach(tn -> t.serverOf(tn).ifPresent(s -> up.add(s.host())));
        up.remove(h.name());
        return up;
    }

    private static boolean contains(List<Host> hosts, String name) {
        return hosts.stream().anyMatch(h -> h.name().equals(name));
    }

    /** The tutorial's steps for a host, in its order; what the platform does not use is left out. */
    public List<SetupStep> steps(Host host) {
        Rendering r = ctx.rendering(host);
        List<SetupStep> steps = new ArrayList<>();
        for (StepKind kind : StepKind.values()) {
            switch (kind) {
                case PACKAGES -> steps.add(new PackagesStep(host));
                case DIRECTORIES -> {
                    if (!r.directories().isEmpty()) steps.add(new DirectoriesStep(host));
                }
                case BOOT -> {
                    files(host, r, kind).forEach(steps::add);
                    BootStep.of(host, ctx).ifPresent(steps::add);
                }
                case START_REDIS -> host.instances().forEach(i -> steps.add(new StartStep(host, i)));
                case START_STUNNEL -> {
                    if (!host.tunnels().isEmpty()) steps.add(new StartStep(host, null));
                }
                case VERIFY_TUNNEL -> {
                    if (host.tunnels().stream().anyMatch(Tunnel::isClient)) steps.add(new TunnelStep(host));
                }
                case VERIFY_REPLICATION -> {
                    if (host.instances().stream().anyMatch(Instance::isReplica)) steps.add(new ReplicationStep(host));
                }
                default -> files(host, r, kind).forEach(steps::add);
            }
        }
        return steps;
    }

    private static List<FileStep> files(Host host, Rendering r, StepKind kind) {
        return r.files().stream().filter(f -> kindOf(host, f.path()) == kind).map(f -> new FileStep(host, kind, f)).toList();
    }

    /** Which of the tutorial's steps writes a rendered file, by where it goes. */
    static StepKind kindOf(Host host, String path) {
        if (host.path(RC_CONF, "").filter(path::equals).isPresent()) return StepKind.BOOT;
        if (host.path(LOG_ROTATION, "").filter(path::equals).isPresent()) return StepKind.LOG_ROTATION;
        if (host.path(COMMON_CONFIG, "").filter(path::equals).isPresent()) return StepKind.COMMON_CONFIG;
        if (host.instances().stream().anyMatch(i -> host.instancePath(i, INSTANCE_CONFIG).equals(path))) return StepKind.INSTANCE_CONFIG;
        if (host.path(STUNNEL_CONFIG, "").filter(path::equals).isPresent()) return StepKind.STUNNEL_CONFIG;
        if (host.path(STUNNEL_PSK, "").filter(path::equals).isPresent()) return StepKind.PSK;
        return StepKind.RSPAMD;
    }

    /** Every step of the hosts, detected on them; hosts in {@link #order}. A host that cannot be reached gets unknowns. */
    public SetupPlan plan(Collection<Host> hosts) {
        return new SetupPlan(order(hosts).stream().map(this::plan).toList());
    }

    public HostPlan plan(Host host) {
        List<SetupStep> steps = steps(host);
        Optional<String> unreachable = unreachable(host);
        return new HostPlan(host, unreachable, steps.stream().map(s -> new PlannedStep(s,
                unreachable.isPresent() ? s.offline(ctx, UNREACHABLE) : s.detect(ctx))).toList());
    }

    /** Why the host cannot be reached, asked once (a dead host costs one connect, not one per step); empty when it can. */
    Optional<String> unreachable(Host host) {
        try {
            ExecResult r = ctx.transport(host).exec(List.of("true"), REACH_TIMEOUT);
            return r.connectionFailed() ? Optional.of("cannot reach " + host.name() + ": " + r.stderr().strip()) : Optional.empty();
        } catch (RepconException e) {
            return Optional.of("cannot reach " + host.name() + ": " + e.getMessage());
        }
    }

    /**
     * The host's files as setup would write them, for review ({@code setup --out}): merged with what the host has
     * where it can be read, with the real secrets (made now if missing). Returns the rendering to write, and says
     * which secrets it generated.
     */
    public Rendering review(Host host, List<String> generated) {
        generated.addAll(ctx.ensureSecrets());
        Rendering r = ctx.rendering(host);
        boolean reachable = unreachable(host).isEmpty();
        List<RenderedFile> files = new ArrayList<>();
        for (RenderedFile f : r.files()) {
            Optional<FileStep.Content> content = reachable ? new FileStep(host, kindOf(host, f.path()), f).content(ctx)
                    : Optional.empty();
            files.add(content.map(c -> new RenderedFile(f.path(), c.text(), RenderedFile.Merge.WHOLE, c.mode(), f.secret(),
                    f.purpose())).orElse(f));
        }
        return new Rendering(host, files, r.directories(), r.commands());
    }
}
