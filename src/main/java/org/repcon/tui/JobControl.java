package org.repcon.tui;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.repcon.util.Log;
import org.repcon.util.Pids;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-Z and {@code fg} while the console runs. Left to the default, SIGTSTP stops the JVM with the screen in raw
 * mode on the alternate screen, and {@code fg} continues it in the line mode the shell set meanwhile. Instead, the
 * UI thread gives the terminal back and then stops the process itself (SIGSTOP, which cannot be caught); SIGCONT
 * takes the terminal again and repaints every cell. Both run on the UI thread, so no frame is drawn in between.
 */
final class JobControl {

    private static final Logger LOG = Log.get(JobControl.class);

    private final SignalHandler previousStop;
    private final SignalHandler previousCont;

    private JobControl(SignalHandler previousStop, SignalHandler previousCont) {
        this.previousStop = previousStop;
        this.previousCont = previousCont;
    }

    static JobControl install(JobControlTerminal terminal, UiLoop loop) {
        long self = ProcessHandle.current().pid();
        SignalHandler stop = Signal.handle(new Signal("TSTP"), s -> loop.post(() -> {
            try {
                terminal.release();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not give the terminal back before suspending", e);
            }
            Pids.signal(self, "STOP");
        }));
        SignalHandler cont = Signal.handle(new Signal("CONT"), s -> loop.post(() -> {
            try {
                terminal.reacquire();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not take the terminal again after a suspend", e);
            }
            loop.repaintAll();
        }));
        return new JobControl(stop, cont);
    }

    void uninstall() {
        Signal.handle(new Signal("TSTP"), previousStop);
        Signal.handle(new Signal("CONT"), previousCont);
    }
}
