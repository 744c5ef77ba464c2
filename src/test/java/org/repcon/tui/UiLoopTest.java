package org.repcon.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.repcon.tui.theme.Palette;
import org.repcon.tui.theme.Themes;

/** The loop's stop, as the shutdown hook asks it from another thread: the UI thread itself ends the console. */
class UiLoopTest {

    @Test
    void stopAskedFromAnotherThreadIsCarriedOutOnTheUiThread() throws Exception {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        FixedConsoleSource source = new FixedConsoleSource(Fixtures.healthy(0));
        UiLoop loop = new UiLoop(screen, source, System::currentTimeMillis);
        Themes themes = new Themes(Path.of("target", "no-user-themes"));
        Capabilities caps = Capabilities.detect(ScreenDriver.TRUECOLOR_UTF8);
        Ui ui = new Ui(source, ConsoleCommands.withoutActions(null, themes::names), themes, caps, false, new Palette(themes.load("dark"), caps.depth()),
                Duration.ofSeconds(1), loop::post, System::currentTimeMillis);
        CompletableFuture<Thread> followStoppedOn = new CompletableFuture<>();
        // An output box fed by a follow: quitting closes it, which stops the follow.
        loop.post(() -> ui.showOutput("logs", List.of(), () -> followStoppedOn.complete(Thread.currentThread())));
        Thread uiThread = new Thread(() -> {
            try {
                loop.run(ui);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "ui-under-test");
        uiThread.setDaemon(true);
        uiThread.start();
        try {
            loop.stop();
            assertThat(followStoppedOn.get(5, TimeUnit.SECONDS)).isSameAs(uiThread);
            uiThread.join(5000);
            assertThat(uiThread.isAlive()).as("the loop ended").isFalse();
            assertThat(ui.quitting()).isTrue();
        } finally {
            screen.stopScreen();
        }
    }
}
