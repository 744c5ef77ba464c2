package org.repcon.tui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.repcon.action.ActionContext;
import org.repcon.action.ActionResult;
import org.repcon.action.ActionRunner;
import org.repcon.action.LogsAction;
import org.repcon.action.Audit;
import org.repcon.action.OutputLine;
import org.repcon.action.Outcome;
import org.repcon.action.Preview;
import org.repcon.action.Reporter;
import org.repcon.command.Command;
import org.repcon.command.CommandParser;
import org.repcon.command.Completion;
import org.repcon.command.Help;
import org.repcon.shell.Shell;
import org.repcon.topology.Topology;
import org.repcon.util.Log;
import org.repcon.util.RepconException;

/**
 * The console's ':' line: repcon's command language (the shell's), JLine's parser to split words and
 * JLine's history kept in the shared history file, the topology's completions, and actions through
 * the one runner on a thread of their own: their questions come back to the bottom line ({@link ConsoleConfirmer}), their
 * preview and progress to the output box. JLine here reads no terminal: Lanterna's keys feed it.
 */
public final class ConsoleCommands implements CommandHandler, AutoCloseable {

    private final CommandParser parser;
    private final Completion completion;
    private final BuiltinCommands builtins = new BuiltinCommands();
    private final ActionContext context;
    private final boolean readOnly;
    private final Audit audit;
    private final LineReader historyHost;
    private final ExecutorService actions = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "repcon-action");
        t.setDaemon(true);
        return t;
    });
    private volatile Future<?> running;
    /** How long an interrupted action may take to stop when the console closes. */
    private static final Duration ACTION_PATIENCE = Duration.ofSeconds(5);

    public ConsoleCommands(Topology topology, ActionContext context, boolean readOnly, Audit audit, Path historyFile,
                           java.util.function.Supplier<List<String>> themes) {
        this.parser = new CommandParser(topology, themes);
        this.completion = new Completion(topology, themes);
        this.context = context;
        this.readOnly = readOnly;
        this.audit = audit;
        this.historyHost = historyReader(historyFile);
    }

    /** A LineReader on a terminal of no streams: only the keeper of JLine's history, never a reader of the tty. */
    private static LineReader historyReader(Path file) {
        try {
            Terminal none = TerminalBuilder.builder().system(false).dumb(true)
                    .streams(InputStream.nullInputStream(), OutputStream.nullOutputStream()).build();
            LineReader reader = LineReaderBuilder.builder().terminal(none).appName("repcon")
                    .variable(LineReader.HISTORY_FILE, file).variable(LineReader.HISTORY_SIZE, 1000)
                    .option(LineReader.Option.HISTORY_IGNORE_DUPS, true).build();
            reader.getHistory().attach(reader);
            return reader;
        } catch (IOException e) {
            throw RepconException.failed("cannot set up the command history: " + e.getMessage());
        }
    }

    @Override
    public List<String> history() {
        List<String> lines = new ArrayList<>();
        for (History.Entry e : historyHost.getHistory()) lines.add(e.line());
        return lines;
    }

    @Override
    public Result execute(String line, ConsoleControl console) {
        List<String> words;
        try {
            words = Shell.words(line);
        } catch (RepconException e) {
            return Result.error(e.getMessage());
        }
        if (words.isEmpty()) return Result.NONE;
        remember(line);
        // The console's own words (not verbs of the shell's language): the filter, the setup view, q.
        if (List.of("filter", "setup", "q").contains(words.get(0))) return builtins.execute(line, console);
        Command command;
        try {
            command = parser.parse(words);
        } catch (RepconException e) {
            return Result.error(e.getMessage());
        }
        return switch (command.verb()) {
            case QUIT -> {
                console.quit();
                yield Result.NONE;
            }
            case THEME, REFRESH -> builtins.execute(line, console);
            case HELP -> {
                console.showReport("help", ((Command.Help) command).about().map(Help::of).orElseGet(Help::overview));
                yield Result.NONE;
            }
            case STATUS -> {
                String key = command.subject().map(t -> t.key()).orElse("");
                console.setFilter(key);
                yield Result.ok(key.isEmpty() ? "showing everything" : "showing " + key);
            }
            default -> act(command, console);
        };
    }

    /** Runs an action off the UI thread; one at a time, since each may ask a question. */
    private Result act(Command command, ConsoleControl console) {
        Future<?> busy = running;
        if (busy != null && !busy.isDone()) return Result.error("an action is running: wait for it (its output is open)");
        Reporter reporter = new Reporter() {
            @Override
            public void preview(Preview preview) {
                console.post(() -> console.showOutput(preview.title(), preview.output(), null));
            }

            @Override
            public void note(String line) {
                console.post(() -> console.appendReport(line));
            }
        };
        ActionRunner runner = new ActionRunner(context, readOnly, new ConsoleConfirmer(console), reporter, audit);
        running = actions.submit(() -> {
            ActionResult result;
            try {
                result = runner.run(command);
            } catch (RuntimeException e) {
                Log.get(ConsoleCommands.class).log(Level.WARNING, "action failed", e);
                result = new ActionResult(Outcome.FAILED, String.valueOf(e.getMessage()), List.of());
            }
            ActionResult r = result;
            if (command instanceof Command.Logs logs && r.outcome() == Outcome.DONE) {
                follow(logs, r, console);
            } else {
                console.post(() -> finish(command, r, console));
            }
        });
        return Result.ok(command.text() + " ...");
    }

    /**
     * The last lines, then the lines appended from now on (the logs action's follow: tail -F through the host's
     * transport, each line scrubbed of secrets), until the box closes: closing it stops the follow here and on the host.
     */
    private void follow(Command.Logs command, ActionResult last, ConsoleControl console) {
        java.util.concurrent.atomic.AtomicReference<AutoCloseable> handle = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable stop = () -> {
            closed.set(true);
            closeQuietly(handle.getAndSet(null));
        };
        console.post(() -> {
            console.showOutput(command.text(), last.output(), stop);
            console.showMessage(last.message(), false);
        });
        LogsAction action = LogsAction.of(command, context);
        if (action.path().isEmpty()) return;
        try {
            handle.set(action.follow(line -> console.post(() -> console.appendOutput(line))));
        } catch (RepconException e) {
            console.post(() -> console.appendReport("cannot follow: " + e.getMessage()));
        }
        if (closed.get()) {
            closeQuietly(handle.getAndSet(null)); // the box was closed while the follow started
        } else if (handle.get() != null) {
            console.post(console::reportFollowing);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception e) {
            Log.get(ConsoleCommands.class).log(Level.FINE, "closing a log follow", e);
        }
    }

    private static void finish(Command command, ActionResult result, ConsoleControl console) {
        if (!result.output().isEmpty()) {
            console.showOutput(command.text(), result.output(), null);
        } else if (result.outcome() != Outcome.DONE || command.verb().mutates()) {
            console.appendOutput(OutputLine.of(result.outcome() == Outcome.DONE ? OutputLine.Kind.TEXT : OutputLine.Kind.WARNING,
                    result.outcome().word() + ": " + result.message()));
        }
        console.showMessage(result.outcome().word() + ": " + result.message(), result.outcome() != Outcome.DONE);
        console.refreshNow();
    }

    @Override
    public List<String> complete(String line, ConsoleControl console) {
        List<String> words;
        try {
            words = new ArrayList<>(Shell.words(line));
        } catch (RepconException e) {
            return List.of();
        }
        // After a space the word to complete is a new, empty one (JLine's parser may already give it).
        boolean afterSpace = line.isEmpty() || Character.isWhitespace(line.charAt(line.length() - 1));
        if (afterSpace && (words.isEmpty() || !words.get(words.size() - 1).isEmpty())) words.add("");
        int index = words.size() - 1;
        String before = line.substring(0, line.length() - words.get(index).length());
        return completion.candidates(words, index).stream().map(c -> before + c).toList();
    }

    private void remember(String line) {
        try {
            History h = historyHost.getHistory();
            h.add(line);
            h.save();
        } catch (IOException e) {
            Log.get(ConsoleCommands.class).log(Level.INFO, "cannot save the command history", e);
        }
    }

    /**
     * Interrupts a running action (the runner stops it between steps and audits it) and waits a bounded time for it
     * to end: the caller closes the transports it uses next.
     */
    @Override
    public void close() {
        actions.shutdownNow();
        try {
            if (!actions.awaitTermination(ACTION_PATIENCE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                Log.get(ConsoleCommands.class).warning("an action still runs after " + ACTION_PATIENCE.toSeconds() + " s; leaving it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** For tests: waits until the running action (if any) has finished. */
    void awaitIdle(Duration limit) throws Exception {
        Future<?> f = running;
        if (f != null) f.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
