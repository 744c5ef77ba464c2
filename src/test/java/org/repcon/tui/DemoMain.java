package org.repcon.tui;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.repcon.view.ConsoleView;
import org.repcon.view.Health;
import org.repcon.view.HostPane;
import org.repcon.view.Row;

/**
 * Shows the fixture in a real terminal, to look at the console as a user does (tmux, capture-pane):
 * {@code java -cp target/classes:target/test-classes:DEPS org.repcon.tui.DemoMain [healthy] [--live] [--read-only]}.
 * The view is re-published every second with a new timestamp, as a live source would; with
 * {@code --live} the replication offsets also move on, as with learning traffic; {@code --explode}
 * makes the view break after 3 s, to see the console fail cleanly.
 */
public final class DemoMain {

    public static void main(String[] args) {
        List<String> flags = Arrays.asList(args);
        boolean faulted = !flags.contains("healthy");
        boolean live = flags.contains("--live");
        AtomicLong traffic = new AtomicLong();
        FixedConsoleSource source = new FixedConsoleSource(view(faulted, 0));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-source");
            t.setDaemon(true);
            return t;
        });
        long explodeAt = flags.contains("--explode") ? System.currentTimeMillis() + 3000 : Long.MAX_VALUE;
        timer.scheduleAtFixedRate(() -> source.set(System.currentTimeMillis() > explodeAt ? broken()
                : view(faulted, live ? traffic.addAndGet(1733) : 0)), 1, 1, TimeUnit.SECONDS);
        int code = Console.run(source, ConsoleOptions.defaults().withReadOnly(flags.contains("--read-only")));
        timer.shutdownNow();
        System.exit(code);
    }

    /** A view with a row missing its cells: drawing it fails, as a bug would. */
    private static ConsoleView broken() {
        Row row = new Row("x/y", Row.Kind.INSTANCE, null, null, null, null, null, null, null, null, null, 0, 0, Health.OK);
        return new ConsoleView("broken", System.currentTimeMillis(), 0, 0, 0,
                List.of(new HostPane("x", "", Health.OK, List.of(row))), List.of(), List.of(), List.of());
    }

    private static ConsoleView view(boolean faulted, long traffic) {
        long now = System.currentTimeMillis();
        return Fixtures.advanced(faulted ? Fixtures.faulted(now) : Fixtures.healthy(now), traffic);
    }
}
