package org.repcon.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.repcon.lab.Lab;
import org.repcon.lab.LabFaults;
import org.repcon.lab.LabProcess;
import org.repcon.lab.LabTopology;
import org.repcon.util.RepconException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "lab", description = "A topology on this machine: real redis-server and stunnel on loopback addresses"
        + " (127.0.0.2, 127.0.0.3, ...), for rehearsal, demos and tests.",
        subcommands = {LabCommand.Up.class, LabCommand.Status.class, LabCommand.Down.class, LabCommand.Fault.class,
                LabCommand.Heal.class})
final class LabCommand {

    /** The topology file and where its lab lives; shared by every lab subcommand. */
    static final class LabOptions {
        @Mixin
        TopologyFile topologyFile;

        @Option(names = "--dir", paramLabel = "DIR", description = "Lab directory (default: the topology's root, or"
                + " $XDG_STATE_HOME/repcon/lab/NAME).")
        Path dir;

        Lab lab() {
            return new Lab(LabTopology.of(topologyFile.load(), Optional.ofNullable(dir)));
        }

        /** The lab for a subcommand that starts, stops or breaks its processes: refused under --read-only (exit 4). */
        Lab toChange(CommandSpec spec) {
            if (Main.readOnly(spec)) {
                throw new RepconException("refused: read-only mode: 'lab " + spec.name() + "' changes the lab", 4);
            }
            return lab();
        }
    }

    /** What every lab subcommand has: its spec (for the output and --read-only), the lab's options, a flushed output. */
    abstract static class LabSubcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        LabOptions options;

        /** Does the work, printing to {@code out}; returns the exit code. */
        abstract int run(PrintWriter out);

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                return run(out);
            } finally {
                out.flush();
            }
        }

        /** The lab for a subcommand that starts, stops or breaks its processes: refused under --read-only. */
        Lab toChange() {
            return options.toChange(spec);
        }
    }

    @Command(name = "up", description = "Write the lab's files, start every instance and tunnel, wait until replication is up.")
    static final class Up extends LabSubcommand {
        @Override
        int run(PrintWriter out) {
            return toChange().up(out) ? 0 : RepconException.FAILED;
        }
    }

    @Command(name = "status", description = "The lab's processes, roles and replication links.")
    static final class Status extends LabSubcommand {
        @Override
        int run(PrintWriter out) {
            Lab lab = options.lab();
            lab.summary(out);
            List<String> faults = LabFaults.active(lab);
            if (!faults.isEmpty()) out.println("faults injected: " + String.join(", ", faults) + " (repcon lab heal)");
            return 0;
        }
    }

    @Command(name = "down", description = "Stop every process the lab started, and nothing else.")
    static final class Down extends LabSubcommand {
        @Override
        int run(PrintWriter out) {
            Lab lab = toChange();
            List<LabProcess> stopped = lab.down();
            out.println(stopped.isEmpty() ? "lab '" + lab.topology().name() + "': nothing was running"
                    : "lab '" + lab.topology().name() + "': stopped " + stopped.size() + " processes ("
                    + String.join(", ", stopped.stream().map(LabProcess::label).toList()) + "); files kept in " + lab.root());
            return 0;
        }
    }

    @Command(name = "fault", description = "Inject a fault into the running lab (the faults are listed below).")
    static final class Fault extends LabSubcommand {
        @Parameters(index = "1", paramLabel = "NAME", description = "The fault (see below).")
        String name;
        @Parameters(index = "2", paramLabel = "TARGET", description = "What the fault acts on, in the form listed with it below.")
        String target;

        @Override
        int run(PrintWriter out) {
            LabFaults.Fault fault = LabFaults.Fault.parse(name);
            out.println(LabFaults.inject(toChange(), fault, target));
            return 0;
        }
    }

    @Command(name = "heal", description = "Undo every injected fault and bring stopped or frozen processes back.")
    static final class Heal extends LabSubcommand {
        @Override
        int run(PrintWriter out) {
            Lab lab = toChange();
            if (LabFaults.heal(lab, out).isEmpty()) out.println("nothing to heal");
            return lab.awaitReplication(out) ? 0 : RepconException.FAILED;
        }
    }

    /** The fault list under 'lab --help' and 'lab fault --help', from the fault table itself. */
    static void describeFaults(CommandLine lab) {
        for (CommandLine command : List.of(lab, lab.getSubcommands().get("fault"))) {
            CommandSpec spec = command.getCommandSpec();
            List<String> footer = new ArrayList<>(List.of(""));
            footer.addAll(LabFaults.help(spec.usageMessage().width()));
            // The command's own footer (lab's inherits the exit codes) stays last.
            footer.addAll(List.of(spec.usageMessage().footer()));
            spec.usageMessage().footer(footer.toArray(String[]::new));
        }
    }
}
