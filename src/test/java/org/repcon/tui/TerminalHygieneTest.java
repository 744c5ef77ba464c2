package org.repcon.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.repcon.testing.Await;
import org.repcon.view.ConsoleView;

/**
 * The console on a real ANSI terminal writing into memory: what it costs in bytes, and that the
 * terminal is handed back (alternate screen left, cursor shown) however the console ends.
 */
class TerminalHygieneTest {

    private static final String LEAVE_ALTERNATE_SCREEN = "\u001b[?1049l";

    private final PipedOutputStream keys = new PipedOutputStream();
    private Thread thread;
    private final AtomicInteger exit = new AtomicInteger(Integer.MIN_VALUE);

    @AfterEach
    void stop() throws IOException, InterruptedException {
        if (thread != null && thread.isAlive()) {
            keys.write('q');
            keys.flush();
            thread.join(5000);
        }
    }

    private CountingTerminal start(ConsoleSource source, int width, int height) throws IOException {
        CountingTerminal terminal = CountingTerminal.of(new PipedInputStream(keys, 4096), width, height);
        ConsoleOptions options = ConsoleOptions.defaults().withEnv(ScreenDriver.TRUECOLOR_UTF8)
                .withUserThemes(Path.of("target", "no-user-themes")).withTerminal(terminal);
        thread = new Thread(() -> exit.set(Console.run(source, options)), "console-under-test");
        thread.setDaemon(true);
        thread.start();
        return terminal;
    }

    @Test
    void anUnchangedViewRedrawsWithNextToNoBytes() throws IOException {
        // refreshedAt 0: the header reads "waiting" and does not tick, so only the redraw itself is measured.
        ConsoleView view = Fixtures.faulted(0);
        FixedConsoleSource source = new FixedConsoleSource(view);
        CountingTerminal terminal = start(source, 120, 40);
        await("the first frame", () -> terminal.output().contains(" help"));
        assertThat(terminal.bytes()).as("the first frame draws the screen").isGreaterThan(3000);
        int warmUp = terminal.flushes();
        source.set(view);
        await("a redraw", () -> terminal.flushes() > warmUp);
        long firstFrame = terminal.bytes();

        int frames = 20;
        for (int i = 0; i < frames; i++) {
            int before = terminal.flushes();
            source.set(view);
            await("a redraw", () -> terminal.flushes() > before);
        }
        long perRedraw = (terminal.bytes() - firstFrame) / frames;
        System.out.println("first frame " + firstFrame + " B, per unchanged redraw " + perRedraw + " B");
        assertThat(perRedraw).as("bytes per unchanged redraw").isLessThanOrEqualTo(16);
    }

    @Test
    void arrowKeysAndCtrlCOverTheWireThenTheTerminalIsRestored() throws IOException, InterruptedException {
        CountingTerminal terminal = start(new FixedConsoleSource(Fixtures.faulted(System.currentTimeMillis())), 100, 30);
        await("the first frame", () -> terminal.output().contains(" help"));
        keys.write("\u001b[B".getBytes());
        keys.write(3);
        keys.flush();
        thread.join(5000);
        assertThat(exit.get()).isZero();
        String out = terminal.output();
        assertThat(out.lastIndexOf(LEAVE_ALTERNATE_SCREEN)).as("left the alternate screen at the end").isGreaterThan(out.length() - 40);
    }

    @Test
    void anExceptionRestoresTheTerminalAndReportsAnInternalError() throws InterruptedException, IOException {
        AtomicInteger calls = new AtomicInteger();
        FixedConsoleSource good = new FixedConsoleSource(Fixtures.healthy(0));
        ConsoleSource broken = new ConsoleSource() {
            @Override
            public ConsoleView current() {
                if (calls.incrementAndGet() > 1) throw new IllegalStateException("probe exploded");
                return good.current();
            }

            @Override
            public void onUpdate(Runnable listener) {
                good.onUpdate(listener);
            }

            @Override
            public void setRefreshInterval(java.time.Duration d) {}

            @Override
            public void refreshNow() {}

            @Override
            public void close() {}
        };
        CountingTerminal terminal = start(broken, 100, 30);
        await("the first frame", () -> terminal.output().contains(" help"));
        good.set(Fixtures.healthy(0));
        thread.join(5000);
        assertThat(exit.get()).isEqualTo(Console.INTERNAL);
        assertThat(terminal.output()).endsWith(terminal.output().substring(terminal.output().lastIndexOf(LEAVE_ALTERNATE_SCREEN)));
        assertThat(terminal.output()).contains(LEAVE_ALTERNATE_SCREEN);
    }

    /** Until the UI, on its own thread, has done {@code what}; asked often, as a frame is quick. */
    private static void await(String what, BooleanSupplier condition) {
        Await.value(what, Duration.ofSeconds(5), Duration.ofMillis(2), condition::getAsBoolean, done -> done);
    }
}
