package org.repcon.tui;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.repcon.monitor.Monitor;
import org.repcon.view.ConsoleView;

/** The console's data from a live {@link Monitor}: probing on the monitor's threads, never the UI's. */
public final class LiveSource implements ConsoleSource {

    private final Monitor monitor;
    private final ConsoleView empty;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Takes ownership of the monitor: starts it now and closes it with the source. */
    public LiveSource(Monitor monitor) {
        this.monitor = monitor;
        this.empty = new ConsoleView(monitor.topology().name(), 0, 0, 0, 0, List.of(), List.of(), List.of(), List.of());
        monitor.addListener(state -> listeners.forEach(Runnable::run));
        monitor.start();
    }

    public Monitor monitor() {
        return monitor;
    }

    @Override
    public ConsoleView current() {
        Monitor.State state = monitor.latest();
        return state == null ? empty : state.view();
    }

    @Override
    public void onUpdate(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void setRefreshInterval(Duration d) {
        monitor.setInterval(d);
    }

    @Override
    public void refreshNow() {
        monitor.refreshNow();
    }

    @Override
    public void close() {
        monitor.close();
    }
}
