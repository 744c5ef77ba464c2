package org.repcon.cli;

import java.nio.file.Path;
import java.util.List;
import org.repcon.topology.Host;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;
import org.repcon.util.RepconException;
import org.repcon.util.Suggest;
import picocli.CommandLine.Parameters;

/** The topology file argument that most subcommands take first. */
final class TopologyFile {

    @Parameters(index = "0", paramLabel = "FILE", description = "Topology file (YAML).")
    Path file;

    Topology load() {
        return TopologyLoader.load(file);
    }

    /** The hosts named by {@code --host} options (all when none), each checked: an unknown name is invalid input. */
    List<Host> hosts(Topology topology, List<String> names) {
        if (names == null) return topology.hosts();
        return names.stream().map(name -> topology.host(name).orElseThrow(() -> RepconException.invalid("no host '" + name
                + "' in " + file + Suggest.hint(name, topology.hosts().stream().map(Host::name).toList())))).toList();
    }
}
