package org.repcon.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.repcon.action.Progress;
import org.repcon.action.Step;
import org.repcon.action.StepRunner;
import org.repcon.config.FileMerge;
import org.repcon.config.RenderedFile;
import org.repcon.config.SecretLines;
import org.repcon.topology.Host;
import org.repcon.transport.FileWrite;
import org.repcon.transport.Transport;
import org.repcon.util.RepconException;
import org.repcon.util.UnifiedDiff;

/**
 * One rendered file on its host: whole files are repcon's; merged ones (the stock redis.conf, rc.conf) get only
 * repcon's lines, every other line kept. Done when the content (and, for whole files, the mode) is as wanted;
 * written atomically with a backup of what it replaces, and only then. The PSK file is never shown, not even as a diff.
 */
final class FileStep implements SetupStep {

    private final Host host;
    private final StepKind kind;
    private final String path;
    private final RenderedFile.Merge merge;

    FileStep(Host host, StepKind kind, RenderedFile file) {
        this.host = host;
        this.kind = kind;
        this.path = file.path();
        this.merge = file.merge();
    }

    @Override
    public Host host() {
        return host;
    }

    @Override
    public StepKind kind() {
        return kind;
    }

    @Override
    public String title() {
        return (merge == RenderedFile.Merge.WHOLE ? "write " : "set lines in ") + path;
    }

    @Override
    public String target() {
        return path;
    }

    /** What is on the host, what it becomes, and the check that says so; its texts never leave this class. */
    private record Inspection(Optional<String> existing, String before, String wanted, int mode, Check check) {}

    /** The last inspection, for the apply that follows a detection at once (the runner detects right before applying). */
    private Inspection last;

    @Override
    public Check detect(SetupContext ctx) {
        try {
            last = inspect(ctx);
            return last.check();
        } catch (RepconException e) {
            last = null;
            return offline(ctx, e.getMessage());
        }
    }

    @Override
    public Check offline(SetupContext ctx, String reason) {
        RenderedFile f = ctx.file(host, path);
        String shown = f.merge() == RenderedFile.Merge.WHOLE ? "" : "; only these lines are set, the rest of the file stays";
        return new Check(State.UNKNOWN, reason + shown, diff("", f.content()),
                List.of(writeLine(f.mode())));
    }

    private Inspection inspect(SetupContext ctx) {
        RenderedFile f = ctx.file(host, path);
        Transport t = ctx.transport(host);
        Optional<String> existing = t.readFile(path);
        String before = existing.orElse("");
        String from = "";
        if (existing.isEmpty() && kind == StepKind.COMMON_CONFIG && f.merge() != RenderedFile.Merge.WHOLE) {
            // As the tutorial does: cp redis.conf.sample redis.conf, then set the lines.
            Optional<String> sample = t.readFile(path + ".sample");
            if (sample.isPresent()) {
                before = sample.get();
                from = " (made from " + path + ".sample, as the tutorial does)";
            }
        }
        String wanted = FileMerge.apply(before, f);
        boolean whole = f.merge() == RenderedFile.Merge.WHOLE;
        boolean sameContent = existing.isPresent() && existing.get().equals(wanted);
        // The mode matters for a merged file (the system's: its mode stays) and for a whole one already as wanted.
        OptionalInt mode = existing.isPresent() && (!whole || sameContent) ? HostShell.mode(t, path) : OptionalInt.empty();
        int wantedMode = whole ? f.mode() : mode.orElse(f.mode());
        boolean sameMode = mode.isEmpty() || mode.getAsInt() == wantedMode;
        State state = existing.isEmpty() ? State.MISSING : sameContent && sameMode ? State.DONE : State.DIFFERS;
        String detail;
        if (state == State.DONE) {
            detail = f.merge() == RenderedFile.Merge.WHOLE ? "as the topology wants it" : "repcon's lines are set";
        } else if (state == State.MISSING) {
            detail = "missing" + from;
        } else {
            List<String> why = new ArrayList<>();
            if (!sameContent) why.add(kind == StepKind.PSK ? "content differs (not shown: it holds secrets)" : "content differs");
            if (!sameMode) {
                why.add("mode " + (mode.isPresent() ? HostShell.octal(mode.getAsInt()) : "unknown") + ", wanted "
                        + HostShell.octal(wantedMode));
            }
            detail = String.join("; ", why);
        }
        if (kind == StepKind.PSK && wanted.contains(SetupContext.NEW_SECRET) && state != State.DONE) {
            detail += "; secrets for " + String.join(", ", ctx.missingSecrets()) + " are generated first, into "
                    + ctx.topology().secrets();
        }
        ctx.fileState(host, path, state, wanted);
        Check check = new Check(state, detail, state == State.DONE ? "" : diff(before, wanted),
                state == State.DONE ? List.of() : List.of(writeLine(wantedMode)));
        return new Inspection(existing, before, wanted, wantedMode, check);
    }

    /** The file as it would be written (merged with what the host has), for review; its text holds real secrets. */
    record Content(String text, int mode) {}

    /** Empty when the host's file cannot be read. */
    Optional<Content> content(SetupContext ctx) {
        try {
            Inspection i = inspect(ctx);
            return Optional.of(new Content(i.wanted(), i.mode()));
        } catch (RepconException e) {
            return Optional.empty();
        }
    }

    @Override
    public String apply(SetupContext ctx, Check current, StepRunner runner, Progress progress) {
        // Compared right before writing (by the detection that gave current): nothing is rewritten that is as wanted.
        Inspection now = last != null && last.check().equals(current) ? last : inspect(ctx);
        last = null;
        if (now.check().done()) return path + " is as wanted already";
        SetupContext.checkNoStandIn(path, now.wanted());
        runner.run(List.of(new Step.WriteFile(host.name(), path, now.existing().orElse(""), now.wanted(), now.mode(),
                now.check().diff())), progress);
        ctx.written(host, path);
        List<FileWrite> writes = runner.written();
        Optional<String> backup = writes.isEmpty() ? Optional.empty() : writes.get(writes.size() - 1).backup();
        return "wrote " + path + " (mode " + HostShell.octal(now.mode()) + ")" + backup.map(b -> ", the old one kept as " + b)
                .orElse(", a new file");
    }

    private String writeLine(int mode) {
        return "write " + path + " (mode " + HostShell.octal(mode) + "; the old file kept as a backup)";
    }

    /** The unified diff with secret lines masked; none at all for the PSK file. */
    private String diff(String before, String after) {
        if (kind == StepKind.PSK) return "";
        UnaryOperator<String> mask = kind == StepKind.RSPAMD ? SecretLines::rspamd : SecretLines::redis;
        return UnifiedDiff.of(path, before, after, mask);
    }
}
