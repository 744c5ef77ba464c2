package org.repcon.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.repcon.config.ConfigRenderer;
import org.repcon.config.PskStore;
import org.repcon.config.RenderedCommand;
import org.repcon.config.RenderedFile;
import org.repcon.config.Rendering;
import org.repcon.config.SecretValues;
import org.repcon.topology.Host;
import org.repcon.topology.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "render", description = {"Show (or write) every file a host needs: redis, stunnel, PSK, rc.conf or"
        + " systemd, log rotation, Rspamd. Secrets are masked unless written with --out."})
final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TopologyFile topologyFile;

    @Option(names = "--host", paramLabel = "HOST", description = "Host to render (repeatable; default: all).")
    List<String> hostNames;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the files under DIR/HOST/<target path> instead of"
            + " listing them (with real secrets, mode 0600 where secret; the PSK secrets file is created if missing).")
    Path out;

    @Override
    public Integer call() {
        Topology topology = topologyFile.load();
        List<Host> hosts = topologyFile.hosts(topology, hostNames);
        PrintWriter w = spec.commandLine().getOut();
        SecretValues secrets;
        if (out != null) {
            boolean existed = topology.secrets().toFile().exists();
            PskStore store = PskStore.ensure(topology.secrets(), ConfigRenderer.pskIdentities(topology));
            if (!existed && topology.secrets().toFile().exists()) {
                w.println("created the PSK secrets file " + topology.secrets() + " (mode 0600): keep it safe");
            }
            secrets = SecretValues.revealed(store);
        } else {
            secrets = SecretValues.masked(topology.secrets());
        }
        for (Host host : hosts) {
            Rendering r = ConfigRenderer.render(topology, host, secrets);
            if (out != null) RenderingTree.write(r, out.resolve(host.name())).forEach(p -> w.println("wrote " + p));
            else list(r, w);
        }
        w.flush();
        return 0;
    }

    private static void list(Rendering r, PrintWriter w) {
        Host h = r.host();
        w.println("# host " + h.name() + " (" + h.platform().yamlName() + ", "
                + (h.access().isLocal() ? "local" : "ssh " + h.address().orElse("?")) + ")");
        for (RenderedFile f : r.files()) {
            w.println();
            w.println("== " + f.path() + "  (" + f.purpose() + "; " + describe(f) + ")");
            w.print(f.content());
        }
        if (!r.commands().isEmpty()) {
            w.println();
            w.println("== commands, in order");
            for (RenderedCommand c : r.commands()) w.println(c.command());
        }
        w.println();
    }

    private static String describe(RenderedFile f) {
        String mode = String.format("mode %04o", f.mode());
        return switch (f.merge()) {
            case WHOLE -> "whole file, " + mode;
            case REDIS_DIRECTIVES -> "these directives replace theirs in the existing file";
            case SHELL_VARIABLES -> "these variables are set, other lines kept";
        };
    }
}
