package org.repcon.monitor;

import static org.repcon.topology.Convention.INSTANCE_CONFIG;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.repcon.config.ConfigDrift;
import org.repcon.config.ConfigRenderer;
import org.repcon.config.RenderedFile;
import org.repcon.config.SecretValues;
import org.repcon.diagnosis.ConfigDrifts;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.RunningConfig;
import org.repcon.probe.Snapshot;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Secret;
import org.repcon.topology.Topology;
import org.repcon.transport.Transports;
import org.repcon.util.RepconException;

/**
 * Each instance's configuration three ways, about once a minute, never each refresh: what it runs with (the probe's
 * CONFIG GET, asked for by {@code readAgain}), its files on the host (read through the transport, as redis-server
 * reads them, once per host and pass), and what the topology renders. An instance whose files cannot be read is not
 * compared: no finding rather than a guessed one.
 */
final class ConfigFiles {

    static final Duration INTERVAL = Duration.ofSeconds(60);
    /** A drift found is read again this often, so that its repair clears it soon and a healed fault leaves nothing. */
    static final Duration RECHECK = Duration.ofSeconds(5);
    /** Redis's own values for the directives a file may leave out, for a running value to be compared with then. */
    private static final Map<String, List<String>> DEFAULTS = Map.of("replica-read-only", List.of("yes"),
            "repl-backlog-size", List.of("1mb"), "maxmemory", List.of("0"), "min-replicas-to-write", List.of("0"),
            "appendonly", List.of("no"), "client-output-buffer-limit", List.of("replica", "256mb", "64mb", "60"), "replicaof", List.of(), "masterauth", List.of(), "requirepass", List.of());
    /** A topology password that could not be read here: that directive is not compared. */
    private static final String UNKNOWN = "repcon-unreadable-password";

    private final Topology topology;
    private final Transports transports;
    private final Consumer<Optional<Set<InstanceRef>>> readAgain;
    private Duration interval = INTERVAL;
    private long askedAtMs = -1;
    private long recheckedAtMs;
    private final Map<InstanceRef, Long> comparedMs = new HashMap<>();
    private final Map<InstanceRef, ConfigDrifts> last = new LinkedHashMap<>();

    /**
     * @param readAgain asks the probe to read the running configuration with their next probe: of these instances, or
     *                  (empty) of every one
     */
    ConfigFiles(Topology topology, Transports transports, Consumer<Optional<Set<InstanceRef>>> readAgain) {
        this.topology = topology;
        this.transports = transports;
        this.readAgain = readAgain;
    }

    void interval(Duration d) {
        interval = d;
    }

    /** By instance, the differences as last compared: each reading of the probe's is compared once, when it comes. */
    Map<InstanceRef, ConfigDrifts> at(Snapshot snapshot) {
        Map<String, Function<String, Optional<String>>> readers = new HashMap<>();
        for (InstanceSample s : snapshot.instances().values()) {
            Optional<RunningConfig> running = s.config();
            if (running.isEmpty() || running.get().readMs() <= comparedMs.getOrDefault(s.instance(), Long.MIN_VALUE)) continue;
            comparedMs.put(s.instance(), running.get().readMs());
            Optional<Instance> instance = topology.instance(s.instance());
            if (instance.isEmpty()) continue;
            Host host = topology.hostOf(instance.get());
            Function<String, Optional<String>> read = readers.computeIfAbsent(host.name(), n -> once(host));
            Optional<ConfigDrifts> compared;
            try {
                compared = compare(topology, host, instance.get(), running.get().values(), read);
            } catch (RuntimeException e) {
                // A comparison must never cost the refresh: logged, and that instance not compared this time.
                org.repcon.util.Log.get(ConfigFiles.class).log(java.util.logging.Level.WARNING, s.instance() + ": drift not compared", e);
                compared = Optional.empty();
            }
            if (compared.isPresent()) last.put(s.instance(), compared.get());
            else last.remove(s.instance());
        }
        Map<InstanceRef, ConfigDrifts> out = new LinkedHashMap<>();
        last.forEach((ref, d) -> {
            if (!d.isEmpty()) out.put(ref, d);
        });
        long now = snapshot.timeMs();
        if (askedAtMs < 0 || now - askedAtMs >= interval.toMillis()) {
            if (askedAtMs >= 0) readAgain.accept(Optional.empty()); // the first probe reads it anyway
            askedAtMs = now;
            recheckedAtMs = now;
        } else if (!out.isEmpty() && now - recheckedAtMs >= Math.min(RECHECK.toMillis(), interval.toMillis())) {
            readAgain.accept(Optional.of(out.keySet()));
            recheckedAtMs = now;
        }
        return out;
    }

    /** The host's files through its transport, each read at most once in a pass (every instance includes the common one). */
    private Function<String, Optional<String>> once(Host host) {
        Map<String, Optional<String>> read = new HashMap<>();
        return path -> read.computeIfAbsent(path, p -> {
            try {
                return transports.of(host).readFile(p);
            } catch (RepconException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The instance's running values against its files, and its files against the topology; empty when its files
     * cannot be read.
     *
     * @param running CONFIG GET's reply, passwords as {@link RunningConfig#fingerprint}s
     * @param read a file's text on the instance's host
     */
    static Optional<ConfigDrifts> compare(Topology topology, Host host, Instance instance, Map<String, String> running,
                                          Function<String, Optional<String>> read) {
        String path = host.instancePath(instance, INSTANCE_CONFIG);
        ConfigDrift.FileValues disk = fingerprinted(ConfigDrift.fileValues(path, read));
        if (!disk.unread().isEmpty()) return Optional.empty();
        Map<String, String> rendered = new HashMap<>();
        for (RenderedFile f : ConfigRenderer.redisFiles(topology, host, FINGERPRINTS)) rendered.put(f.path(), f.content());
        ConfigDrift.FileValues wanted = ConfigDrift.fileValues(path, p -> Optional.ofNullable(rendered.get(p)));
        ConfigDrift.FileValues diskOrDefault = withDefaults(disk);

        Map<String, String> onDisk = new LinkedHashMap<>();
        diskOrDefault.values().forEach((k, v) -> onDisk.put(k, String.join(" ", v)));
        List<ConfigDrifts.Difference> files = new ArrayList<>();
        for (ConfigDrift.Drift d : ConfigDrift.compare(wanted, onDisk, RunningConfig.DIRECTIVES)) {
            if (d.file().contains(UNKNOWN)) continue;
            files.add(new ConfigDrifts.Difference(d.directive(), againstTopology(d),
                    settleable(d.directive(), wanted.values().getOrDefault(d.directive(), List.of()))));
        }
        List<ConfigDrifts.Difference> runs = new ArrayList<>();
        for (ConfigDrift.Drift d : ConfigDrift.compare(diskOrDefault, running, RunningConfig.DIRECTIVES)) {
            // Running as the topology says while the file does not: the file's drift is the one cause, said once.
            boolean fileIsTheCause = files.stream().anyMatch(x -> x.directive().equals(d.directive()))
                    && ConfigDrift.compare(wanted, running, List.of(d.directive())).isEmpty();
            if (fileIsTheCause) continue;
            // Back to the topology's value where it gives one; where it is silent, which of the two values is meant is
            // the operator's to say (a backlog raised by hand is worth keeping, a replica made writable is not).
            List<String> settle = wanted.values().getOrDefault(d.directive(), List.of());
            runs.add(new ConfigDrifts.Difference(d.directive(), d.describe(), settleable(d.directive(), settle)));
        }
        return Optional.of(new ConfigDrifts(path, runs, files));
    }

    /** "its file says maxmemory 80mb, the topology gives 70mb"; a password's value is never said. */
    private static String againstTopology(ConfigDrift.Drift d) {
        String file = d.running();
        String topology = d.file();
        if (RunningConfig.secret(d.directive())) {
            if (file.isEmpty()) return "its file sets no " + d.directive() + ", the topology gives one";
            if (topology.isEmpty()) return "its file sets " + d.directive() + ", the topology gives none";
            return "its file has another " + d.directive() + " than the topology gives (not shown)";
        }
        return "its file says " + (file.isEmpty() ? "no " + d.directive() : d.directive() + " " + file) + ", the topology gives "
                + (topology.isEmpty() ? "none" : topology);
    }

    /**
     * The words {@code set} takes: a password's value never ({@code set masterauth} takes it from the topology); of the
     * output-buffer limits, the replica class's three, the only class set changes.
     */
    private static Optional<List<String>> settleable(String directive, List<String> words) {
        if (RunningConfig.secret(directive) || words.isEmpty()) return Optional.empty();
        if (directive.equals("client-output-buffer-limit")) {
            for (int i = 0; i + 3 < words.size(); i += 4) {
                String c = words.get(i).toLowerCase(java.util.Locale.ROOT);
                if (c.equals("replica") || c.equals("slave")) return Optional.of(List.copyOf(words.subList(i + 1, i + 4)));
            }
            return Optional.empty();
        }
        return Optional.of(List.copyOf(words));
    }

    private static ConfigDrift.FileValues fingerprinted(ConfigDrift.FileValues files) {
        Map<String, List<String>> values = new LinkedHashMap<>(files.values());
        values.replaceAll((k, v) -> RunningConfig.secret(k) ? List.of(RunningConfig.fingerprint(String.join(" ", v))) : v);
        return new ConfigDrift.FileValues(values, files.unread());
    }

    private static ConfigDrift.FileValues withDefaults(ConfigDrift.FileValues files) {
        Map<String, List<String>> values = new LinkedHashMap<>(files.values());
        DEFAULTS.forEach(values::putIfAbsent);
        return new ConfigDrift.FileValues(values, files.unread());
    }

    /** The topology's passwords as the running ones are kept: fingerprints. */
    private static final SecretValues FINGERPRINTS = new SecretValues() {
        @Override
        public String psk(String identity) {
            return "";
        }

        @Override
        public String password(Secret secret) {
            try {
                return RunningConfig.fingerprint(secret.reveal());
            } catch (RepconException e) {
                return UNKNOWN;
            }
        }
    };
}
