package org.repcon.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.repcon.topology.Instance;

/**
 * An instance's configuration against its file and the topology, as the monitor compared them about once a minute:
 * {@code config-drift} (it runs with what its file does not hold: a {@code CONFIG SET} lost at the next restart) and
 * {@code file-drift} (its file says otherwise than the topology: what its next restart brings, and what setup would
 * change). The fix is {@code set}, which changes both the running value and the file, to the topology's value where
 * it gives one; {@code repoint} for replicaof.
 */
final class DriftRules {

    /** The directives {@code set} changes (command.Setting's; a test keeps the two lists alike). */
    static final Set<String> SETTABLE = Set.of("replica-read-only", "repl-backlog-size", "client-output-buffer-limit",
            "maxmemory", "min-replicas-to-write", "masterauth");
    /** What breaks replication at the next restart when the file has it wrong. */
    private static final Set<String> REPLICATION = Set.of("replicaof", "masterauth");

    private DriftRules() {}

    static void apply(Facts f, Findings out) {
        for (Map.Entry<org.repcon.topology.InstanceRef, ConfigDrifts> e : f.in.configs().entrySet()) {
            Optional<Instance> instance = f.topology.instance(e.getKey());
            if (instance.isEmpty()) continue;
            ConfigDrifts d = e.getValue();
            Instance i = instance.get();
            if (!d.running().isEmpty()) {
                out.add(Code.CONFIG_DRIFT, Severity.WARNING, Subject.of(i), i.ref() + " runs with " + names(d.running())
                        + " otherwise than its file says: lost at its next restart", fix(f, i, d.running()),
                        evidence(d.running(), "file " + d.file()));
            }
            if (!d.topology().isEmpty()) {
                boolean breaks = d.topology().stream().anyMatch(x -> REPLICATION.contains(x.directive()));
                out.add(Code.FILE_DRIFT, breaks ? Severity.WARNING : Severity.INFO, Subject.of(i), "the file of " + i.ref()
                        + " gives " + names(d.topology()) + " otherwise than the topology"
                        + (breaks ? ": its next restart breaks its replication" : ": its next restart takes it"),
                        fix(f, i, d.topology()), evidence(d.topology(), "file " + d.file()));
            }
        }
    }

    private static String names(List<ConfigDrifts.Difference> differences) {
        return String.join(", ", differences.stream().map(ConfigDrifts.Difference::directive).toList());
    }

    private static List<String> evidence(List<ConfigDrifts.Difference> differences, String where) {
        List<String> lines = new ArrayList<>();
        differences.forEach(x -> lines.add(x.said()));
        lines.add(where);
        return lines;
    }

    /** The command that settles the first difference a command can settle; none when no value is known to be right. */
    private static Suggestion fix(Facts f, Instance i, List<ConfigDrifts.Difference> differences) {
        String ref = i.ref().toString();
        for (ConfigDrifts.Difference x : differences) {
            if (x.directive().equals("replicaof")) {
                // Only towards the topology's master: repoint checks what that master holds before the replica copies it.
                if (i.replicaof().isPresent() && f.topology.masterOf(i).isPresent()) return Suggestion.repoint(ref, i.replicaof().get().toString());
            } else if (x.directive().equals("masterauth")) {
                if (f.topology.masterOf(i).flatMap(Instance::password).isPresent()) return Suggestion.set(ref, "masterauth");
            } else if (SETTABLE.contains(x.directive()) && x.settle().isPresent()) {
                return Suggestion.set(ref, x.directive(), x.settle().get().toArray(String[]::new));
            }
        }
        return null;
    }
}
