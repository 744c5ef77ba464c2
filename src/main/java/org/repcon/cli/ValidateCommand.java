package org.repcon.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyException;
import org.repcon.topology.TopologyLoader;
import org.repcon.util.RepconException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", description = "Check topology files: syntax, references, ports, tunnel paths.",
        footer = {"", "Exit status: 0 all valid (warnings are printed), 2 any file invalid."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Topology files (YAML).")
    List<Path> files;

    @Override
    public Integer call() {
        int exit = 0;
        for (Path file : files) {
            try {
                Topology t = TopologyLoader.load(file);
                t.warnings().forEach(w -> spec.commandLine().getOut().println(w));
                spec.commandLine().getOut().println(file + ": ok (" + t.counts() + ")");
            } catch (TopologyException e) {
                e.problems().forEach(p -> spec.commandLine().getErr().println(p));
                exit = RepconException.INVALID_INPUT;
            } catch (RepconException e) {
                spec.commandLine().getErr().println(e.getMessage());
                exit = RepconException.INVALID_INPUT;
            }
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return exit;
    }
}
