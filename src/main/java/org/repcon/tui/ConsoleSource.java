package org.repcon.tui;

import java.time.Duration;
import org.repcon.view.ConsoleView;

/**
 * Where the console's data comes from. Snapshots are made on the source's own threads; the
 * console only reads the latest, so a slow or dead host never holds up a key press. The caller
 * that made the source closes it; {@link Console#run} does not.
 */
public interface ConsoleSource extends AutoCloseable {

    /** The latest view, immediately, never null: an empty one (refreshedAt 0) before the first refresh. */
    ConsoleView current();

    /** Called, from any thread, after each new view; the console then reads {@link #current()}. */
    void onUpdate(Runnable listener);

    /** How often to refresh from now on; returns at once. */
    void setRefreshInterval(Duration d);

    /** Starts a refresh now if none is running; returns at once. */
    void refreshNow();

    @Override
    void close();
}
