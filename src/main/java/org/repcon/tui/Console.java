package org.repcon.tui;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.repcon.tui.theme.Palette;
import org.repcon.tui.theme.Theme;
import org.repcon.tui.theme.Themes;
import org.repcon.util.Background;
import org.repcon.util.Log;
import org.repcon.util.RepconException;

/**
 * The full-screen console. While it runs it is the only owner of the terminal; whatever way it
 * ends (q, Ctrl-C, SIGTERM, an exception) the terminal is given back as it was, and an error is
 * logged to the file and printed as one line once the screen is gone.
 */
public final class Console {

    /** Exit code for a bug (an exception nobody meant to throw), as the CLI uses it. */
    public static final int INTERNAL = 70;

    private static final Logger LOG = Log.get(Console.class);
    /** How long the shutdown hook waits for the UI thread to end and give the terminal back. */
    private static final Duration SHUTDOWN_PATIENCE = Duration.ofSeconds(2);
    /** How long setup's worker may take to stop (it was interrupted) before the transports are closed anyway. */
    private static final Duration WORKERS_PATIENCE = Duration.ofSeconds(5);

    private final TerminalScreen screen;
    private final boolean ownTerminal;
    private boolean stopped;

    private Console(TerminalScreen screen, boolean ownTerminal) {
        this.screen = screen;
        this.ownTerminal = ownTerminal;
    }

    /** Shows the source until the user quits; returns the exit code (0 after q). */
    public static int run(ConsoleSource source, ConsoleOptions options) {
        Capabilities caps = Capabilities.detect(options.env());
        boolean own = options.terminal() == null;
        // The tty's settings take five stty processes: they run while the theme is read, on the other core.
        CompletableFuture<Terminal> opening = own ? openTty(caps.unicode()) : CompletableFuture.completedFuture(options.terminal());
        Themes themes = new Themes(options.userThemes());
        Palette palette;
        try {
            // Before the screen starts, so a bad --theme is an ordinary one-line error.
            palette = new Palette(loadTheme(themes, options, caps), caps.depth());
        } catch (RuntimeException | Error e) {
            if (own) closeUnstarted(opening); // also after a bug in a theme's reading: the tty is never left raw
            if (!(e instanceof RepconException re)) throw e;
            System.err.println("repcon: " + re.getMessage());
            return re.exitCode();
        }
        Throwable failure = null;
        Console console = null;
        Ui ui = null;
        Thread hook = null;
        JobControl jobControl = null;
        CountDownLatch restored = new CountDownLatch(1);
        PrintStream out = System.out, err = System.err;
        try {
            Terminal terminal = opened(opening);
            console = new Console(new TerminalScreen(terminal), own);
            UiLoop loop = new UiLoop(console.screen, source, System::currentTimeMillis);
            Console c = console;
            hook = new Thread(() -> c.stopOnShutdown(loop, restored), "repcon-console-restore");
            Runtime.getRuntime().addShutdownHook(hook);
            // Only now: until ours was in place, Lanterna's restored a terminal already raw (no frame drawn yet).
            if (own && terminal instanceof UnixLikeTerminal unix) removeLanternaHook(unix);
            console.screen.startScreen();
            if (own) silenceStandardStreams();
            if (terminal instanceof JobControlTerminal jobs) jobControl = JobControl.install(jobs, loop);
            ui = new Ui(source, options.commands() != null ? options.commands()
                    : ConsoleCommands.withoutActions(options.setup() != null ? options.setup().topology() : null, themes::names), themes,
                    caps, options.readOnly(), palette, options.refreshInterval(), loop::post, System::currentTimeMillis);
            ui.offerSetup(options.setup());
            ui.keepState(options.stateDir(), Clipboard.of(options.stateDir().resolve("copied.txt"),
                    terminal instanceof JobControlTerminal jobs ? jobs::sendEscape : null, options.env().get("TERM")), loop::screenText);
            source.setRefreshInterval(options.refreshInterval());
            loop.run(ui);
        } catch (Throwable t) {
            failure = t;
        } finally {
            if (ui != null) ui.quit(); // whatever ended it, setup's worker is stopped
            if (console == null && own) closeUnstarted(opening); // failed before the screen took the terminal
            if (jobControl != null) jobControl.uninstall();
            if (console != null) console.stop();
            restored.countDown();
            System.setOut(out);
            System.setErr(err);
            removeHook(hook);
        }
        awaitWorkers(ui);
        if (failure == null) return 0;
        if (failure instanceof RepconException re) {
            LOG.log(Level.INFO, re.getMessage(), re);
            System.err.println("repcon: " + re.getMessage());
            return re.exitCode();
        }
        LOG.log(Level.SEVERE, "console failed", failure);
        System.err.println("repcon: internal error in the console: " + failure + " (details in " + Log.file() + ")");
        return INTERNAL;
    }

    /** The caller closes the transports next: setup's worker, interrupted on the way out, ends first (bounded). */
    private static void awaitWorkers(Ui ui) {
        if (ui == null) return;
        try {
            if (!ui.awaitWorkers(WORKERS_PATIENCE)) {
                LOG.warning("setup still runs after " + WORKERS_PATIENCE.toSeconds() + " s; leaving it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Theme loadTheme(Themes themes, ConsoleOptions options, Capabilities caps) {
        if (options.theme() != null) return themes.load(options.theme());
        return themes.load(caps.noColor() ? Themes.MONO : Themes.DEFAULT);
    }

    private static CompletableFuture<Terminal> openTty(boolean unicode) {
        return Background.start("repcon-tty", () -> {
            try {
                return ttyTerminal(unicode);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static Terminal opened(CompletableFuture<Terminal> opening) throws IOException {
        try {
            return Background.join(opening);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeUnstarted(opening);
            throw new IOException("interrupted while the terminal was set up", e);
        }
    }

    /** A terminal set up but never used as a screen (the theme was refused, a failure before): its settings go back. */
    private static void closeUnstarted(CompletableFuture<Terminal> opening) {
        opening.whenComplete((terminal, failure) -> {
            if (terminal == null) return;
            try {
                terminal.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not restore the terminal's settings", e);
            }
        }).exceptionally(t -> null).join();
    }

    /**
     * The process's tty, as a text terminal even without one (no Swing window), with Ctrl-C
     * delivered as a key so that it quits like q and the terminal is restored on the way out.
     */
    private static Terminal ttyTerminal(boolean unicode) throws IOException {
        if (System.console() == null) {
            throw RepconException.invalid("the console needs a terminal: stdin and stdout must be a tty");
        }
        Charset charset = unicode ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII;
        return new JobControlTerminal(System.in, System.out, charset);
    }

    /**
     * Lanterna restores the terminal from a shutdown hook of its own, which the JVM runs at the same time as ours
     * (hooks are unordered): on SIGTERM/INT/HUP it left the alternate screen while the UI thread still drew, so frames
     * landed on the shell and the cursor stayed hidden. Ours stops drawing first, then restores (and restores anyway
     * if the UI thread is stuck), so Lanterna's is removed. Its field is private; without it, we keep Lanterna's.
     */
    private static void removeLanternaHook(UnixLikeTerminal terminal) {
        try {
            java.lang.reflect.Field field = UnixLikeTerminal.class.getDeclaredField("shutdownHook");
            field.setAccessible(true);
            Runtime.getRuntime().removeShutdownHook((Thread) field.get(terminal));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not take over Lanterna's terminal restore at shutdown", e);
        }
    }

    /** Stray prints from any thread would scribble over the screen: while it is up they go to the log. */
    private static void silenceStandardStreams() {
        PrintStream toLog = new PrintStream(new LogStream(Log.get(Console.class)), true, StandardCharsets.UTF_8);
        System.setOut(toLog);
        System.setErr(toLog);
    }

    /**
     * The shutdown hook (SIGTERM): asks the UI thread to end, which gives the terminal back itself; only when it has
     * not within a bounded time (stuck, so not drawing) does the hook restore the terminal from here.
     */
    private void stopOnShutdown(UiLoop loop, CountDownLatch restored) {
        loop.stop();
        try {
            if (restored.await(SHUTDOWN_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warning("the console did not end within " + SHUTDOWN_PATIENCE.toMillis() + " ms of the shutdown; restoring the terminal");
        stop();
    }

    /** Gives the terminal back; safe to call twice, and from the shutdown hook when the UI thread is stuck. */
    private synchronized void stop() {
        if (stopped) return;
        stopped = true;
        try {
            screen.stopScreen();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not stop the screen", e);
        }
        if (ownTerminal) {
            try {
                screen.getTerminal().close();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "could not restore the terminal", e);
            }
        }
    }

    private static void removeHook(Thread hook) {
        if (hook == null) return;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down (SIGTERM): the hook is running or has run.
        }
    }

    /** Lines written to System.out/err while the screen is up, into the log file. */
    private static final class LogStream extends OutputStream {
        private final Logger log;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LogStream(Logger log) {
            this.log = log;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') flushLine();
            else line.write(b);
        }

        @Override
        public synchronized void flush() {
            if (line.size() > 0) flushLine();
        }

        private void flushLine() {
            log.info("(stdout/stderr) " + line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
