package org.repcon.action;

import java.util.Optional;
import org.repcon.config.ConfigRenderer;
import org.repcon.config.RenderedFile;
import org.repcon.config.SecretLines;
import org.repcon.config.SecretValues;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.util.RepconException;
import org.repcon.util.UnifiedDiff;

/** An instance's own config file, read through its host's transport and rewritten as one step with its diff. */
record InstanceFile(ActionContext ctx, Host host, Instance instance, String path, String content) {

    /** The file as it is now; empty when it does not exist (a RepconException when it cannot be read). */
    static Optional<InstanceFile> read(ActionContext ctx, Instance instance) {
        Host host = ctx.topology().hostOf(instance);
        String path = host.instancePath(instance, Convention.INSTANCE_CONFIG);
        return ctx.transport(host).readFile(path).map(text -> new InstanceFile(ctx, host, instance, path, text));
    }

    /**
     * The file a change is persisted into, read now; when it cannot be read or does not exist, a RepconException saying
     * so and that {@code change} could not be persisted ("...: the re-point could not be persisted").
     */
    static InstanceFile toPersist(ActionContext ctx, Instance instance, String change) {
        String cannot = ": " + change + " could not be persisted";
        Optional<InstanceFile> read;
        try {
            read = read(ctx, instance);
        } catch (RepconException e) {
            throw RepconException.failed(e.getMessage() + cannot);
        }
        Host host = ctx.topology().hostOf(instance);
        return read.orElseThrow(() -> RepconException.failed(host.instancePath(instance, Convention.INSTANCE_CONFIG)
                + " does not exist on " + host.name() + cannot));
    }

    /** The step writing {@code after} in its place, with the mode setup gives the file (0640 when it holds a password). */
    Step.WriteFile write(String after) {
        return new Step.WriteFile(host.name(), path, content, after, mode(), UnifiedDiff.of(path, content, after, SecretLines::redis));
    }

    private int mode() {
        try {
            return ConfigRenderer.render(ctx.topology(), host, SecretValues.masked(ctx.topology().secrets())).files().stream()
                    .filter(f -> f.path().equals(path)).findFirst().map(RenderedFile::mode).orElse(0644);
        } catch (RepconException | IllegalStateException | java.util.NoSuchElementException e) {
            return 0644;
        }
    }

    String describe() {
        return instance.ref() + "'s file " + path;
    }
}
