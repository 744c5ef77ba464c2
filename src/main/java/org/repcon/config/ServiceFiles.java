package org.repcon.config;

import static org.repcon.topology.Convention.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.repcon.config.RenderedCommand.Step;
import org.repcon.syntax.ShellQuote;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Platform;

/** What makes the instances services: boot enablement, log rotation, directories and the commands. */
final class ServiceFiles {

    private ServiceFiles() {}

    static List<RenderedFile> files(Host host) {
        List<RenderedFile> files = new ArrayList<>();
        host.path(RC_CONF, "").ifPresent(rc -> {
            StringBuilder lines = new StringBuilder();
            String service = host.server().rcName(); // valkey_enable, valkey_profiles for the port's rc.d/valkey
            lines.append(service).append("_enable=\"YES\"\n");
            lines.append(service).append("_profiles=").append(ShellQuote.doubleQuoted(host.instances().stream().map(Instance::name)
                    .collect(Collectors.joining(" ")))).append("\n");
            if (!host.tunnels().isEmpty()) {
                lines.append("stunnel_enable=\"YES\"\n");
                host.path(STUNNEL_PIDFILE, "").ifPresent(pid -> lines.append("stunnel_pidfile=").append(ShellQuote.doubleQuoted(pid)).append("\n"));
            }
            files.add(new RenderedFile(rc, lines.toString(), RenderedFile.Merge.SHELL_VARIABLES, 0644, false,
                    "start the instances and stunnel at boot"));
        });
        host.path(LOG_ROTATION, "").ifPresent(path -> files.add(RenderedFile.whole(path,
                host.platform() == Platform.FREEBSD ? newsyslog(host) : logrotate(host), "rotate the instances' logs")));
        return files;
    }

    private static String newsyslog(Host host) {
        String owner = host.convention(REDIS_USER, "");
        StringBuilder out = new StringBuilder("# logfilename          [owner:group]    mode count size when  flags [/pid_file] [sig_num]\n");
        for (Instance i : host.instances()) {
            // Redis reopens its log for every line, so plain rename rotation (no signal) is safe.
            out.append(String.format("%-27s %-14s 644  5       100    *  J%n", host.instancePath(i, LOGFILE), owner + ":" + owner));
        }
        return out.toString();
    }

    private static String logrotate(Host host) {
        String files = host.instances().stream().map(i -> host.instancePath(i, LOGFILE)).collect(Collectors.joining(" "));
        return files + " {\n    weekly\n    missingok\n    rotate 12\n    compress\n    delaycompress\n    notifempty\n}\n";
    }

    static List<RenderedDirectory> directories(Host host) {
        Optional<String> owner = host.path(REDIS_USER, "").map(u -> host.convention(REDIS_USER, ""));
        Set<String> dirs = new LinkedHashSet<>();
        for (Instance i : host.instances()) {
            dirs.add(host.instancePath(i, DIR));
            dirs.add(parent(host.instancePath(i, LOGFILE)));
            // Debian's redis-server@ (valkey-server@) unit creates its own runtime directory for the pid file.
            if (host.platform() != Platform.DEBIAN) dirs.add(parent(host.instancePath(i, PIDFILE)));
        }
        List<RenderedDirectory> out = new ArrayList<>();
        dirs.forEach(d -> out.add(new RenderedDirectory(d.length() > 1 && d.endsWith("/") ? d.substring(0, d.length() - 1) : d, owner)));
        if (!host.tunnels().isEmpty()) {
            host.path(STUNNEL_PIDFILE, "").ifPresent(pid -> out.add(new RenderedDirectory(parent(pid),
                    host.path(STUNNEL_USER, "").map(u -> host.convention(STUNNEL_USER, "")))));
            host.path(STUNNEL_LOG, "").ifPresent(log -> out.add(new RenderedDirectory(parent(log), Optional.empty())));
        }
        return out.stream().distinct().toList();
    }

    static List<RenderedCommand> commands(Host host) {
        List<RenderedCommand> out = new ArrayList<>();
        host.commandWords(INSTALL, "", "install").ifPresent(c -> out.add(new RenderedCommand(Step.INSTALL, c,
                "install " + host.server().yamlName() + " and stunnel")));
        for (RenderedDirectory d : directories(host)) {
            out.add(new RenderedCommand(Step.DIRECTORIES, List.of("mkdir", "-p", d.path()), "directory"));
            d.owner().ifPresent(o -> out.add(new RenderedCommand(Step.DIRECTORIES, List.of("chown", o, d.path()), "its owner")));
        }
        if (host.platform() == Platform.DEBIAN && host.instances().stream().anyMatch(i -> i.port() == Platform.STOCK_PORT)) {
            out.add(new RenderedCommand(Step.ENABLE, List.of("systemctl", "disable", "--now", host.server().debianPackage()),
                    "the stock single instance would take port " + Platform.STOCK_PORT));
        }
        services(out, host, Step.ENABLE, REDIS_ENABLE, STUNNEL_ENABLE, "enable", " at boot");
        services(out, host, Step.START, REDIS_SERVICE, STUNNEL_SERVICE, "start", "");
        return out;
    }

    /** The service manager's command for each instance, then for stunnel when the host has tunnels. */
    private static void services(List<RenderedCommand> out, Host host, Step step, Convention redis, Convention stunnel,
                                 String action, String when) {
        for (Instance i : host.instances()) {
            host.commandWords(redis, i.name(), action).ifPresent(c ->
                    out.add(new RenderedCommand(step, c, "start '" + i.name() + "'" + when)));
        }
        if (!host.tunnels().isEmpty()) {
            host.commandWords(stunnel, "", action).ifPresent(c -> out.add(new RenderedCommand(step, c, "start stunnel" + when)));
        }
    }

    private static String parent(String path) {
        Path p = Path.of(path).getParent();
        return p == null ? "/" : p.toString();
    }
}
