package org.repcon.cli;

import java.nio.file.Path;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;
import picocli.CommandLine.Parameters;

/** The topology file argument that most subcommands take first. */
final class TopologyFile {

    @Parameters(index = "0", paramLabel = "FILE", description = "Topology file (YAML).")
    Path file;

    Topology load() {
        return TopologyLoader.load(file);
    }
}
