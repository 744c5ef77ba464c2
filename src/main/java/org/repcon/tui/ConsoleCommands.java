package org.repcon.tui;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.jline.reader.History;
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
import org.repcon.command.LineHistory;
import org.repcon.command.Verb;
import org.repcon.command.Words;
import org.repcon.topology.Topology;
import org.repcon.util.Log;
import org.repcon.util.RepconException;

/**
 * The console's ':' line and a finding's 'x': repcon's one command language (the shell's: {@link Words} to split,
 * {@link CommandParser} to parse, {@link Completion} to complete, {@link Help}), the history set up as the shell's
 * ({@link LineHistory}, in the same file), the console's own verbs done here, and actions through the one runner on
 * a thread of their own: their questions come back to the bottom line ({@link ConsoleConfirmer}), their preview and progress to the output box.
 */
public final class ConsoleCommands implements CommandHandler, AutoCloseable {

    private final CommandParser parser;
    private final Completion completion;
    /** Null: a console without a deployment to act on (a demo's or a test's fixed view). */
    private final ActionContext context;
    private final boolean readOnly;
    private final Audit audit;
    /** The history's file (null: kept in memory only); JLine sets it up on the first ':' line, not on the way to the first frame. */
    private final Path historyFile;
    private History history;
    private final ExecutorService actions = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "repcon-action");
        t.setDaemon(true);
        return t;
    });
    private volatile Future<?> running;
    /** How long an interrupted action may take to stop when the console closes. */
    private static final Duration ACTION_PATIENCE = Duration.ofSeconds(5);

    /** @param historyFile the history shared with repcon shell; null: kept in memory only */
    public ConsoleCommands(Topology topology, ActionContext context, boolean readOnly, Audit audit, Path historyFile,
                           Supplier<List<String>> themes) {
        this.parser = new CommandParser(topology, themes);
        this.completion = Completion.console(topology, themes);
        this.context = context;
        this.readOnly = readOnly;
        this.audit = audit;
        this.historyFile = historyFile;
    }

    /**
     * The console's own verbs only (theme, refresh, filter, setup, help, quit), for a console without a deployment to act
     * on; {@code topology} (null: none) completes setup's hosts.
     */
    public static ConsoleCommands withoutActions(Topology topology, Supplier<List<String>> themes) {
        Topology t = topology != null ? topology
                : new Topology("none", Path.of(""), List.of(), Path.of(""), Optional.empty(), Map.of(), List.of(), false);
        return new ConsoleCommands(t, null, true, null, null, themes);
    }

    /** Made on first use, on the UI thread (the only caller). */
    @Override
    public History history() {
        if (history == null) history = LineHistory.detached(historyFile);
        return history;
    }

    @Override
    public Result execute(String line, ConsoleControl console) {
        try {
            return run(Words.split(line), console);
        } catch (RepconException e) {
            return Result.error(e.getMessage());
        }
    }

    @Override
    public Result run(List<String> words, ConsoleControl console) {
        if (words.isEmpty()) return Result.NONE;
        boolean action = Verb.of(words.get(0)).map(v -> v.scope() == Verb.Scope.ACTION).orElse(false);
        if (action && context == null) return Result.error(words.get(0) + ": this console has no deployment to act on");
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
            case THEME -> theme((Command.Theme) command, console);
            case REFRESH -> {
                Duration interval = ((Command.Refresh) command).interval();
                console.setRefreshInterval(interval);
                yield Result.ok("refreshing every " + Durations.seconds(interval));
            }
            case FILTER -> {
                String text = ((Command.Filter) command).match();
                console.setFilter(text);
                yield Result.ok(text.isEmpty() ? "filter cleared" : "filter: " + text);
            }
            case SORT -> {
                Command.Sort.Order order = ((Command.Sort) command).order();
                console.sortHosts(order);
                yield Result.ok(order.said());
            }
            case ACK -> {
                try {
                    yield Result.ok(console.acknowledge(((Command.Ack) command).lasts()));
                } catch (RepconException e) {
                    yield Result.error(e.getMessage());
                }
            }
            case SETUP -> console.openSetup(((Command.Setup) command).host().orElse(null)).map(Result::error).orElse(Result.NONE);
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

    private static Result theme(Command.Theme command, ConsoleControl console) {
        if (command.name().isEmpty()) {
            return Result.ok("theme: " + console.theme() + "; themes: " + String.join(", ", console.themes()));
        }
        try {
            console.setTheme(command.name().get());
            return Result.ok("theme: " + command.name().get());
        } catch (RepconException e) {
            return Result.error(e.getMessage());
        }
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
        return completion.forLine(line);
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
