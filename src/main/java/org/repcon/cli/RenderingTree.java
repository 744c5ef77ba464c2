package org.repcon.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.repcon.config.RenderedFile;
import org.repcon.config.Rendering;
import org.repcon.util.AtomicFiles;

/** A host's rendering written into a directory tree for review: DIR/&lt;target path&gt;, plus commands.sh. */
public final class RenderingTree {

    private RenderingTree() {}

    /** Writes the files (and the commands as a script); returns what it wrote. */
    public static List<Path> write(Rendering r, Path dir) {
        List<Path> written = new ArrayList<>();
        for (RenderedFile f : r.files()) {
            Path target = dir.resolve(f.path().replaceFirst("^/+", ""));
            String header = f.merge() == RenderedFile.Merge.WHOLE ? ""
                    : "# repcon sets these lines in " + f.path() + "; every other line there stays as it is\n";
            AtomicFiles.writeOrFail(target, header + f.content(), f.mode());
            written.add(target);
        }
        if (!r.commands().isEmpty()) {
            StringBuilder script = new StringBuilder("#!/bin/sh\n# commands host " + r.host().name() + " needs, in order\nset -e\n");
            r.commands().forEach(c -> script.append(c.command()).append('\n'));
            Path target = dir.resolve("commands.sh");
            AtomicFiles.writeOrFail(target, script.toString(), 0755);
            written.add(target);
        }
        return written;
    }
}
