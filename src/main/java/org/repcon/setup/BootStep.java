package org.repcon.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.repcon.action.Progress;
import org.repcon.action.Step;
import org.repcon.action.StepRunner;
import org.repcon.config.RenderedCommand;
import org.repcon.topology.Host;
import org.repcon.transport.ExecResult;
import org.repcon.util.RepconException;

/**
 * Services enabled at boot by commands ({@code systemctl enable redis-server@bayes}, and the stock single
 * instance disabled), where the platform has no rc.conf (FreeBSD's lines are a {@link FileStep}). A systemctl
 * command is detected with {@code systemctl is-enabled}; another command cannot be, and runs on every apply.
 */
final class BootStep extends HostStep {

    private static final Pattern ENABLE = Pattern.compile("systemctl enable (\\S+)");
    private static final Pattern DISABLE = Pattern.compile("systemctl disable --now (\\S+)");
    /** One line per argument: y (done), n (not done) or ? (cannot tell). */
    private static final String LOOK = "for c in \"$@\"; do case \"$c\" in"
            + " enable:*) systemctl is-enabled --quiet \"${c#enable:}\" && echo y || echo n;;"
            + " disable:*) u=\"${c#disable:}\"; if systemctl is-enabled --quiet \"$u\" || systemctl is-active --quiet \"$u\";"
            + " then echo n; else echo y; fi;;"
            + " *) echo '?';; esac; done";

    BootStep(Host host) {
        super(host, StepKind.BOOT, "enable the services at boot");
    }

    private List<String> commands(SetupContext ctx) {
        return ctx.rendering(host).commands().stream().filter(c -> c.step() == RenderedCommand.Step.ENABLE)
                .map(RenderedCommand::command).toList();
    }

    /** What {@link #LOOK} asks for a command: "enable:UNIT", "disable:UNIT", or "other". */
    private static String probe(String command) {
        Matcher e = ENABLE.matcher(command);
        if (e.matches()) return "enable:" + e.group(1);
        Matcher d = DISABLE.matcher(command);
        return d.matches() ? "disable:" + d.group(1) : "other";
    }

    @Override
    public Check detect(SetupContext ctx) {
        List<String> commands = commands(ctx);
        ExecResult r;
        try {
            r = HostShell.sh(ctx.transport(host), LOOK, commands.stream().map(BootStep::probe).toList());
        } catch (RepconException e) {
            return offline(ctx, e.getMessage());
        }
        List<String> answers = r.stdout().lines().toList();
        if (answers.size() != commands.size()) return offline(ctx, "cannot ask systemctl: " + r.summary());
        List<String> todo = new ArrayList<>();
        List<String> unsure = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            if (answers.get(i).equals("n")) todo.add(commands.get(i));
            if (answers.get(i).equals("?")) unsure.add(commands.get(i));
        }
        List<String> run = new ArrayList<>(todo);
        run.addAll(unsure);
        if (run.isEmpty()) return Check.done(commands.size() + " enabled as wanted");
        if (!todo.isEmpty()) return Check.of(State.MISSING, "not done yet: " + String.join("; ", todo), run);
        return Check.of(State.UNKNOWN, "cannot tell whether these ran, so they run: " + String.join("; ", unsure), run);
    }

    @Override
    public Check offline(SetupContext ctx, String reason) {
        return Check.of(State.UNKNOWN, reason, commands(ctx));
    }

    @Override
    public String apply(SetupContext ctx, Check current, StepRunner runner, Progress progress) {
        if (current.state() == State.UNKNOWN && current.commands().isEmpty()) throw RepconException.failed(current.detail());
        // The words as rendered: the shown line is their quoted form, never split again.
        Map<String, List<String>> argv = ctx.rendering(host).commands().stream()
                .collect(Collectors.toMap(RenderedCommand::command, RenderedCommand::argv, (a, b) -> a));
        List<Step> steps = current.commands().stream().map(c -> (Step) new Step.Exec(host.name(), argv.get(c))).toList();
        runner.run(steps, progress);
        Check after = detect(ctx);
        if (after.state() == State.MISSING || after.state() == State.DIFFERS) throw RepconException.failed(after.detail());
        return "ran " + String.join("; ", current.commands());
    }

    static Optional<BootStep> of(Host host, SetupContext ctx) {
        BootStep step = new BootStep(host);
        return step.commands(ctx).isEmpty() ? Optional.empty() : Optional.of(step);
    }
}
