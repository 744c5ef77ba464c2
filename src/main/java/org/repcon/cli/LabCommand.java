package org.repcon.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

    @Command(name = "up", description = "Write the lab's files, start every instance and tunnel, wait until replication is up.")
    static final class Up implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        LabOptions options;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            boolean linked = options.toChange(spec).up(out);
            out.flush();
            return linked ? 0 : RepconException.FAILED;
        }
    }

    @Command(name = "status", description = "The lab's processes, roles and replication links.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        LabOptions options;

        @Override
        public Integer call() {
            Lab lab = options.lab();
            PrintWriter out = spec.commandLine().getOut();
            lab.summary(out);
            List<String> faults = LabFaults.active(lab);
            if (!faults.isEmpty()) out.println("faults injected: " + String.join(", ", faults) + " (repcon lab heal)");
            out.flush();
            return 0;
        }
    }

    @Command(name = "down", description = "Stop every process the lab started, and nothing else.")
    static final class Down implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        LabOptions options;

        @Override
        public Integer call() {
            Lab lab = options.toChange(spec);
            List<LabProcess> stopped = lab.down();
            PrintWriter out = spec.commandLine().getOut();
            out.println(stopped.isEmpty() ? "lab '" + lab.topology().name() + "': nothing was running"
                    : "lab '" + lab.topology().name() + "': stopped " + stopped.size() + " processes ("
                    + String.join(", ", stopped.stream().map(LabProcess::label).toList()) + "); files kept in " + lab.root());
            out.flush();
            return 0;
        }
    }

    @Command(name = "fault", description = "Inject a fault into the running lab (the faults are listed below).")
    static final class Fault implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        LabOptions options;
        @Parameters(index = "1", paramLabel = "NAME", description = "The fault (see below).")
        String name;
        @Parameters(index = "2", paramLabel = "TARGET", description = "As the fault takes it: HOST (replica1), or an instance HOST/INSTANCE (replica1/bayes).")
        String target;

        @Override
        public Integer call() {
            LabFaults.Fault fault = LabFaults.Fault.parse(name);
            spec.commandLine().getOut().println(LabFaults.inject(options.toChange(spec), fault, target));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "heal", description = "Undo every injected fault and bring stopped or frozen processes back.")
    static final class Heal implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        LabOptions options;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Lab lab = options.toChange(spec);
            List<String> done = LabFaults.heal(lab, out);
            if (done.isEmpty()) out.println("nothing to heal");
            boolean linked = lab.awaitReplication(out);
            out.flush();
            return linked ? 0 : RepconException.FAILED;
        }
    }

    /** The fault list under 'lab fault --help', from the fault table itself so the two cannot disagree. */
    static void describeFaults(CommandLine lab) {
        List<String> footer = new ArrayList<>(List.of("", "Faults:"));
        int width = Arrays.stream(LabFaults.Fault.values()).mapToInt(f -> f.cliName().length() + f.targetForm().length()).max().orElse(0) + 3;
        for (LabFaults.Fault f : LabFaults.Fault.values()) {
            String head = "  " + f.cliName() + " " + f.targetForm();
            footer.add(head + " ".repeat(Math.max(1, width + 2 - head.length())) + f.description());
        }
        footer.addAll(List.of("", "HOST/REPLICA and HOST/MASTER name an instance (replica1/bayes, master/fuzzy); a master's fault given",
                "one of its replicas acts on that replica's master. 'repcon lab heal FILE' undoes them all."));
        lab.getSubcommands().get("fault").getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
    }
}
