package org.repcon.setup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repcon.action.Progress;
import org.repcon.action.Step;
import org.repcon.action.StepRunner;
import org.repcon.config.RenderedDirectory;
import org.repcon.syntax.ShellQuote;
import org.repcon.topology.Host;
import org.repcon.transport.ExecResult;
import org.repcon.util.RepconException;

/**
 * The instances' working, log and pid directories (and stunnel's) with their owners, as the tutorial makes them:
 * {@code mkdir bayes fuzzy && chown redis bayes fuzzy}. Detected with {@code test -d} and the owner's name.
 */
final class DirectoriesStep extends HostStep {

    /** One line per argument, in order: "d OWNER" for a directory, "m" for none. */
    private static final String LOOK = "for d in \"$@\"; do if [ -d \"$d\" ]; then"
            + " printf 'd %s\\n' \"$(stat -c %U -- \"$d\" 2>/dev/null || stat -f %Su -- \"$d\")\"; else echo m; fi; done";

    DirectoriesStep(Host host) {
        super(host, StepKind.DIRECTORIES, "create directories");
    }

    private List<RenderedDirectory> directories(SetupContext ctx) {
        return ctx.rendering(host).directories();
    }

    /** The check, and the commands that would make it done, word by word. */
    private record Look(Check check, List<List<String>> commands) {}

    @Override
    public Check detect(SetupContext ctx) {
        try {
            return look(ctx).check();
        } catch (RepconException e) {
            return offline(ctx, e.getMessage());
        }
    }

    private Look look(SetupContext ctx) {
        List<RenderedDirectory> dirs = directories(ctx);
        ExecResult r = HostShell.sh(ctx.transport(host), LOOK, dirs.stream().map(RenderedDirectory::path).toList());
        List<String> lines = r.stdout().lines().toList();
        if (!r.ok() || lines.size() != dirs.size()) throw RepconException.failed("cannot look at the directories: " + r.summary());
        List<String> missing = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        Map<String, List<String>> chown = new LinkedHashMap<>();
        for (int i = 0; i < dirs.size(); i++) {
            RenderedDirectory d = dirs.get(i);
            String line = lines.get(i);
            boolean exists = line.startsWith("d");
            String owner = exists ? line.substring(1).strip() : "";
            if (!exists) missing.add(d.path());
            if (d.owner().isPresent() && !d.owner().get().equals(owner)) {
                if (exists) owners.add(d.path() + " is " + owner + "'s, wanted " + d.owner().get() + "'s");
                chown.computeIfAbsent(d.owner().get(), o -> new ArrayList<>()).add(d.path());
            }
        }
        // As the tutorial does: one mkdir and one chown for all of them.
        List<List<String>> commands = new ArrayList<>();
        if (!missing.isEmpty()) commands.add(concat(List.of("mkdir", "-p"), missing));
        chown.forEach((owner, paths) -> commands.add(concat(List.of("chown", owner), paths)));
        List<String> shown = commands.stream().map(ShellQuote::line).toList();
        Check check = missing.isEmpty() && owners.isEmpty()
                ? Check.done(dirs.size() + " directories" + (dirs.stream().anyMatch(d -> d.owner().isPresent()) ? ", owners as wanted" : ""))
                : !missing.isEmpty() ? Check.of(State.MISSING, "missing: " + String.join(", ", missing), shown)
                : Check.of(State.DIFFERS, String.join("; ", owners), shown);
        return new Look(check, commands);
    }

    @Override
    public Check offline(SetupContext ctx, String reason) {
        List<RenderedDirectory> dirs = directories(ctx);
        List<String> commands = new ArrayList<>();
        commands.add(ShellQuote.line(concat(List.of("mkdir", "-p"), dirs.stream().map(RenderedDirectory::path).toList())));
        Map<String, List<String>> chown = new LinkedHashMap<>();
        dirs.forEach(d -> d.owner().ifPresent(o -> chown.computeIfAbsent(o, x -> new ArrayList<>()).add(d.path())));
        chown.forEach((owner, paths) -> commands.add(ShellQuote.line(concat(List.of("chown", owner), paths))));
        return Check.of(State.UNKNOWN, reason, commands);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Override
    public String apply(SetupContext ctx, Check current, StepRunner runner, Progress progress) {
        if (current.state() == State.UNKNOWN) throw RepconException.failed(current.detail());
        List<Step> steps = look(ctx).commands().stream().map(c -> (Step) new Step.Exec(host.name(), c)).toList();
        runner.run(steps, progress);
        Check after = detect(ctx);
        if (!after.done()) throw RepconException.failed("after creating them: " + after.detail());
        return after.detail();
    }
}
