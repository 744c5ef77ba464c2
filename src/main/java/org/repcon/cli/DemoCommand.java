package org.repcon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.repcon.lab.Lab;
import org.repcon.lab.LabProcess;
import org.repcon.lab.LabTopology;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;
import org.repcon.util.RepconException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", description = {"Start the lab of sample-topologies/lab.yaml (real redis-server and stunnel on"
        + " 127.0.0.2-4), open the console on it, and stop the lab when the console exits.",
        "Try faults from another terminal: repcon lab fault sample-topologies/lab.yaml stop-tunnel replica1"})
final class DemoCommand implements Callable<Integer> {

    /** The sample lab, bundled in the jar so the demo runs from anywhere. */
    static final String BUNDLED = "/samples/lab.yaml";

    @Spec
    CommandSpec spec;
    @Mixin
    ConsoleCommand.ConsoleFlags flags;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        flags.requireFullScreen(); // before the lab starts for a console that cannot show
        Lab lab = new Lab(LabTopology.of(bundledLab(), Optional.empty()));
        boolean wasUp = lab.processes().stream().anyMatch(p -> lab.pid(p).isPresent());
        err.println(wasUp ? "repcon: the lab is already up; the demo leaves it running afterwards"
                : "repcon: starting the lab in " + lab.root() + " ...");
        err.flush();
        LabStop labStop = new LabStop(lab);
        Thread stopper = new Thread(labStop::onShutdown, "demo-lab-down");
        if (!wasUp) Runtime.getRuntime().addShutdownHook(stopper); // a closed terminal or SIGTERM still stops it
        try {
            lab.up(new PrintWriter(PrintWriter.nullWriter()));
            return flags.run(lab.topology());
        } finally {
            if (!wasUp) {
                labStop.run(err);
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException e) {
                    // shutting down: the hook runs (and finds the lab stopped)
                }
            }
        }
    }

    /**
     * Stops the lab once, after the console. On SIGTERM/HUP/INT the JVM runs every shutdown hook at once, so a hook
     * that stopped the lab itself would race the console's: the screen would show the lab dying, or the lab would
     * outlive a stuck console. The hook instead lets the main thread do it, in order (the console stops drawing,
     * gives the terminal back, returns, then the lab stops), and only stops the lab itself when the main thread has
     * not begun within a bounded time.
     */
    private static final class LabStop {
        /** Longer than the console's own 2 s wait for its UI thread, plus closing the monitor. */
        private static final long MAIN_PATIENCE_MILLIS = 6000;
        /** How long a stop begun by the main thread may take before the hook lets the JVM end anyway. */
        private static final long STOP_PATIENCE_MILLIS = 30_000;

        private final Lab lab;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CountDownLatch begun = new CountDownLatch(1);
        private final CountDownLatch done = new CountDownLatch(1);

        LabStop(Lab lab) {
            this.lab = lab;
        }

        /** Stops the lab unless the other side already does; says so on {@code err} when given. */
        void run(PrintWriter err) {
            if (!claimed.compareAndSet(false, true)) return;
            begun.countDown();
            try {
                List<LabProcess> stopped = lab.down();
                if (err != null) {
                    err.println("repcon: stopped the lab (" + stopped.size() + " processes)");
                    err.flush();
                }
            } finally {
                done.countDown();
            }
        }

        void onShutdown() {
            try {
                if (!begun.await(MAIN_PATIENCE_MILLIS, TimeUnit.MILLISECONDS)) run(null);
                done.await(STOP_PATIENCE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Topology bundledLab() {
        try (InputStream in = DemoCommand.class.getResourceAsStream(BUNDLED)) {
            if (in == null) throw RepconException.failed("the bundled lab topology is missing from this build");
            return TopologyLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), Path.of("sample-topologies/lab.yaml"));
        } catch (IOException e) {
            throw RepconException.failed("cannot read the bundled lab topology: " + e.getMessage());
        }
    }
}
