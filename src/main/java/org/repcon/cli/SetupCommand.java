package org.repcon.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.repcon.action.ActionContext;
import org.repcon.action.Audit;
import org.repcon.action.Confirmer;
import org.repcon.action.Limits;
import org.repcon.action.Outcome;
import org.repcon.lab.Lab;
import org.repcon.setup.Check;
import org.repcon.setup.PlanLines;
import org.repcon.setup.PlannedStep;
import org.repcon.setup.Setup;
import org.repcon.setup.SetupPlan;
import org.repcon.setup.SetupProgress;
import org.repcon.setup.SetupResult;
import org.repcon.setup.SetupRunner;
import org.repcon.shell.ExitCodes;
import org.repcon.shell.LineConfirmer;
import org.repcon.shell.ScriptConfirmer;
import org.repcon.topology.Host;
import org.repcon.topology.Topology;
import org.repcon.transport.Transports;
import org.repcon.util.RepconException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "setup", description = {
        "Guided first-time setup, the tutorial's steps host by host (masters first): packages, directories, boot"
                + " enablement, log rotation, the common and per-instance redis configs, stunnel and its PSK file, starting"
                + " Redis and stunnel, verifying the tunnels and replication, then Rspamd's files. Each step is detected on"
                + " the host as done, differs, missing or unknown; a differing file is shown as a diff (secrets masked;"
                + " the PSK file never shown).",
        "--apply writes each file atomically with a timestamped backup of what it replaces, and only when it differs;"
                + " it stops at the first failure. Every change goes to $XDG_STATE_HOME/repcon/audit.log."},
        footer = {"", "Exit status: 0 done or nothing to do (--plan: the plan was made), 1 failed, 2 invalid input,"
                + " 3 declined (answered n), 4 refused (--read-only, a host locked by another change, the audit log not"
                + " writable, or no terminal to ask and no --yes), 70 internal error."})
final class SetupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    TopologyFile topologyFile;

    @Option(names = "--host", paramLabel = "HOST", description = "Host to set up (repeatable; default: all, masters first).")
    List<String> hostNames;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--plan", required = true, description = "Show each step's state and the diffs; change nothing.")
        boolean plan;

        @Option(names = "--apply", required = true, description = "Show the plan, ask y/n on the terminal, then apply it.")
        boolean apply;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Write the files as setup would write them"
                + " (merged with what the host has) under DIR/HOST/<target path>, for review; with real secrets.")
        Path out;
    }

    @Option(names = "--yes", description = "With --apply: answer y to the confirmation (scripts).")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        if (yes && !mode.apply) throw RepconException.invalid("--yes answers the question of --apply; --plan and --out ask none");
        Topology topology = topologyFile.load();
        List<Host> hosts = topologyFile.hosts(topology, hostNames);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Transports transports = new Transports(topology)) {
            Setup setup = new Setup(new ActionContext(topology, transports, Lab.directProcesses(topology), Limits.defaults()),
                    Audit.standard());
            if (mode.out != null) return review(setup, hosts, out);
            SetupPlan plan = setup.plan(hosts);
            out.println("setup plan for '" + topology.name() + "': " + plan.hosts().size() + " host"
                    + (plan.hosts().size() == 1 ? "" : "s") + ", " + plan.summary());
            out.println();
            PlanLines.of(plan).forEach(out::println);
            out.flush();
            if (mode.plan) return ExitCodes.OK;
            SetupResult result = apply(setup, plan, out);
            if (result.ok()) {
                out.println(result.message());
                out.flush();
                return ExitCodes.OK;
            }
            err.println("repcon: " + result.said());
            err.flush();
            return ExitCodes.of(result.outcome());
        }
    }

    private SetupResult apply(Setup setup, SetupPlan plan, PrintWriter out) throws java.io.IOException {
        out.println();
        SetupProgress progress = new Printer(out);
        if (yes || !Tty.interactive()) {
            return new SetupRunner(setup, Main.readOnly(spec), new ScriptConfirmer(yes, null)).apply(plan, progress);
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            Confirmer confirmer = LineConfirmer.on(terminal);
            return new SetupRunner(setup, Main.readOnly(spec), confirmer).apply(plan, progress);
        }
    }

    private int review(Setup setup, List<Host> hosts, PrintWriter out) {
        List<String> generated = new ArrayList<>();
        for (Host host : setup.order(hosts)) {
            RenderingTree.write(setup.review(host, generated), mode.out.resolve(host.name())).forEach(p -> out.println("wrote " + p));
        }
        if (!generated.isEmpty()) {
            out.println("generated PSK secrets for " + String.join(", ", generated) + " into " + setup.topology().secrets()
                    + " (mode 0600): keep it safe");
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Each step as it starts and ends, and the lines in between, indented under it. */
    private static final class Printer implements SetupProgress {
        private final PrintWriter out;

        Printer(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void note(String line) {
            out.println("      " + line);
            out.flush();
        }

        @Override
        public void starting(PlannedStep step) {
            out.println("  " + step.host() + ": " + step.step().title());
            out.flush();
        }

        @Override
        public void ended(PlannedStep step, Check now, Outcome outcome, String message) {
            out.println("    " + (outcome == Outcome.DONE ? "done: " : outcome.word() + ": ") + message);
            out.flush();
        }
    }
}
