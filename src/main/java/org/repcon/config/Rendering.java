package org.repcon.config;

import java.util.List;
import org.repcon.topology.Host;

/** Everything one host needs: the files with their contents and the commands, in order. */
public record Rendering(Host host, List<RenderedFile> files, List<RenderedDirectory> directories,
                        List<RenderedCommand> commands) {

    public Rendering {
        files = List.copyOf(files);
        directories = List.copyOf(directories);
        commands = List.copyOf(commands);
    }
}
