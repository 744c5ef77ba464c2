package org.repcon.tui;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows the fixture in a real terminal, to look at the console as a user does (tmux, capture-pane):
 * {@code java -cp target/classes:target/test-classes:DEPS org.repcon.tui.DemoMain [faulted|healthy] [--read-only]}.
 * The view is re-published every second with a new timestamp, as a live source would.
 */
public final class DemoMain {

    public static void main(String[] args) {
        boolean faulted = args.length == 0 || !args[0].equals("healthy");
        boolean readOnly = java.util.Arrays.asList(args).contains("--read-only");
        FixedConsoleSource source = new FixedConsoleSource(faulted ? Fixtures.faulted(System.currentTimeMillis())
                : Fixtures.healthy(System.currentTimeMillis()));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-source");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> source.set(faulted ? Fixtures.faulted(System.currentTimeMillis())
                : Fixtures.healthy(System.currentTimeMillis())), 1, 1, TimeUnit.SECONDS);
        int code = Console.run(source, ConsoleOptions.defaults().withReadOnly(readOnly));
        timer.shutdownNow();
        System.exit(code);
    }
}
