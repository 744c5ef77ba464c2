package org.repcon.topology;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.repcon.syntax.ControlCharacters;
import org.repcon.util.Suggest;
import org.repcon.util.UserFile;
import org.repcon.util.Xdg;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Loads a topology file: YAML composed into position-carrying nodes (plain data only, bounded
 * against alias bombs), read into the model, then checked for meaning by {@link TopologyValidator}.
 */
public final class TopologyLoader {

    /** Topology files are hand-written and small; anything near this is a mistake or an attack. */
    static final int MAX_CODE_POINTS = 1_000_000;
    static final int MAX_ALIASES = 50;
    static final int MAX_NESTING = 32;

    // The keys each level accepts; package-visible so that a test keeps README.md's reference complete.
    static final Set<String> TOP_KEYS = Set.of("name", "platform", "root", "secrets", "common", "conventions", "hosts",
            "heartbeat", "server");
    static final Set<String> COMMON_KEYS = Set.of("bind", "maxmemory", "settings");
    static final Set<String> HOST_KEYS = Set.of("address", "access", "ssh", "platform", "server", "conventions", "loopback",
            "bind", "psk_identity", "instances", "tunnels");
    static final Set<String> SSH_KEYS = Set.of("user", "port", "options");
    static final Set<String> INSTANCE_KEYS;
    static final Set<String> TUNNEL_KEYS = Set.of("accept", "to", "client");

    /**
     * Directives repcon writes itself from the topology's keys, with the key to use instead: a
     * 'settings' entry must not fight them (Redis would take whichever line comes last).
     */
    private static final Map<String, String> OWNED = Map.ofEntries(
            Map.entry("port", "use the instance's 'port'"),
            Map.entry("bind", "use 'bind' (in common or on the host)"),
            Map.entry("include", "remove it: repcon writes the include line"),
            Map.entry("pidfile", "use the instance's 'pidfile' or the 'pidfile' convention"),
            Map.entry("logfile", "use the instance's 'logfile' or the 'logfile' convention"),
            Map.entry("dir", "use the instance's 'dir' or the 'dir' convention"),
            Map.entry("dbfilename", "use the instance's 'dbfilename' or the 'dbfilename' convention"),
            Map.entry("maxmemory", "use 'maxmemory' (in common or on the instance)"),
            Map.entry("replicaof", "use the instance's 'replicaof'"),
            Map.entry("slaveof", "use the instance's 'replicaof'"),
            Map.entry("requirepass", "use the instance's 'password_file' or 'password_env'"),
            Map.entry("masterauth", "give the master instance a 'password_file' or 'password_env'"));

    static {
        List<String> keys = new ArrayList<>(List.of("port", "kind", "maxmemory", "replicaof", "via", "password_file",
                "password_env", "settings"));
        for (Convention c : Convention.values()) {
            if (c.perInstance()) keys.add(instanceKey(c));
        }
        INSTANCE_KEYS = Set.copyOf(keys);
    }

    private TopologyLoader() {}

    /** A topology file is small: this bounds what is read before a single byte is parsed. */
    static final long MAX_BYTES = 4L << 20;

    public static Topology load(Path file) {
        return parse(UserFile.read(file, StandardCharsets.UTF_8, MAX_BYTES), file);
    }

    public static Topology parse(String text, Path file) {
        String name = file.toString();
        if (text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            throw new TopologyException(List.of(Problem.error(new Position(name, 1, 1),
                    "file is larger than " + MAX_CODE_POINTS + " characters; a topology file is far smaller")));
        }
        Node root = compose(text, name);
        List<Problem> problems = new ArrayList<>();
        Topology topology = new TopologyLoader.Reading(name, file, problems).topology(root);
        // Meaning is checked only on a well-formed file: otherwise every dropped entry would echo as a broken reference.
        if (topology != null && problems.stream().noneMatch(Problem::isError)) problems.addAll(TopologyValidator.validate(topology));
        // Reported top to bottom, as an editor lists them, whatever order they were found in.
        List<Problem> errors = problems.stream().filter(Problem::isError)
                .sorted(Comparator.comparingInt((Problem p) -> p.position().line()).thenComparingInt(p -> p.position().column()))
                .toList();
        if (!errors.isEmpty()) throw new TopologyException(errors);
        return new Topology(topology.name(), topology.source(), topology.hosts(), topology.secrets(),
                topology.commonMaxmemory(), topology.commonSettings(),
                problems.stream().filter(p -> !p.isError()).toList(), topology.heartbeat());
    }

    private static Node compose(String text, String file) {
        try {
            List<Problem> unplain = unplainScalars(text, file);
            if (!unplain.isEmpty()) throw new TopologyException(unplain);
            Node root = yaml().compose(new StringReader(text));
            if (root == null) {
                throw new TopologyException(List.of(Problem.error(new Position(file, 1, 1),
                        "the file is empty; a topology needs at least 'name' and 'hosts'")));
            }
            return root;
        } catch (MarkedYAMLException e) {
            throw new TopologyException(List.of(YamlSyntax.describe(e, file)));
        } catch (YAMLException e) {
            // The limits come without a mark; the alias limit is the one a small file can reach (an alias bomb).
            String message = oneLine(e.getMessage());
            if (message.startsWith("Number of aliases")) {
                throw new TopologyException(List.of(Problem.error(tooManyAliasesAt(text, file), "more than " + MAX_ALIASES
                        + " aliases to lists or mappings: a topology needs few, and this many is how an alias bomb starts")));
            }
            throw new TopologyException(List.of(Problem.error(new Position(file, 1, 1), "YAML rejected: " + message)));
        }
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_CODE_POINTS * 4);
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new Resolver());
    }

    /**
     * Every tag (explicit types are not plain data: {@code port: !!str 6379}) and every value holding a control
     * character (a newline in a double-quoted or block value would become a directive in a rendered file), found
     * from the parse events so that keys and values in any position are covered.
     */
    private static List<Problem> unplainScalars(String text, String file) {
        List<Problem> problems = new ArrayList<>();
        int depth = 0;
        int insideTagged = -1; // the depth of a tagged list or mapping: the tags within it are the same mistake
        for (Event event : yaml().parse(new StringReader(text))) {
            if (event instanceof NodeEvent node) {
                String tag = node instanceof ScalarEvent s ? s.getTag() : node instanceof CollectionStartEvent c ? c.getTag() : null;
                if (tag != null && insideTagged < 0) {
                    problems.add(Problem.error(position(event.getStartMark(), file), "tag " + YamlFields.shortTag(tag)
                            + " is not allowed: topology files hold plain values only"));
                }
                if (event instanceof CollectionStartEvent) {
                    depth++;
                    if (tag != null && insideTagged < 0) insideTagged = depth;
                }
            } else if (event instanceof CollectionEndEvent) {
                if (depth == insideTagged) insideTagged = -1;
                depth--;
            }
            if (event instanceof ScalarEvent scalar) {
                OptionalInt control = ControlCharacters.first(scalar.getValue());
                if (control.isPresent()) {
                    problems.add(Problem.error(position(event.getStartMark(), file), "'" + scalar.getValue() + "' holds "
                            + ControlCharacters.name(control.getAsInt()) + "; every value is one line of printable text"));
                }
            }
        }
        return problems;
    }

    static Position position(Mark mark, String file) {
        return mark == null ? new Position(file, 1, 1) : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Where the alias limit was crossed, found again from the parse events (which never expand aliases). */
    private static Position tooManyAliasesAt(String text, String file) {
        Set<String> collectionAnchors = new HashSet<>();
        int aliases = 0;
        for (Event event : yaml().parse(new StringReader(text))) {
            if (event instanceof CollectionStartEvent start && start.getAnchor() != null) {
                collectionAnchors.add(start.getAnchor());
            } else if (event instanceof AliasEvent alias && collectionAnchors.contains(alias.getAnchor())
                    && ++aliases > MAX_ALIASES) {
                return position(alias.getStartMark(), file);
            }
        }
        return new Position(file, 1, 1);
    }

    static String oneLine(String text) {
        return String.valueOf(text).replaceAll("\\s+", " ").strip();
    }

    /** One pass over one file's nodes; collects problems instead of stopping at the first. */
    private record Reading(String file, Path path, List<Problem> problems, Set<Secret> checkedSecrets) {

        Reading(String file, Path path, List<Problem> problems) {
            this(file, path, problems, new HashSet<>());
        }

        Topology topology(Node root) {
            YamlFields top = YamlFields.of(root, file, "the topology", TOP_KEYS, problems);
            if (!problems.isEmpty() && !top.has("hosts")) return null;
            if (top.missing("name")) top.error("name", "the topology needs a 'name' (it names the lab, the secrets and the console)");
            String name = top.string("name").orElse("unnamed");
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                top.error("name", "name '" + name + "' may hold only letters, digits, '.', '_' and '-'");
            }
            Platform platform = platform(top, Platform.FREEBSD);
            Optional<Server> server = server(top, Optional.empty());
            // The topology's own overrides, kept apart: each host lays them over its platform's defaults for its server.
            Map<Convention, String> conventions = conventions(top, "the topology", new EnumMap<>(Convention.class));
            YamlFields common = YamlFields.of(top.node("common").orElse(null), file, "common", COMMON_KEYS, problems);
            List<String> commonBind = common.strings("bind");
            common.check("bind", ValueRules::bind);
            Optional<Size> maxmemory = common.size("maxmemory");
            Map<String, String> settings = settings(common, "common");

            top.check("root", v -> ValueRules.path(v, true));
            String root2 = top.string("root").map(this::resolve).orElseGet(() -> platform == Platform.LAB
                    ? Xdg.stateHome().resolve("lab").resolve(name).toString() : "/");
            Path secrets = top.string("secrets").map(s -> Path.of(resolve(s))).orElseGet(() -> platform == Platform.LAB
                    ? Path.of(root2, "secrets.psk") : Xdg.configHome().resolve("secrets").resolve(name + ".psk"));

            // Made by setup when missing; when there, it must be a file repcon can read.
            if (top.has("secrets") && java.nio.file.Files.exists(secrets) && !java.nio.file.Files.isRegularFile(secrets)) {
                top.error("secrets", "secrets file " + secrets + " is not a regular file");
            }
            if (top.missing("hosts")) top.error("hosts", "the topology needs 'hosts'");
            List<Host> hosts = new ArrayList<>();
            Map<String, NodeTuple> hostEntries = YamlFields.namedEntries(top.node("hosts").orElse(null), file, "hosts", problems);
            if (top.has("hosts") && hostEntries.isEmpty() && problems.isEmpty()) {
                top.error("hosts", "'hosts' is empty; a topology needs at least the master host");
            }
            hostEntries.forEach((hostName, tuple) -> hosts.add(host(hostName, tuple, platform, server, conventions, commonBind, root2)));
            boolean heartbeat = top.flag("heartbeat").orElse(false);
            return new Topology(name, path, hosts, secrets, maxmemory, settings, List.of(), heartbeat);
        }

        Host host(String name, NodeTuple tuple, Platform defaultPlatform, Optional<Server> defaultServer,
                  Map<Convention, String> topConventions, List<String> commonBind, String root) {
            String context = "host '" + name + "'";
            YamlFields f = YamlFields.of(tuple.getValueNode(), file, context, HOST_KEYS, problems);
            Platform platform = platform(f, defaultPlatform);
            Optional<Server> server = server(f, defaultServer);
            Map<Convention, String> conventions = new EnumMap<>(platform.defaults(server.orElse(Server.REDIS)));
            if (platform == defaultPlatform) conventions.putAll(topConventions);
            conventions = conventions(f, context, conventions);
            Optional<String> address = f.string("address").map(String::strip).filter(a -> !a.isEmpty());
            if (platform != Platform.LAB) f.check("address", ValueRules::address);
            f.check("loopback", ValueRules::address);
            f.check("bind", ValueRules::bind);
            f.check("psk_identity", ValueRules::identity);
            Position at = f.position(tuple.getKeyNode());
            Access access = platform == Platform.LAB ? labAccess(f, context, address) : access(f, context, address.isPresent(), at);
            String hostAddress = address.orElse("127.0.0.1");
            String loopback = f.string("loopback").orElse(platform.loopback(hostAddress));
            List<String> bind = f.has("bind") ? f.strings("bind")
                    : platform == Platform.LAB || commonBind.isEmpty() ? platform.bind(hostAddress) : commonBind;
            String identity = f.string("psk_identity").orElse(name);

            List<Instance> instances = new ArrayList<>();
            YamlFields.namedEntries(f.node("instances").orElse(null), file, context + " instances", problems)
                    .forEach((n, t) -> instance(name, n, t).ifPresent(instances::add));
            List<Tunnel> tunnels = new ArrayList<>();
            YamlFields.namedEntries(f.node("tunnels").orElse(null), file, context + " tunnels", problems)
                    .forEach((n, t) -> tunnel(name, n, t).ifPresent(tunnels::add));
            return new Host(name, address, access, platform, server, conventions, loopback, bind, identity, instances, tunnels,
                    root, at);
        }

        /** ssh when the host has an address; a host with neither an address nor 'access: local' is an error. */
        Access access(YamlFields f, String context, boolean hasAddress, Position at) {
            Optional<String> given = f.string("access");
            if (given.isEmpty() && !hasAddress && !f.has("ssh")) {
                if (f.missing("address")) problems.add(Problem.error(at, context + " needs an 'address' (reached by ssh) or 'access: local'"));
                return Access.LOCAL;
            }
            String method = given.orElse("ssh");
            if (method.equals("ssh") && !hasAddress && f.missing("address")) {
                f.error(f.has("access") ? "access" : "ssh", context + " is reached by ssh but has no 'address'");
            }
            YamlFields ssh = YamlFields.of(f.node("ssh").orElse(null), file, context + " ssh", SSH_KEYS, problems);
            switch (method) {
                case "local" -> {
                    if (f.has("ssh")) f.error("ssh", context + " has 'ssh' settings but 'access: local'; remove one of them");
                    return Access.LOCAL;
                }
                case "ssh" -> {
                    ssh.check("user", ValueRules::name);
                    List<String> options = ssh.strings("options");
                    SshOptions.problem(options).ifPresent(why -> ssh.error("options", context + ": ssh.options: " + why));
                    return new Access(Access.Method.SSH, ssh.string("user"), ssh.port("port"), ssh.strings("options"));
                }
                default -> {
                    f.error("access", context + ": access '" + method + "' must be 'local' or 'ssh'"
                            + Suggest.hint(method, List.of("local", "ssh")));
                    return Access.LOCAL;
                }
            }
        }

        /** A lab host runs on this machine on its own loopback address, so that the tutorial's ports coexist. */
        Access labAccess(YamlFields f, String context, Optional<String> address) {
            f.string("access").filter(a -> !a.equals("local")).ifPresent(a ->
                    f.error("access", context + " is a lab host, run on this machine: use 'access: local' or leave it out"));
            if (f.has("ssh")) f.error("ssh", context + " is a lab host, run on this machine: remove 'ssh'");
            if (address.isEmpty()) {
                if (f.missing("address")) f.error("address", context + ": a lab host needs an 'address' on the loopback range (127.0.0.2, ...)");
            } else if (!address.get().matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}")) {
                f.error("address", context + ": lab address " + address.get()
                        + " is not on the loopback range 127.0.0.0/8; use 127.0.0.2, 127.0.0.3, ...");
            }
            return Access.LOCAL;
        }

        Optional<Instance> instance(String host, String name, NodeTuple tuple) {
            String context = "instance '" + host + "/" + name + "'";
            YamlFields f = YamlFields.of(tuple.getValueNode(), file, context, INSTANCE_KEYS, problems);
            Position at = f.position(tuple.getKeyNode());
            Optional<Integer> port = f.requiredPort("port", at, context + " needs a 'port'");
            Optional<Kind> kind = f.string("kind").map(k -> Kind.fromYaml(k).orElseGet(() -> {
                f.error("kind", context + ": kind '" + k + "' must be bayes, fuzzy or cache"
                        + Suggest.hint(k, List.of("bayes", "fuzzy", "cache")));
                return Kind.CACHE;
            })).or(() -> Kind.impliedByName(name));
            if (kind.isEmpty() && f.missing("kind")) {
                problems.add(Problem.error(at, context + ": the name does not say what it stores; add 'kind: bayes', 'kind: fuzzy' or 'kind: cache'"));
            }
            Optional<InstanceRef> replicaof = f.string("replicaof").flatMap(text -> {
                Optional<InstanceRef> ref = InstanceRef.parse(text);
                if (ref.isEmpty()) f.error("replicaof", context + ": replicaof '" + text + "' must be HOST/INSTANCE, e.g. master/bayes");
                return ref;
            });
            Optional<Secret> password = password(f, context);
            Map<Convention, String> paths = new EnumMap<>(Convention.class);
            for (Convention c : Convention.values()) {
                if (c.perInstance()) {
                    f.check(instanceKey(c), v -> ValueRules.convention(c, v));
                    f.string(instanceKey(c)).ifPresent(v -> paths.put(c, v));
                }
            }
            Optional<Size> maxmemory = f.size("maxmemory");
            Optional<String> via = f.string("via");
            Map<String, String> settings = settings(f, context);
            if (port.isEmpty() || kind.isEmpty()) return Optional.empty();
            return Optional.of(new Instance(host, name, kind.get(), port.get(), maxmemory, replicaof, via, password,
                    settings, paths, at));
        }

        Optional<Secret> password(YamlFields f, String context) {
            if (f.has("password_file") && f.has("password_env")) {
                f.error("password_env", context + ": give either password_file or password_env, not both");
            }
            Optional<Secret> secret = f.string("password_file").map(p -> Secret.file(Path.of(resolve(p))))
                    .or(() -> f.string("password_env").map(Secret::env));
            // With both given, which one is meant is the error; neither is read.
            if (!f.has("password_env") || !f.has("password_file")) secret.ifPresent(s -> {
                String key = s.source() == Secret.Source.FILE ? "password_file" : "password_env";
                // The same reading setup does to write it: what validate accepts can be written.
                s.problem().ifPresent(why -> f.error(key, context + ": " + why));
                if (checkedSecrets.add(s)) s.exposure().ifPresent(w -> problems.add(Problem.warning(f.at(key), w)));
            });
            return secret;
        }

        Optional<Tunnel> tunnel(String host, String name, NodeTuple tuple) {
            String context = "tunnel '" + host + "/" + name + "'";
            YamlFields f = YamlFields.of(tuple.getValueNode(), file, context, TUNNEL_KEYS, problems);
            Position at = f.position(tuple.getKeyNode());
            Optional<Integer> accept = f.requiredPort("accept", at, context + " needs an 'accept' port");
            Optional<String> to = f.string("to");
            Optional<TunnelRef> client = f.string("client").flatMap(text -> {
                Optional<InstanceRef> ref = InstanceRef.parse(text);
                if (ref.isEmpty()) f.error("client", context + ": client '" + text + "' must be HOST/TUNNEL, e.g. master/bayes");
                return ref.map(TunnelRef::of);
            });
            String ends = "'to: INSTANCE' (a server end, on the master) or 'client: HOST/TUNNEL' (a client end, on a replica)";
            if (f.has("to") && f.has("client")) {
                f.error("client", context + " has both 'to' and 'client'; a tunnel is either " + ends);
                return Optional.empty();
            }
            if (f.missing("to") && f.missing("client")) {
                problems.add(Problem.error(at, context + " needs " + ends));
                return Optional.empty();
            }
            if (accept.isEmpty() || (to.isEmpty() && client.isEmpty())) return Optional.empty();
            return Optional.of(new Tunnel(host, name, accept.get(), to, client, at));
        }

        Platform platform(YamlFields f, Platform fallback) {
            return f.string("platform").map(p -> Platform.fromYaml(p).orElseGet(() -> {
                List<String> names = Arrays.stream(Platform.values()).map(Platform::yamlName).toList();
                f.error("platform", "platform '" + p + "' must be one of " + String.join(", ", names) + Suggest.hint(p, names));
                return fallback;
            })).orElse(fallback);
        }

        /** The server a level says, else {@code fallback} (the topology's for a host); a value not known is an error. */
        Optional<Server> server(YamlFields f, Optional<Server> fallback) {
            return f.string("server").map(s -> Server.fromYaml(s).or(() -> {
                f.error("server", "server '" + s + "' must be one of " + String.join(", ", Server.names())
                        + Suggest.hint(s, Server.names()));
                return fallback;
            })).orElse(fallback);
        }

        Map<Convention, String> conventions(YamlFields f, String context, Map<Convention, String> base) {
            List<String> names = Arrays.stream(Convention.values()).map(Convention::yamlName).toList();
            f.plainMap("conventions").forEach((key, tuple) -> {
                Optional<Convention> c = Convention.fromYaml(key);
                if (c.isEmpty()) {
                    f.error(tuple.getKeyNode(), "unknown convention '" + key + "' in the conventions of " + context
                            + Suggest.hint(key, names));
                } else {
                    String value = ((ScalarNode) tuple.getValueNode()).getValue();
                    ValueRules.convention(c.get(), value).ifPresent(why ->
                            f.error(tuple.getValueNode(), "convention '" + key + "' of " + context + ": " + why));
                    base.put(c.get(), value);
                }
            });
            return base;
        }

        Map<String, String> settings(YamlFields f, String context) {
            Map<String, String> out = new LinkedHashMap<>();
            f.plainMap("settings").forEach((key, tuple) -> {
                String value = ((ScalarNode) tuple.getValueNode()).getValue();
                String owned = OWNED.get(key.toLowerCase(Locale.ROOT));
                if (!key.matches("[A-Za-z][A-Za-z0-9-]*") || value.contains("\n")) {
                    f.error(tuple.getKeyNode(), "setting '" + key + "' in " + context
                            + " must be a redis directive name with a one-line value");
                } else if (owned != null) {
                    f.error(tuple.getKeyNode(), "setting '" + key + "' in " + context + " is written by repcon; " + owned);
                } else if (ValueRules.redisArguments(value).isPresent()) {
                    f.error(tuple.getValueNode(), "setting '" + key + "' in " + context + ": "
                            + ValueRules.redisArguments(value).get());
                } else {
                    out.put(key, value);
                }
            });
            return out;
        }

        /** Relative paths in a topology file are relative to the file, so it can be run from anywhere. */
        String resolve(String p) {
            Path given = Path.of(p);
            Path dir = path.toAbsolutePath().getParent();
            return given.isAbsolute() || dir == null ? given.toString() : dir.resolve(given).normalize().toString();
        }
    }

    /** The key an instance uses to override a per-instance convention ('config' reads better than 'instance_config'). */
    static String instanceKey(Convention c) {
        return c == Convention.INSTANCE_CONFIG ? "config" : c.yamlName();
    }
}
