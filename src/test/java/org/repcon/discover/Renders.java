package org.repcon.discover;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.repcon.config.ConfigRenderer;
import org.repcon.config.RenderedCommand;
import org.repcon.config.RenderedFile;
import org.repcon.config.Rendering;
import org.repcon.config.SecretValues;
import org.repcon.topology.Host;
import org.repcon.topology.Topology;

/** What {@code render} gives for each host of a topology, secrets aside (the same placeholders for both sides). */
final class Renders {

    private static final SecretValues SECRETS = SecretValues.masked(Path.of("secrets aside"));

    private Renders() {}

    /** "HOST PATH" -> mode, merge and content; "HOST commands" -> the commands, one a line. */
    static Map<String, String> of(Topology topology) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Host host : topology.hosts()) {
            Rendering r = ConfigRenderer.render(topology, host, SECRETS);
            for (RenderedFile f : r.files()) {
                out.put(host.name() + " " + f.path(), String.format("mode %04o, %s%n%s", f.mode(), f.merge(), f.content()));
            }
            out.put(host.name() + " commands", String.join("\n", r.commands().stream().map(RenderedCommand::command).toList()));
        }
        return out;
    }
}
