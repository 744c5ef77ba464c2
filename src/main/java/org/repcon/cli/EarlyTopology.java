package org.repcon.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;
import org.repcon.util.Background;

/**
 * {@code repcon FILE}, the console's usual start: the topology file is read on a thread of its own while picocli
 * builds its model of the command line (a tenth of a second each, on a second core), and the command takes it from
 * here. Only a single argument that names a file qualifies; any other command line reads its files as it always does.
 */
final class EarlyTopology {

    private static volatile Path path;
    private static volatile CompletableFuture<Topology> loading;

    private EarlyTopology() {}

    /** Starts reading when the arguments are one existing file; from the launcher's main only. */
    static void startFor(String[] args) {
        if (args.length != 1 || args[0].startsWith("-")) return;
        Path file;
        try {
            file = Path.of(args[0]);
        } catch (java.nio.file.InvalidPathException e) {
            return;
        }
        if (!Files.isRegularFile(file)) return;
        path = file;
        loading = Background.start("repcon-early-topology", () -> TopologyLoader.load(file));
    }

    /** The topology of {@code file}: the one read early when it is that file, else read now (errors as the loader's). */
    static Topology load(Path file) {
        CompletableFuture<Topology> future = loading;
        if (future == null || !file.equals(path)) return TopologyLoader.load(file);
        loading = null;
        try {
            return Background.join(future);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TopologyLoader.load(file);
        }
    }
}
