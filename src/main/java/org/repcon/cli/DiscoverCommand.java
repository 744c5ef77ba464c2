package org.repcon.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.repcon.discover.Discovery;
import org.repcon.discover.HostSpec;
import org.repcon.discover.Report;
import org.repcon.topology.Platform;
import org.repcon.transport.Transports;
import org.repcon.util.AtomicFiles;
import org.repcon.util.RepconException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "discover", description = {"Read a deployment that already runs (read-only, on every host) into a topology"
        + " file: Redis instances and their files, stunnel's services, Rspamd's routing, INFO replication.",
        "Exit status: 0 consistent, 1 written with warnings, 2 could not be read (nothing written)."})
final class DiscoverCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--platform", paramLabel = "PLATFORM", description = "freebsd, debian or lab (default: detected per host).")
    String platform;

    @Option(names = "--root", paramLabel = "DIR", description = "The hosts' files are under DIR/HOST (as 'render --out DIR'"
            + " and the lab lay them out); for the lab, its directory.")
    Path root;

    @Option(names = "--name", paramLabel = "NAME", description = "The deployment's name (default: the lab directory's name,"
            + " else 'discovered').")
    String name;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the topology to FILE (atomically) instead of printing it.")
    Path out;

    @Option(names = "--force", description = "Replace an existing --out FILE (its old content kept as FILE.bak-...).")
    boolean force;

    @Option(names = "--ssh-option", paramLabel = "OPT", description = "For every ssh host: 'Name=value' is passed as -o Name=value;"
            + " a value starting with '-' as its words ('-F /etc/repcon/ssh_config'). Repeatable.")
    List<String> sshOptions;

    @Parameters(arity = "1..*", paramLabel = "HOST", description = "NAME=local, or NAME=[user@]address[:port] reached by ssh.")
    List<String> hostArgs;

    @Override
    public Integer call() {
        Optional<Platform> p = Optional.ofNullable(platform).map(text -> Platform.fromYaml(text).orElseThrow(() ->
                RepconException.invalid("--platform " + text + ": one of freebsd, debian, lab")));
        List<HostSpec> hosts = hostArgs.stream().map(HostSpec::parse).toList();
        List<String> options = sshWords(sshOptions == null ? List.of() : sshOptions);
        HostSpec.checkSshOptions(options);
        if (out != null && Files.exists(out) && !force) {
            throw RepconException.invalid(out + " exists; --force replaces it");
        }
        Discovery.Request request = new Discovery.Request(p, Optional.ofNullable(root), Optional.ofNullable(name), hosts, options,
                (out != null ? out : Path.of("discovered.yaml")).toAbsolutePath());
        Discovery.Result result;
        try (Transports transports = Discovery.transports(hosts, options)) {
            result = Discovery.run(request, h -> transports.of(h.name()));
        }
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Report report = result.report();
        report.errors().forEach(e -> err.println("error: " + e));
        report.warnings().forEach(e -> err.println("warning: " + e));
        if (result.yaml().isEmpty()) {
            err.println("repcon: discover: nothing written: " + report.errors().size() + " error(s)");
            err.flush();
            return Report.UNREADABLE;
        }
        if (out != null) {
            AtomicFiles.writeOrFail(out, result.yaml().get(), 0644);
            w.println("wrote " + out + " (" + result.topology().orElseThrow().counts() + ")"
                    + (report.warnings().isEmpty() ? "" : "; " + report.warnings().size() + " warning(s)"));
        } else {
            w.print(result.yaml().get());
        }
        w.flush();
        err.flush();
        return report.exitCode();
    }

    /** Each --ssh-option as ssh words: "Name=value" is "-o Name=value", "-F FILE" its own words. */
    private static List<String> sshWords(List<String> given) {
        List<String> words = new ArrayList<>();
        for (String o : given) {
            if (o.startsWith("-")) words.addAll(List.of(o.strip().split("\\s+")));
            else words.addAll(List.of("-o", o));
        }
        return words;
    }
}
