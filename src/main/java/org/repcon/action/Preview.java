package org.repcon.action;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A plan as the operator sees it before confirming: the exact commands, the file diffs, the facts
 * and warnings, every text already scrubbed of secrets.
 */
public record Preview(String title, List<String> facts, List<String> commands, List<FileDiff> files, List<String> warnings,
                      Confirmation confirmation) {

    /** A file the action writes, with its unified diff. */
    public record FileDiff(String host, String path, String diff) {}

    public Preview {
        facts = List.copyOf(facts);
        commands = List.copyOf(commands);
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    static Preview of(Plan plan, UnaryOperator<String> scrub) {
        List<FileDiff> files = new ArrayList<>();
        for (Step s : plan.steps()) {
            if (s instanceof Step.WriteFile w) files.add(new FileDiff(w.host(), w.path(), scrub.apply(w.diff())));
        }
        return new Preview(scrub.apply(plan.title()), plan.facts().stream().map(scrub).toList(),
                plan.steps().stream().map(s -> scrub.apply(s.display())).toList(), files,
                plan.warnings().stream().map(scrub).toList(), plan.confirmation());
    }

    /** Whether it shows the same change as {@code other}: the same commands, file changes and confirmation. */
    public boolean sameChange(Preview other) {
        return commands.equals(other.commands) && files.equals(other.files) && confirmation == other.confirmation;
    }

    /** As typed lines: title, facts, commands, diffs, warnings. */
    public List<OutputLine> output() {
        List<OutputLine> out = new ArrayList<>();
        out.add(OutputLine.of(OutputLine.Kind.HEADING, title));
        facts.forEach(f -> out.add(OutputLine.plain("  " + f)));
        if (!commands.isEmpty()) {
            out.add(OutputLine.of(OutputLine.Kind.HEADING, "will run:"));
            commands.forEach(c -> out.add(OutputLine.plain("  " + c)));
        }
        for (FileDiff f : files) {
            if (!f.diff().isEmpty()) List.of(f.diff().split("\n")).forEach(l -> out.add(OutputLine.diff(l)));
        }
        warnings.forEach(w -> out.add(OutputLine.of(OutputLine.Kind.WARNING, "warning: " + w)));
        return out;
    }

    /** As text lines, for a plain terminal. */
    public List<String> lines() {
        return output().stream().map(OutputLine::text).toList();
    }
}
