package org.repcon.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.repcon.util.Log;
import org.repcon.view.ConsoleView;

/**
 * The UI thread: polls keys, picks up new views, resizes, and redraws only when something changed
 * (a key, a view, a resize, the header's clock ticking over). Redraws are deltas, so an idle
 * screen writes next to nothing. Other threads never touch the screen; they post tasks or signal (the shutdown
 * hook too: {@link #stop}).
 */
final class UiLoop {

    /** How long the loop sleeps when nothing happens: the worst-case delay before a key is seen. */
    static final long POLL_MILLIS = 20;
    /** How long the first frame waits for the first refresh before it is drawn without (then says it waits). */
    static final long FIRST_VIEW_GRACE_MILLIS = 300;
    /** Keys handled before a redraw, so that a burst (a held key, a paste) cannot starve the screen. */
    private static final int KEYS_PER_FRAME = 32;

    private static final Logger LOG = Log.get(UiLoop.class);

    private final TerminalScreen screen;
    private final ConsoleSource source;
    private final LongSupplier clock;
    private final Object signal = new Object();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean viewChanged;
    /** Set on the UI thread when the terminal's cells are unknown (back from a suspend): the next frame draws all. */
    private boolean repaintAll;
    private Ui ui;

    UiLoop(TerminalScreen screen, ConsoleSource source, LongSupplier clock) {
        this.screen = screen;
        this.source = source;
        this.clock = clock;
    }

    /** Runs a task on the UI thread; safe from any thread. */
    void post(Runnable task) {
        tasks.add(task);
        wake();
    }

    /** The next frame redraws every cell; on the UI thread (a posted task). */
    void repaintAll() {
        repaintAll = true;
    }

    /** Asks the loop to end as after q; safe from any thread (the shutdown hook), which must not touch the screen. */
    void stop() {
        post(() -> ui.quit());
    }

    /**
     * Runs a key's binding or a posted task; one that fails is a bug, but in one task: it is logged and said on the
     * bottom line, and the console goes on (drawing and the loop itself are not guarded: they end it).
     */
    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "a console task failed", e);
            ui.showMessage("internal error: " + e + " (the console goes on; details in " + Log.file() + ")", true);
        }
    }

    void run(Ui ui) throws IOException {
        this.ui = ui;
        source.onUpdate(() -> {
            viewChanged = true;
            wake();
        });
        ui.setView(firstView());
        long nextTick = draw(Screen.RefreshType.DELTA);
        while (!ui.quitting()) {
            boolean dirty = false;
            KeyStroke key;
            for (int n = 0; n < KEYS_PER_FRAME && !ui.quitting() && (key = screen.pollInput()) != null; n++) {
                KeyStroke k = key;
                guarded(() -> ui.handle(k));
                dirty = true;
            }
            for (Runnable task; (task = tasks.poll()) != null; ) {
                guarded(task);
                dirty = true;
            }
            if (viewChanged) {
                viewChanged = false;
                ui.setView(current());
                dirty = true;
            }
            // Terminals keep, move or reflow old text when resized: after a resize, redraw every cell.
            boolean complete = screen.doResizeIfNecessary() != null || repaintAll;
            repaintAll = false;
            if (ui.quitting()) break;
            long now = clock.getAsLong();
            if (dirty || complete || now >= nextTick) {
                nextTick = draw(complete ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
            } else {
                sleep(Math.min(POLL_MILLIS, nextTick - now));
            }
        }
    }

    /**
     * The first frame's view: waits a moment for the first refresh, since a "waiting" frame drawn first costs the UI
     * thread as much as the real one, on the cores the first refresh needs, and is gone again a moment later.
     */
    private ConsoleView firstView() {
        ConsoleView view = source.current();
        long deadline = System.nanoTime() + FIRST_VIEW_GRACE_MILLIS * 1_000_000;
        for (long left; view == null && !viewChanged && tasks.isEmpty() && (left = deadline - System.nanoTime()) > 0; ) {
            sleep(Math.max(1, left / 1_000_000));
        }
        if (view != null) return view;
        viewChanged = false; // taken here: the loop must not paint a second frame for it
        return current();
    }

    private ConsoleView current() {
        ConsoleView v = source.current();
        return v != null ? v : new ConsoleView("", 0, 0, 0, 0, List.of(), List.of(),
                List.of(), List.of());
    }

    /** Draws the frame; returns when the screen next changes by itself. */
    private long draw(Screen.RefreshType refresh) throws IOException {
        long now = clock.getAsLong();
        TerminalSize size = screen.getTerminalSize();
        screen.setCursorPosition(Frame.paint(screen.newTextGraphics(), size.getColumns(), size.getRows(), ui, now));
        screen.refresh(refresh);
        return ui.nextTick(now);
    }

    /** The screen as last drawn, as text: a line per row, trailing blanks dropped; on the UI thread. */
    String screenText() {
        TerminalSize size = screen.getTerminalSize();
        StringBuilder b = new StringBuilder();
        for (int row = 0; row < size.getRows(); row++) {
            StringBuilder line = new StringBuilder();
            for (int col = 0; col < size.getColumns(); col++) {
                var c = screen.getBackCharacter(col, row);
                line.append(c == null ? " " : c.getCharacterString());
                if (c != null && c.isDoubleWidth()) col++; // its second column holds no character of its own
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void sleep(long millis) {
        if (millis <= 0) return;
        synchronized (signal) {
            if (viewChanged || !tasks.isEmpty()) return;
            try {
                signal.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ui.quit();
            }
        }
    }
}
