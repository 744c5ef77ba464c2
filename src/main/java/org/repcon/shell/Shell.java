package org.repcon.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedStyle;
import org.jline.utils.AttributedString;
import org.repcon.action.ActionContext;
import org.repcon.action.ActionResult;
import org.repcon.action.ActionRunner;
import org.repcon.action.Audit;
import org.repcon.action.Confirmer;
import org.repcon.action.OutputLine;
import org.repcon.action.Outcome;
import org.repcon.command.Command;
import org.repcon.command.CommandParser;
import org.repcon.command.Completion;
import org.repcon.command.Help;
import org.repcon.command.LineHistory;
import org.repcon.command.Verb;
import org.repcon.command.Words;
import org.repcon.command.Target;
import org.repcon.monitor.Monitor;
import org.repcon.topology.Topology;
import org.repcon.util.RepconException;
import org.repcon.view.ConsoleView;
import org.repcon.view.HostPane;
import org.repcon.view.StatusTable;

/**
 * repcon's command line for plain terminals: a JLine prompt with completion from the topology,
 * history kept between sessions, Ctrl-R search; and the same commands one at a time for scripts
 * ({@code -c}). Commands are those of the console's ':' line; actions go through the one runner.
 */
public final class Shell {

    private final Topology topology;
    private final Monitor monitor;
    private final ActionContext ctx;
    private final boolean readOnly;
    private final Audit audit;
    private final Path historyFile;
    private final CommandParser parser;
    private final Completion completion;
    private boolean quit;

    public Shell(Topology topology, Monitor monitor, ActionContext ctx, boolean readOnly, Audit audit, Path historyFile) {
        this.topology = topology;
        this.monitor = monitor;
        this.ctx = ctx;
        this.readOnly = readOnly;
        this.audit = audit;
        this.historyFile = historyFile;
        this.parser = new CommandParser(topology);
        this.completion = Completion.shell(topology);
    }

    /**
     * Runs one command and returns its exit status ({@link ExitCodes}).
     *
     * @param terminal the terminal {@code out} writes to, to highlight known log lines; null for plain text (scripts)
     */
    public int execute(List<String> words, Confirmer confirmer, PrintWriter out, PrintWriter err, Terminal terminal) {
        Optional<Verb> verb = words.isEmpty() ? Optional.empty() : Verb.of(words.get(0));
        if (verb.isPresent() && verb.get().consoleOnly()) {
            return say(err, verb.get().word() + ": " + Help.CONSOLE_ONLY, ExitCodes.INVALID);
        }
        Command command;
        try {
            command = parser.parse(words);
        } catch (RepconException e) {
            return say(err, e.getMessage(), ExitCodes.INVALID);
        }
        switch (command.verb()) {
            case STATUS:
                return status((Command.Status) command, out, err);
            case HELP:
                ((Command.Help) command).about().map(Help::of).orElseGet(Help::overview).forEach(out::println);
                out.flush();
                return ExitCodes.OK;
            case QUIT:
                quit = true;
                return ExitCodes.OK;
            default:
                return act(command, confirmer, out, err, terminal);
        }
    }

    public boolean quitRequested() {
        return quit;
    }

    private int act(Command command, Confirmer confirmer, PrintWriter out, PrintWriter err, Terminal terminal) {
        ActionRunner runner = new ActionRunner(ctx, readOnly, confirmer, new PrintReporter(out), audit);
        ActionResult result = runner.run(command);
        for (OutputLine line : result.output()) out.println(terminal != null ? styled(line, terminal) : line.text());
        out.flush();
        if (result.outcome() == Outcome.DONE) {
            if (!result.output().isEmpty() && terminal == null) return ExitCodes.OK; // a script wants the lines alone
            out.println(result.message());
            out.flush();
            return ExitCodes.OK;
        }
        return say(err, result.outcome().word() + ": " + result.message(), ExitCodes.of(result.outcome()));
    }

    private int status(Command.Status command, PrintWriter out, PrintWriter err) {
        try {
            Monitor.State state = monitor.refresh();
            ConsoleView view = state.view();
            var findings = state.findings();
            Optional<Target> target = command.target();
            if (target.isPresent()) {
                String key = target.get().key();
                String host = target.get().host().name();
                List<HostPane> panes = view.hosts().stream().filter(p -> p.name().equals(host))
                        .map(p -> key.equals(host) ? p : new HostPane(p.name(), p.subtitle(), p.health(),
                                p.rows().stream().filter(r -> r.key().equals(key)).toList())).toList();
                view = new ConsoleView(view.topologyName(), view.refreshedAt(), view.ok(), view.warn(), view.crit(), panes,
                        view.findings(), view.hops(), view.details());
                findings = findings.stream().filter(f -> f.subject().key().equals(key)
                        || (key.equals(host) && f.subject().host().equals(host))).toList();
            }
            StatusTable.report(view, findings).forEach(out::println);
            out.flush();
            return ExitCodes.OK;
        } catch (RepconException e) {
            return say(err, e.getMessage(), ExitCodes.FAILED);
        }
    }

    /** The prompt's reader: completion from the topology, history in {@code historyFile}. */
    public LineReader reader(Terminal terminal) {
        return LineHistory.configure(LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("repcon")
                .parser(Words.parser())
                .completer(new ShellCompleter(completion)), historyFile)
                .build();
    }

    /** Reads and runs commands until quit or end of input; returns 0. */
    public int repl(Terminal terminal) {
        LineReader reader = reader(terminal);
        Confirmer confirmer = LineConfirmer.on(terminal);
        PrintWriter out = terminal.writer();
        out.println("repcon shell on '" + topology.name() + "' (" + topology.counts() + ")" + (readOnly ? ", read-only" : "")
                + ": 'help' lists the commands; Tab completes, Ctrl-R searches the history, Ctrl-D leaves.");
        out.flush();
        String prompt = topology.name() + (readOnly ? " (read-only)" : "") + "> ";
        try {
            while (!quit) {
                String line;
                try {
                    line = reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C drops the line, as in a shell
                } catch (EndOfFileException e) {
                    break;
                }
                List<String> words = reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList();
                if (line.isBlank() || words.isEmpty()) continue;
                // Ctrl-C while an action runs interrupts its waiting (recorded as failed), not repcon.
                Thread self = Thread.currentThread();
                Terminal.SignalHandler before = terminal.handle(Terminal.Signal.INT, signal -> self.interrupt());
                try {
                    execute(words, confirmer, out, out, terminal);
                } finally {
                    terminal.handle(Terminal.Signal.INT, before);
                    Thread.interrupted();
                }
            }
        } finally {
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                out.println("repcon: cannot save the history to " + historyFile + ": " + e.getMessage());
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** A known log line in colour (green for the good ones, bold red for trouble), unless NO_COLOR is set. */
    private static String styled(OutputLine line, Terminal terminal) {
        if (line.meaning().isEmpty() || System.getenv("NO_COLOR") != null) return line.text();
        AttributedStyle style = line.meaning().get().good() ? AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN)
                : AttributedStyle.BOLD.foreground(AttributedStyle.RED);
        return new AttributedString(line.text(), style).toAnsi(terminal);
    }

    private static int say(PrintWriter err, String message, int code) {
        err.println("repcon: " + message);
        err.flush();
        return code;
    }
}
