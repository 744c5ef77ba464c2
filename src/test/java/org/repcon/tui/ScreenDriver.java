package org.repcon.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.repcon.testing.Await;
import org.repcon.view.ConsoleView;

/**
 * Runs the real console on a virtual terminal, on its own thread as in production, and lets a test
 * press keys and read the screen. Checks retry until they hold (the UI is asynchronous), and
 * closing quits with q and insists the console ended cleanly (no assertion tripped while drawing).
 */
public final class ScreenDriver implements AutoCloseable {

    /** A terminal that says UTF-8, truecolor: colours in tests are the theme's exact RGB values. */
    public static final Map<String, String> TRUECOLOR_UTF8 = Map.of("TERM", "xterm-256color", "COLORTERM", "truecolor",
            "LANG", "C.UTF-8");
    private static final long PATIENCE_MILLIS = 5000;
    private static final java.util.concurrent.atomic.AtomicLong STATES = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());

    final DefaultVirtualTerminal terminal;
    /** The fixed source of fixture tests; null when the driver runs on another source (a live lab). */
    final FixedConsoleSource source;
    private final Thread thread;
    private final AtomicInteger exit = new AtomicInteger(Integer.MIN_VALUE);

    /** The screen as of the last flush: a refresh ends with one, so this is never a half-drawn frame. */
    private volatile TextCharacter[][] frame = new TextCharacter[0][0];

    private ScreenDriver(DefaultVirtualTerminal terminal, ConsoleSource source, ConsoleOptions options) {
        this(terminal, source, () -> Console.run(source, options));
    }

    private ScreenDriver(DefaultVirtualTerminal terminal, ConsoleSource source, IntSupplier console) {
        this.terminal = terminal;
        this.source = source instanceof FixedConsoleSource fixed ? fixed : null;
        terminal.addVirtualTerminalListener((FlushListener) () -> frame = snapshot(terminal));
        this.thread = new Thread(() -> exit.set(console.getAsInt()), "console-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    static ScreenDriver start(ConsoleView view, int width, int height) {
        return start(view, width, height, o -> o);
    }

    static ScreenDriver start(ConsoleView view, int width, int height, UnaryOperator<ConsoleOptions> options) {
        return start(new FixedConsoleSource(view), width, height, options);
    }

    /** On any source: a live one over a lab, say. The caller closes the source. */
    static ScreenDriver start(ConsoleSource source, int width, int height, UnaryOperator<ConsoleOptions> options) {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(width, height));
        // Its own state directory: acknowledgements and copies of one test never reach another, nor the user's.
        ConsoleOptions base = ConsoleOptions.defaults().withEnv(TRUECOLOR_UTF8)
                .withUserThemes(Path.of("target", "no-user-themes")).withTerminal(terminal)
                .withStateDir(Path.of("target", "console-state", Long.toString(STATES.incrementAndGet())).toAbsolutePath());
        ScreenDriver driver = new ScreenDriver(terminal, source, options.apply(base));
        driver.await("the first frame", d -> !d.text().isBlank());
        return driver;
    }

    /**
     * Any way into the console ({@code repcon --read-only console FILE} through the command line, say), given the
     * virtual terminal it must run on; {@code console} returns its exit code.
     */
    public static ScreenDriver run(int width, int height, Function<DefaultVirtualTerminal, IntSupplier> console) {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(width, height));
        ScreenDriver driver = new ScreenDriver(terminal, null, console.apply(terminal));
        // The whole way in (parsing, the topology, the monitor) comes before the first frame: more patience for it.
        for (int n = 0; n < 3 && driver.text().isBlank(); n++) {
            try {
                driver.await("the first frame", d -> !d.text().isBlank());
            } catch (AssertionError slow) {
                if (n == 2) throw slow;
            }
        }
        return driver;
    }

    /** Key names as bindings use them ("j", "Enter", "Esc", "Ctrl-C"), or single characters to type. */
    public ScreenDriver press(String... keys) {
        for (String k : keys) terminal.addInput(stroke(k));
        return this;
    }

    public ScreenDriver type(String text) {
        for (char c : text.toCharArray()) terminal.addInput(new KeyStroke(c, false, false));
        return this;
    }

    private static KeyStroke stroke(String k) {
        return switch (k) {
            case "Enter" -> new KeyStroke(KeyType.Enter);
            case "Esc" -> new KeyStroke(KeyType.Escape);
            case "Tab" -> new KeyStroke(KeyType.Tab);
            case "Up" -> new KeyStroke(KeyType.ArrowUp);
            case "Down" -> new KeyStroke(KeyType.ArrowDown);
            case "PgDn" -> new KeyStroke(KeyType.PageDown);
            case "PgUp" -> new KeyStroke(KeyType.PageUp);
            case "Backspace" -> new KeyStroke(KeyType.Backspace);
            case "Space" -> new KeyStroke(' ', false, false);
            case "Ctrl-C" -> new KeyStroke('c', true, false);
            case "Ctrl-U" -> new KeyStroke('u', true, false);
            default -> {
                if (k.length() != 1) throw new IllegalArgumentException("no key " + k);
                yield new KeyStroke(k.charAt(0), false, false);
            }
        };
    }

    private static TextCharacter[][] snapshot(DefaultVirtualTerminal terminal) {
        TerminalSize size = terminal.getTerminalSize();
        TextCharacter[][] cells = new TextCharacter[size.getRows()][size.getColumns()];
        for (int row = 0; row < size.getRows(); row++) {
            for (int col = 0; col < size.getColumns(); col++) cells[row][col] = terminal.getCharacter(col, row);
        }
        return cells;
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (TextCharacter[] row : frame) {
            StringBuilder b = new StringBuilder();
            for (TextCharacter c : row) b.append(c.getCharacterString());
            lines.add(b.toString());
        }
        return lines;
    }

    int width() {
        TextCharacter[][] f = frame;
        return f.length == 0 ? 0 : f[0].length;
    }

    int height() {
        return frame.length;
    }

    public String text() {
        return String.join("\n", lines());
    }

    TextCharacter at(int col, int row) {
        return frame[row][col];
    }

    /** Where the text first appears on screen: {col, row}, or null. */
    int[] find(String text) {
        List<String> lines = lines();
        for (int row = 0; row < lines.size(); row++) {
            int col = lines.get(row).indexOf(text);
            if (col >= 0) return new int[] {col, row};
        }
        return null;
    }

    TextColor fgOf(String text) {
        int[] at = find(text);
        assertThat(at).as("'%s' on screen:\n%s", text, text()).isNotNull();
        return at(at[0], at[1]).getForegroundColor();
    }

    public ScreenDriver awaitText(String text) {
        return await("'" + text + "' on screen", d -> d.text().contains(text));
    }

    /** This driver once the text shows, for a test to start from; closed when it never does (nothing left running). */
    public ScreenDriver startedWith(String text) {
        try {
            return awaitText(text);
        } catch (RuntimeException | AssertionError e) {
            close();
            throw e;
        }
    }

    public ScreenDriver awaitNoText(String text) {
        return await("no '" + text + "' on screen", d -> !d.text().contains(text));
    }

    /** Retries the check until it holds; fails with the screen when it never does. */
    public ScreenDriver await(String what, Predicate<ScreenDriver> check) {
        try {
            // The check may assert: its message, when it never holds, is the last answer seen.
            Await.value(what, Duration.ofMillis(PATIENCE_MILLIS), Duration.ofMillis(5), () -> failureOf(check), "held"::equals,
                    last -> exit.get() != Integer.MIN_VALUE ? "the console ended (exit " + exit.get() + ")" : null);
        } catch (AssertionError e) {
            fail(e.getMessage() + "; screen:\n" + text());
        }
        return this;
    }

    /** "held", or why the check did not hold (its assertion's message). */
    private String failureOf(Predicate<ScreenDriver> check) {
        try {
            return check.test(this) ? "held" : "did not hold";
        } catch (AssertionError e) {
            return e.getMessage();
        }
    }

    /** The exit code once the console has ended. */
    int awaitExit() {
        try {
            thread.join(PATIENCE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(thread.isAlive()).as("console still running; screen:\n%s", text()).isFalse();
        return exit.get();
    }

    @Override
    public void close() {
        if (thread.isAlive()) press("q");
        assertThat(awaitExit()).as("exit code (70: the console failed, see the log)").isEqualTo(0);
    }
}
