package org.repcon.tui;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.repcon.view.ConsoleView;

/** A source that shows a given view and changes it when told, calling listeners from the caller's thread. */
public final class FixedConsoleSource implements ConsoleSource {

    private volatile ConsoleView view;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Duration interval;
    final AtomicInteger refreshes = new AtomicInteger();

    public FixedConsoleSource(ConsoleView view) {
        this.view = view;
    }

    public void set(ConsoleView next) {
        view = next;
        listeners.forEach(Runnable::run);
    }

    @Override
    public ConsoleView current() {
        return view;
    }

    @Override
    public void onUpdate(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void setRefreshInterval(Duration d) {
        interval = d;
    }

    Duration interval() {
        return interval;
    }

    @Override
    public void refreshNow() {
        refreshes.incrementAndGet();
    }

    @Override
    public void close() {}
}
