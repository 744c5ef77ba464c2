package org.repcon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;

/** The sample topologies, optionally with some text replaced (addresses, binds) so tests do not collide. */
public final class TestTopologies {

    private TestTopologies() {}

    public static Path sample(String fileName) {
        return Path.of("sample-topologies", fileName).toAbsolutePath();
    }

    public static Topology load(String fileName) {
        return TopologyLoader.load(sample(fileName));
    }

    /** The sample with each key of {@code replacements} replaced by its value, loaded as if it were the sample. */
    public static Topology loadWith(String fileName, Map<String, String> replacements) {
        try {
            String text = Files.readString(sample(fileName));
            for (Map.Entry<String, String> r : replacements.entrySet()) {
                if (!text.contains(r.getKey())) throw new AssertionError(fileName + " has no '" + r.getKey() + "'");
                text = text.replace(r.getKey(), r.getValue());
            }
            return TopologyLoader.parse(text, sample(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
