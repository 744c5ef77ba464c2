package org.repcon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
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
        Thread stopper = new Thread(() -> stop(lab, null), "demo-lab-down");
        if (!wasUp) Runtime.getRuntime().addShutdownHook(stopper); // a closed terminal or SIGTERM still stops it
        try {
            lab.up(new PrintWriter(PrintWriter.nullWriter()));
            return flags.run(lab.topology());
        } finally {
            if (!wasUp) {
                stop(lab, err);
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException e) {
                    // shutting down: the hook runs (and finds nothing left to stop)
                }
            }
        }
    }

    private static void stop(Lab lab, PrintWriter err) {
        List<LabProcess> stopped = lab.down();
        if (err != null) {
            err.println("repcon: stopped the lab (" + stopped.size() + " processes)");
            err.flush();
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
