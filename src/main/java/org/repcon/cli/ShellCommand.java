package org.repcon.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.repcon.action.ActionContext;
import org.repcon.action.Audit;
import org.repcon.command.Words;
import org.repcon.monitor.Monitor;
import org.repcon.shell.ExitCodes;
import org.repcon.shell.ScriptConfirmer;
import org.repcon.shell.Shell;
import org.repcon.topology.Topology;
import org.repcon.util.RepconException;
import org.repcon.util.Xdg;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "shell", description = {
        "The console's commands at a plain prompt: Tab completes verbs, options, hosts, instances and tunnels; the history"
                + " is kept in $XDG_STATE_HOME/repcon/history (Up/Down, Ctrl-R). 'help' inside lists the commands.",
        "With -c, runs one command and exits, for scripts. A command that changes something shows its exact commands and"
                + " file diffs, then needs confirming: at the prompt y or n (Enter alone is no answer), or the instance's"
                + " name typed for what destroys data (resync --full, promote, repoint --force). With -c there is no"
                + " prompt: --yes answers y/n questions, --confirm HOST/INSTANCE answers a typed-name one (and only for"
                + " that instance); without them the action is refused. Every change asked for is written to"
                + " $XDG_STATE_HOME/repcon/audit.log."},
        footer = {"", "Exit status with -c: 0 done, 1 failed (ran but failed or was not verified), 2 invalid command,"
                + " 3 declined (answered no, or another name), 4 refused (--read-only, a failed precondition, the host"
                + " locked by another change, the audit log not writable, or no --yes/--confirm), 70 internal error."})
final class ShellCommand extends MonitorCommand {

    @Option(names = {"-c", "--command"}, paramLabel = "COMMAND", description = "Run this one command and exit (e.g. -c 'status',"
            + " -c 'resync replica/bayes').")
    String command;

    @Option(names = "--yes", description = "With -c: answer y to a y/n confirmation.")
    boolean yes;

    @Option(names = "--confirm", paramLabel = "HOST/INSTANCE", description = "With -c: the name a data-destroying action"
            + " asks to be typed; it runs only when this is that instance.")
    String confirmName;

    @Override
    public Integer call() throws Exception {
        if (command == null && (yes || confirmName != null)) {
            throw RepconException.invalid("--yes and --confirm answer for -c COMMAND; at the prompt you answer yourself");
        }
        Topology topology = topologyFile.load();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Monitor monitor = monitorOptions.open(topology, Duration.ofSeconds(1))) {
            ActionContext ctx = monitorOptions.actionContext(topology, monitor);
            Shell shell = new Shell(topology, monitor, ctx, Main.readOnly(spec), Audit.standard(), Xdg.stateHome().resolve("history"));
            if (command != null) {
                List<String> words;
                try {
                    words = Words.split(command);
                } catch (RepconException e) {
                    err.println("repcon: " + e.getMessage());
                    err.flush();
                    return ExitCodes.INVALID;
                }
                return shell.execute(words, new ScriptConfirmer(yes, confirmName), out, err, null);
            }
            if (!Tty.interactive()) {
                throw RepconException.invalid("no terminal for the prompt: run a command with -c COMMAND");
            }
            try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
                return shell.repl(terminal);
            }
        }
    }

}
