package org.repcon.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.cli.RenderingTree;
import org.repcon.cli.CliRunner;
import org.repcon.config.ConfigRenderer;
import org.repcon.config.FileMerge;
import org.repcon.config.PskStore;
import org.repcon.config.RenderedCommand;
import org.repcon.config.RenderedDirectory;
import org.repcon.config.RenderedFile;
import org.repcon.config.Rendering;
import org.repcon.config.SecretValues;
import org.repcon.syntax.RedisConfQuote;
import org.repcon.testing.Await;
import org.repcon.testing.Daemons;
import org.repcon.testing.RedisProcess;
import org.repcon.testing.Tools;
import org.repcon.util.RepconException;
import redis.clients.jedis.Jedis;

/**
 * Hostile values in every field of a topology and in every secret: each is either refused by {@code validate}
 * with a positioned error, or every file and command rendered from it reads back as exactly what was meant, by
 * the real readers: redis-server (started on each changed instance file: Redis 7.0 has no --test-config, and
 * a started instance's CONFIG GET and AUTH for the passwords), stunnel (started on the rendered file), rspamadm (configdump of every case at once), sh (-n,
 * then commands.sh and rc.conf run with stub commands that record their argv). The fields are enumerated from
 * the loader's key sets and the conventions: a field added without an entry here fails the test.
 */
class HostileStringsTest {

    static final List<String> HOSTILE = List.of("a\nreplicaof 127.0.2.9 7777", "a\rb", "a\"b", "a'b", "\"",
            "a\\b", "$(touch /tmp/repcon-hostile-pwned)", "`touch /tmp/repcon-hostile-pwned`", "a;b|c&&d", "a#b", "#a",
            "a b", " a", "a ", "a\u0000b", "\u001b[31m", "a\tb", "\u00e9t\u00e9\u20ac\ud83d\ude00", "-oProxyCommand=x",
            "--", "${HOME}", "$CONFDIR", "*", "..", "../x", "x/y", "{x}", "\\x41\\\"", "\"a b\" c", "a\u2028b", "a\u0085b");
    /** A benign value in the same place: what every hostile value's output is compared against. */
    static final String MARK = "zqmark";

    /** Where each field's value goes: in the topology's tree, wrapped so that only the hostile part can be wrong. */
    record Field(String name, List<String> path, Function<String, Object> wrap) {}

    static final List<Field> FIELDS = fields();

    private static List<Field> fields() {
        List<Field> f = new ArrayList<>();
        Function<String, Object> raw = v -> v;
        Function<String, Object> absolute = v -> "/w/" + v + "/x";
        for (String k : TopologyLoader.TOP_KEYS) {
            f.add(new Field("top." + k, List.of(k), k.equals("root") ? absolute : raw));
        }
        for (String k : TopologyLoader.COMMON_KEYS) {
            f.add(new Field("common." + k, List.of("common", k), k.equals("bind") ? v -> List.of("127.0.0.1", v) : raw));
        }
        f.add(new Field("common.settings.value", List.of("common", "settings", "masteruser"), raw));
        f.add(new Field("common.settings.key", List.of("common", "settings", "@key"), raw));
        for (String k : TopologyLoader.HOST_KEYS) {
            f.add(new Field("host." + k, List.of("hosts", "master", k), k.equals("bind") ? v -> List.of("127.0.0.1", v) : raw));
        }
        for (String k : TopologyLoader.SSH_KEYS) {
            f.add(new Field("ssh." + k, List.of("hosts", "master", "ssh", k), k.equals("options") ? v -> List.of("-o", "IdentityFile=" + v) : raw));
        }
        f.add(new Field("ssh.options.jump", List.of("hosts", "master", "ssh", "options"), v -> List.of("-J", v)));
        for (String k : TopologyLoader.INSTANCE_KEYS) {
            Function<String, Object> wrap = switch (k) {
                case "config", "pidfile", "logfile", "dir" -> absolute;
                case "dbfilename" -> v -> v + ".rdb";
                default -> raw;
            };
            f.add(new Field("instance." + k, List.of("hosts", "master", "instances", "bayes", k), wrap));
        }
        f.add(new Field("instance.settings.value", List.of("hosts", "master", "instances", "bayes", "settings", "masteruser"), raw));
        for (String k : TopologyLoader.TUNNEL_KEYS) {
            f.add(new Field("tunnel." + k, List.of("hosts", "replica", "tunnels", "bayes", k), raw));
        }
        for (Convention c : Convention.values()) {
            Function<String, Object> wrap = switch (c) {
                case DBFILENAME -> v -> v + ".rdb";
                case STUNNEL_USER, STUNNEL_GROUP, REDIS_USER -> raw;
                case INSTALL, REDIS_SERVICE, REDIS_ENABLE, STUNNEL_SERVICE, STUNNEL_ENABLE -> v -> "service redis {action} " + v;
                default -> absolute;
            };
            f.add(new Field("conventions." + c.yamlName(), List.of("conventions", c.yamlName()), wrap));
            // A host's conventions go through the same rules as the topology's: one of each kind is enough there.
            if (Set.of(Convention.PIDFILE, Convention.DBFILENAME, Convention.STUNNEL_LOG, Convention.REDIS_USER, Convention.INSTALL).contains(c)) {
                f.add(new Field("host.conventions." + c.yamlName(), List.of("hosts", "master", "conventions", c.yamlName()), wrap));
            }
        }
        // Secrets: the content of the password file both masters and replica read (password_env: see below).
        f.add(new Field("secret.password_file.content", List.of("@password"), raw));
        return f;
    }

    /** Every key the loader accepts has a field here: a new key without one fails. */
    @Test
    void everyKeyOfTheModelIsAField() {
        Set<String> names = FIELDS.stream().map(Field::name).collect(Collectors.toSet());
        Map<String, Set<String>> levels = Map.of("top", TopologyLoader.TOP_KEYS, "common", TopologyLoader.COMMON_KEYS,
                "host", TopologyLoader.HOST_KEYS, "ssh", TopologyLoader.SSH_KEYS, "instance", TopologyLoader.INSTANCE_KEYS,
                "tunnel", TopologyLoader.TUNNEL_KEYS);
        levels.forEach((level, keys) -> keys.forEach(k -> assertThat(names).contains(level + "." + k)));
        for (Convention c : Convention.values()) assertThat(names).contains("conventions." + c.yamlName());
    }

    @Test
    void hostileValuesAreRefusedWithAPositionOrReadBackExactly(@TempDir Path tmp) throws Exception {
        Path redisServer = Tools.redisServer();
        Path pwned = Path.of("/tmp/repcon-hostile-pwned");
        Files.deleteIfExists(pwned);
        Ports ports = new Ports(RedisProcess.freePort(), RedisProcess.freePort());
        Stats stats = new Stats();
        List<Case> rspamd = new ArrayList<>();
        List<Case> passwords = new ArrayList<>();
        List<Case> stunnel = new ArrayList<>();
        List<Case> redisChanged = new ArrayList<>();
        int n = 0;
        long start = System.nanoTime();
        for (Field field : FIELDS) {
            Case baseline = Case.make(tmp.resolve("base-" + field.name()), field, MARK, ports);
            // A field that takes no free text (a port, a kind, a mapping): every hostile value must be refused too.
            Rendered base = baseline.outcome().exitCode() == 0 ? baseline.render() : null;
            for (String value : HOSTILE) {
                Case c = Case.make(tmp.resolve("case-" + n++), field, value, ports);
                stats.tried++;
                if (c.outcome().exitCode() != 0) {
                    stats.refused++;
                    assertThat(c.outcome().exitCode()).as(c.describe()).isEqualTo(2);
                    assertThat(c.outcome().err().lines().findFirst().orElse(""))
                            .as(c.describe()).matches(java.util.regex.Pattern.quote(c.file().toString()) + ":\\d+:\\d+: .*");
                    continue;
                }
                assertThat(base).as(c.describe() + " is accepted where no free text is").isNotNull();
                stats.accepted++;
                Rendered r = c.render();
                stats.injected += checkRedis(c, base, r, field, value);
                if (changedRedis(base, r, field, value) && !field.name().startsWith("secret.")) redisChanged.add(c);
                stats.injected += checkShell(c, base, r, value);
                if (!r.stunnel().equals(base.stunnel().replace(MARK, value))) {
                    throw new AssertionError(c.describe() + ": stunnel file differs from the intended one:\n" + r.stunnel());
                }
                if (!r.stunnel().equals(base.stunnel())) stunnel.add(c);
                if (!r.rspamd().equals(base.rspamd())) rspamd.add(c);
                if (field.name().startsWith("secret.")) passwords.add(c);
            }
        }
        long loop = System.nanoTime();
        // Real Redis reads the files: every accepted password on a started instance, and a spread of the other
        // changed files (each started once is what costs; the sdssplitargs reader above checked them all).
        stats.injected += checkPasswordsOnRealRedis(passwords, redisServer);
        int step = Math.max(1, redisChanged.size() / 12);
        for (int i = 0; i < redisChanged.size(); i += step) {
            Rendered r = redisChanged.get(i).render();
            writeAll(r);
            for (RenderedFile f : r.redisFiles()) {
                if (!f.path().endsWith("/redis.conf")) redisStarts(redisChanged.get(i), f.path(), redisServer);
            }
            stats.started++;
        }
        long redis = System.nanoTime();
        stats.injected += checkStunnel(stunnel.stream().limit(6).toList(), tmp);
        stats.injected += checkRspamd(rspamd, tmp);
        long rspamadm = System.nanoTime();
        stats.psk = checkPskSecrets(tmp);
        stats.env = checkPasswordEnv(tmp);
        System.out.printf("hostile strings: seconds: cases %.1f, redis %.1f, stunnel+rspamd %.1f, psk+env %.1f%n",
                (loop - start) / 1e9, (redis - loop) / 1e9, (rspamadm - redis) / 1e9, (System.nanoTime() - rspamadm) / 1e9);

        System.out.println("hostile strings: " + FIELDS.size() + " fields x " + HOSTILE.size() + " values = " + stats.tried
                + " tried, " + stats.refused + " refused with a position, " + stats.accepted + " accepted and read back ("
                + passwords.size() + " passwords on a started redis-server, " + stats.started + " other cases started, "
                + stunnel.stream().limit(6).count() + " stunnel runs, " + rspamd.size() + " in one rspamadm configdump); "
                + "PSK secrets " + stats.psk + "; password_env " + stats.env + "; injected directives: " + stats.injected
                + "; side effects: " + (Files.exists(pwned) ? 1 : 0));
        assertThat(stats.injected).isZero();
        assertThat(pwned).as("a command substitution ran").doesNotExist();
        assertThat(stats.accepted).as("some hostile values are legitimate and must pass").isGreaterThan(20);
    }

    static final class Stats {
        int tried;
        int refused;
        int accepted;
        int injected;
        int started;
        String psk;
        String env;
    }

    record Ports(int bayes, int cache) {}

    /** One topology file with one value in one field, and what {@code repcon validate} said of it. */
    record Case(Path dir, Path file, Field field, String value, CliRunner.Result outcome) {

        static Case make(Path dir, Field field, String value, Ports ports) throws IOException {
            Files.createDirectories(dir);
            Map<String, Object> tree = baseTree(dir, ports);
            String password = "s3cret-base"; // the mark stands only where the field's value goes
            if (field.path().get(0).equals("@password")) {
                password = value;
            } else if (field.name().equals("top.root")) {
                tree.put("root", dir.resolve("root") + "/" + value); // never outside this directory
            } else {
                set(tree, field.path(), field.wrap().apply(value));
            }
            Path pw = dir.resolve("bayes.pw");
            Files.writeString(pw, password + "\n");
            Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
            Path file = dir.resolve("t.yaml");
            Files.writeString(file, Yaml.emit(tree));
            return new Case(dir, file, field, value, validate(file));
        }

        /**
         * What {@code repcon validate} prints for the file, from the loader it calls (picocli's set-up per case
         * would cost more than the case; the CLI itself runs in the password_env check and TopologyCorpusTest).
         */
        static CliRunner.Result validate(Path file) {
            try {
                TopologyLoader.load(file);
                return new CliRunner.Result(0, file + ": ok", "");
            } catch (TopologyException e) {
                return new CliRunner.Result(2, "", e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")));
            } catch (RepconException e) {
                return new CliRunner.Result(2, "", e.getMessage());
            }
        }

        String describe() {
            return field.name() + " = " + Problem.error(Position.unknown(""), "'" + value + "'").message() + " (" + file + ")";
        }

        Rendered render() {
            Topology t = TopologyLoader.load(file);
            PskStore store = PskStore.ensure(t.secrets(), ConfigRenderer.pskIdentities(t));
            Map<String, Rendering> byHost = new LinkedHashMap<>();
            for (Host h : t.hosts()) byHost.put(h.name(), ConfigRenderer.render(t, h, SecretValues.revealed(store)));
            return new Rendered(t, byHost, dir.resolve("out"));
        }
    }

    /** What a case rendered; the texts are compared with the baseline's, where the mark stands for the value. */
    record Rendered(Topology topology, Map<String, Rendering> byHost, Path out) {

        String text(java.util.function.Predicate<RenderedFile> which) {
            return byHost.values().stream().flatMap(r -> r.files().stream()).filter(which)
                    .map(f -> f.path() + "\n" + f.content()).collect(Collectors.joining("\n--\n"))
                    .replace(topology.hosts().get(0).root(), "ROOT");
        }

        String stunnel() {
            return text(f -> f.path().endsWith("stunnel.conf"));
        }

        String rspamd() {
            return text(f -> f.path().contains("/rspamd/"));
        }

        /** The common and instance redis files, by the paths the topology gives them. */
        List<RenderedFile> redisFiles() {
            Set<String> paths = new java.util.HashSet<>();
            for (Host h : topology.hosts()) {
                paths.add(h.path(Convention.COMMON_CONFIG, "").orElseThrow());
                h.instances().forEach(i -> paths.add(h.instancePath(i, Convention.INSTANCE_CONFIG)));
            }
            return byHost.values().stream().flatMap(r -> r.files().stream()).filter(f -> paths.contains(f.path())).toList();
        }
    }

    /** The base topology: FreeBSD conventions (rc.conf, newsyslog, service commands) placed under the case's directory. */
    static Map<String, Object> baseTree(Path dir, Ports ports) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", "t");
        t.put("platform", "freebsd");
        t.put("root", dir.resolve("root").toString());
        t.put("secrets", dir.resolve("t.psk").toString());
        t.put("common", new LinkedHashMap<>(Map.of("bind", List.of("127.0.0.1"), "maxmemory", "100mb")));
        // stunnel drops to users this machine has, so that the real stunnel can run the rendered file.
        t.put("conventions", new LinkedHashMap<>(Map.of("stunnel_user", "stunnel4", "stunnel_group", "stunnel4")));
        Map<String, Object> hosts = new LinkedHashMap<>();
        hosts.put("master", new LinkedHashMap<>(Map.of("address", "master.example.com",
                "instances", new LinkedHashMap<>(Map.of(
                        "bayes", new LinkedHashMap<>(Map.of("port", Integer.toString(ports.bayes()), "password_file", "bayes.pw")),
                        "cache", new LinkedHashMap<>(Map.of("port", Integer.toString(ports.cache()), "kind", "cache")))),
                "tunnels", new LinkedHashMap<>(Map.of("bayes", new LinkedHashMap<>(Map.of("accept", "6478", "to", "bayes")))))));
        hosts.put("replica", new LinkedHashMap<>(Map.of("address", "replica.example.com",
                "instances", new LinkedHashMap<>(Map.of("bayes", new LinkedHashMap<>(Map.of("port", Integer.toString(ports.bayes()),
                        "replicaof", "master/bayes", "password_file", "bayes.pw")))),
                "tunnels", new LinkedHashMap<>(Map.of("bayes", new LinkedHashMap<>(Map.of("accept", "6478", "client", "master/bayes")))))));
        t.put("hosts", hosts);
        return t;
    }

    @SuppressWarnings("unchecked")
    static void set(Map<String, Object> tree, List<String> path, Object value) {
        Map<String, Object> at = tree;
        for (String key : path.subList(0, path.size() - 1)) {
            Object next = at.get(key);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                at.put(key, next);
            }
            at = (Map<String, Object>) next;
        }
        String last = path.get(path.size() - 1);
        if (last.equals("@key")) at.put(String.valueOf(value), "yes");
        else at.put(last, value);
    }

    /** Every value double-quoted with YAML's escapes, so that the file holds exactly the string meant. */
    static final class Yaml {
        static String emit(Map<String, Object> tree) {
            StringBuilder out = new StringBuilder();
            emit(tree, 0, out);
            return out.toString();
        }

        @SuppressWarnings("unchecked")
        private static void emit(Map<String, Object> map, int indent, StringBuilder out) {
            map.forEach((k, v) -> {
                out.append("  ".repeat(indent)).append(quote(k)).append(':');
                if (v instanceof Map<?, ?> m) {
                    out.append('\n');
                    emit((Map<String, Object>) m, indent + 1, out);
                } else if (v instanceof List<?> l) {
                    out.append(" [").append(l.stream().map(x -> quote(String.valueOf(x))).collect(Collectors.joining(", "))).append("]\n");
                } else {
                    out.append(' ').append(quote(String.valueOf(v))).append('\n');
                }
            });
        }

        static String quote(String s) {
            StringBuilder out = new StringBuilder("\"");
            s.codePoints().forEach(c -> {
                if (c == '"' || c == '\\') out.append('\\').appendCodePoint(c);
                else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) out.append(String.format("\\u%04x", c));
                else out.appendCodePoint(c);
            });
            return out.append('"').toString();
        }
    }

    /** redis.conf as Redis reads it: lines trimmed, comments skipped, each split by sdssplitargs. */
    static List<List<String>> directives(String text) {
        List<List<String>> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String l = line.replaceAll("^[ \t\r\n]+|[ \t\r\n]+$", "");
            if (l.isEmpty() || l.startsWith("#")) continue;
            out.add(RedisConfQuote.split(l).orElseThrow(() -> new AssertionError("Redis refuses the line: " + l)));
        }
        return out;
    }

    /** The redis files read back as the baseline's with the value in place of the mark; real redis accepts each. */
    private static int checkRedis(Case c, Rendered base, Rendered r, Field field, String value) {
        int injected = 0;
        List<RenderedFile> baseFiles = base.redisFiles();
        List<RenderedFile> files = r.redisFiles();
        assertThat(files).hasSameSizeAs(baseFiles);
        boolean settings = field.name().endsWith("settings.value");
        for (int i = 0; i < files.size(); i++) {
            List<List<String>> got = directives(files.get(i).content());
            List<List<String>> expected = directives(baseFiles.get(i).content()).stream()
                    .map(args -> args.stream().flatMap(a -> settings && a.equals(MARK)
                            ? RedisConfQuote.split(value).orElseThrow().stream()
                            : Stream.of(a.replace(root(base), root(r)).replace(MARK, value))).toList())
                    .toList();
            if (got.size() != expected.size() || !got.stream().map(a -> a.get(0)).toList().equals(expected.stream().map(a -> a.get(0)).toList())) {
                injected++;
            }
            assertThat(got).as(c.describe() + ": " + files.get(i).path()).isEqualTo(expected);
        }
        return injected;
    }

    /** Whether the value reached a redis file; masteruser with two words is the operator's mistake, which Redis refuses. */
    private static boolean changedRedis(Rendered base, Rendered r, Field field, String value) {
        if (field.name().endsWith("settings.value") && RedisConfQuote.split(value).orElseThrow().size() != 1) return false;
        List<RenderedFile> files = r.redisFiles();
        for (int i = 0; i < files.size(); i++) {
            if (!files.get(i).content().equals(base.redisFiles().get(i).content().replace(root(base), root(r)))) return true;
        }
        return false;
    }

    private static String root(Rendered r) {
        return r.topology().hosts().get(0).root();
    }

    /** redis-server on the file, without a TCP port and logging to its output: it must read the file to its end. */
    private static void redisStarts(Case c, String config, Path redisServer) throws Exception {
        Path out = c.dir().resolve("redis-start.out");
        Process p = new ProcessBuilder(redisServer.toString(), config, "--port", "0", "--logfile", "", "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            // Redis says so once it has read the whole file (include too); a refused line ends it before.
            awaitSaid(p, out, "Configuration loaded", c.describe() + ": redis-server refused " + config);
        } finally {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void writeAll(Rendered r) throws IOException {
        for (Rendering rendering : r.byHost().values()) {
            for (RenderedDirectory d : rendering.directories()) Files.createDirectories(Path.of(d.path()));
            for (RenderedFile f : rendering.files()) {
                Path p = Path.of(f.path());
                Files.createDirectories(p.getParent());
                Files.writeString(p, FileMerge.apply("", f));
            }
        }
    }

    /**
     * commands.sh and rc.conf, as {@code render --out} writes them: {@code sh -n} passes, and run with every command
     * a stub that records its argv (PATH holds only the stubs), they run exactly the rendered commands and rc.conf
     * sets exactly the rendered values.
     */
    private static int checkShell(Case c, Rendered base, Rendered r, String value) throws Exception {
        int injected = 0;
        for (Map.Entry<String, Rendering> e : r.byHost().entrySet()) {
            Path out = r.out().resolve(e.getKey());
            RenderingTree.write(e.getValue(), out);
            Path script = out.resolve("commands.sh");
            Rendering baseRendering = base.byHost().get(e.getKey());
            boolean commandsChanged = !commandText(e.getValue()).replace(root(r), "ROOT")
                    .equals(commandText(baseRendering).replace(root(base), "ROOT"));
            Optional<RenderedFile> rc = e.getValue().files().stream().filter(f -> f.path().endsWith("/etc/rc.conf")).findFirst();
            if (commandsChanged && Files.exists(script)) injected += runCommands(c, script, e.getValue().commands());
            if (rc.isPresent() && !rc.get().content().replace(root(r), "ROOT").equals(baseRendering.files().stream()
                    .filter(f -> f.path().endsWith("/etc/rc.conf")).findFirst().orElseThrow().content().replace(root(base), "ROOT"))) {
                injected += sourceRcConf(c, out.resolve(rc.get().path().replaceFirst("^/+", "")), rc.get());
            }
        }
        return injected;
    }

    private static String commandText(Rendering r) {
        return r.commands().stream().map(RenderedCommand::command).collect(Collectors.joining("\n"));
    }

    private static int runCommands(Case c, Path script, List<RenderedCommand> commands) throws Exception {
        assertThat(ProcessResult.run(List.of("/bin/sh", "-n", script.toString()), Map.of(), c.dir()).exit()).as(c.describe() + ": sh -n").isZero();
        Path sandbox = Files.createDirectories(c.dir().resolve("sandbox"));
        Path stubs = Files.createDirectories(c.dir().resolve("stubs"));
        Path log = c.dir().resolve("argv.log");
        Set<String> programs = commands.stream().map(cmd -> cmd.argv().get(0)).collect(Collectors.toCollection(TreeSet::new));
        for (String program : programs) {
            Path stub = stubs.resolve(program.replace('/', '_'));
            Files.writeString(stub, "#!/bin/sh\n{ printf '%s' \"${0##*/}\"; for a in \"$@\"; do printf '\\037%s' \"$a\"; done;"
                    + " printf '\\036'; } >> \"$STUB_LOG\"\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwx------"));
        }
        Set<String> before = list(sandbox);
        ProcessResult run = ProcessResult.run(List.of("/bin/sh", script.toString()), Map.of("PATH", stubs.toString(),
                "STUB_LOG", log.toString(), "HOME", sandbox.toString()), sandbox);
        assertThat(run.exit()).as(c.describe() + ": commands.sh: " + run.output()).isZero();
        assertThat(list(sandbox)).as(c.describe() + ": commands.sh made files").isEqualTo(before);
        List<List<String>> recorded = Stream.of(Files.readString(log).split("\036")).filter(s -> !s.isEmpty())
                .map(s -> List.of(s.split("\037", -1))).toList();
        List<List<String>> expected = commands.stream().map(RenderedCommand::argv).toList();
        assertThat(recorded).as(c.describe() + ": argv of commands.sh").isEqualTo(expected);
        Files.delete(log);
        return recorded.size() == expected.size() ? 0 : 1;
    }

    private static int sourceRcConf(Case c, Path rcConf, RenderedFile rc) throws Exception {
        assertThat(ProcessResult.run(List.of("/bin/sh", "-n", rcConf.toString()), Map.of(), c.dir()).exit()).isZero();
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : rc.content().split("\n")) {
            int eq = line.indexOf('=');
            expected.put(line.substring(0, eq), line.substring(eq + 1));
        }
        StringBuilder print = new StringBuilder(". \"$1\"");
        expected.keySet().forEach(k -> print.append("; printf '%s\\036' \"$").append(k).append('"'));
        ProcessResult r = ProcessResult.run(List.of("/bin/sh", "-c", print.toString(), "sh", rcConf.toString()), Map.of("PATH", "/nonexistent"), c.dir());
        List<String> values = List.of(r.output().split("\036", -1)).subList(0, expected.size());
        List<String> meant = expected.values().stream().map(HostileStringsTest::unquoteDouble).toList();
        assertThat(values).as(c.describe() + ": rc.conf values").isEqualTo(meant);
        return 0;
    }

    /** The value a {@code "..."} word stands for, by POSIX's rules for backslash inside double quotes. */
    private static String unquoteDouble(String word) {
        String inner = word.substring(1, word.length() - 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char ch = inner.charAt(i);
            if (ch == '\\' && i + 1 < inner.length() && "$`\"\\".indexOf(inner.charAt(i + 1)) >= 0) ch = inner.charAt(++i);
            out.append(ch);
        }
        return out.toString();
    }

    /** Each accepted password on a real redis-server started from its rendered file: AUTH works, CONFIG GET is the value. */
    private static int checkPasswordsOnRealRedis(List<Case> cases, Path redisServer) throws Exception {
        for (Case c : cases) {
            Rendered r = c.render();
            writeAll(r);
            Host master = r.topology().host("master").orElseThrow();
            Instance bayes = master.instance("bayes").orElseThrow();
            Process p = new ProcessBuilder(redisServer.toString(), master.instancePath(bayes, Convention.INSTANCE_CONFIG))
                    .redirectErrorStream(true).redirectOutput(c.dir().resolve("redis.out").toFile()).start();
            try {
                awaitPort(bayes.port(), p);
                try (Jedis jedis = new Jedis("127.0.0.1", bayes.port())) {
                    jedis.auth(c.value());
                    assertThat(jedis.configGet("requirepass")).as(c.describe()).containsEntry("requirepass", c.value());
                    assertThat(jedis.configGet("dir").get("dir") + "/").isEqualTo(master.instancePath(bayes, Convention.DIR));
                }
            } finally {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        return 0;
    }

    private static void awaitPort(int port, Process p) {
        Await.until("redis-server listens on " + port, Duration.ofSeconds(10), () -> Daemons.accepts("127.0.0.1", port),
                Await.whileAlive(p));
    }

    /** Until the process's output says {@code done}; {@code refused} and the output when it ends first or never says it. */
    private static void awaitSaid(Process p, Path out, String done, String refused) throws IOException {
        try {
            Await.value("'" + done + "' in " + out, Duration.ofSeconds(15), Duration.ofMillis(10),
                    () -> Files.exists(out) && read(out).contains(done), said -> said, Await.whileAlive(p));
        } catch (AssertionError e) {
            throw new AssertionError(refused + " (" + e.getMessage() + "):\n" + Files.readString(out));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** stunnel started on the rendered file (accept moved to a free loopback port) reads it without an error. */
    private static int checkStunnel(List<Case> cases, Path tmp) throws Exception {
        Path stunnel = Tools.stunnel();
        for (Case c : cases) {
            Rendered r = c.render();
            writeAll(r);
            Host master = r.topology().host("master").orElseThrow();
            Path config = Path.of(master.path(Convention.STUNNEL_CONFIG, "").orElseThrow());
            int port = RedisProcess.freePort();
            String text = "foreground = yes\n" + Files.readString(config).replaceAll("(?m)^accept = .*$", "accept = 127.0.0.1:" + port);
            Path moved = Files.writeString(c.dir().resolve("stunnel-test.conf"), text);
            Process p = new ProcessBuilder(stunnel.toString(), moved.toString()).redirectErrorStream(true)
                    .redirectOutput(c.dir().resolve("stunnel.out").toFile()).start();
            try {
                // stunnel says so once it has read the whole file (and the PSK file it names); what follows (binding,
                // dropping to stunnel4, the pid file) is no longer about reading it.
                awaitSaid(p, c.dir().resolve("stunnel.out"), "Configuration successful", c.describe() + ": stunnel refused its file");
            } finally {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        return 0;
    }

    /**
     * Every case's Rspamd files in one configuration (UCL makes repeated keys lists, in order), read by one
     * {@code rspamadm configdump}: each password and server comes back as meant.
     */
    private static int checkRspamd(List<Case> cases, Path tmp) throws Exception {
        if (cases.isEmpty()) return 0;
        Path rspamadm = Tools.rspamadm();
        Path confdir = Files.createDirectories(tmp.resolve("rspamd-all/local.d"));
        StringBuilder bayes = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (Case c : cases) {
            Rendered r = c.render();
            RenderedFile f = r.byHost().get("master").files().stream().filter(x -> x.path().endsWith("classifier-bayes.conf")).findFirst().orElseThrow();
            bayes.append(f.content());
            expected.add(c.field().name().startsWith("secret.") ? c.value() : MARK);
        }
        Files.writeString(confdir.resolve("classifier-bayes.conf"), bayes);
        ProcessResult dump = ProcessResult.run(List.of(rspamadm.toString(), "--var=LOCAL_CONFDIR=" + confdir.getParent(), "configdump", "-j",
                "-c", "/etc/rspamd/rspamd.conf", "classifier"), Map.of(), tmp);
        String json = dump.output().substring(dump.output().indexOf('{'));
        JsonObject classifier = JsonParser.parseString(json).getAsJsonObject();
        JsonElement passwords = classifier.getAsJsonObject("bayes").get("password");
        List<String> got = new ArrayList<>();
        if (passwords.isJsonArray()) ((JsonArray) passwords).forEach(e -> got.add(e.getAsString()));
        else got.add(passwords.getAsString());
        assertThat(got).as("Rspamd's passwords, in order").isEqualTo(expected);
        return 0;
    }

    /** PSK secrets as the secrets file holds them: refused when stunnel's file could not hold them, else written as meant. */
    private static String checkPskSecrets(Path tmp) throws IOException {
        int refused = 0;
        int accepted = 0;
        for (String value : HOSTILE) {
            String secret = value + "0123456789abcdef";
            Path file = tmp.resolve("psk-" + (refused + accepted) + ".psk");
            Files.writeString(file, "replica:" + secret + "\n");
            PskStore store;
            try {
                store = PskStore.read(file);
            } catch (RepconException e) {
                assertThat(e.getMessage()).startsWith(file + ":1: ").doesNotContain(secret);
                refused++;
                continue;
            }
            accepted++;
            assertThat(store.secret("replica")).as("PSK " + value).isEqualTo(secret);
        }
        return HOSTILE.size() + " tried, " + refused + " refused, " + accepted + " read back";
    }

    /**
     * password_env values: a child repcon (the variables cannot be set in this JVM) validates one file per value;
     * each is refused with a position exactly when the same value in a password file is.
     */
    private static String checkPasswordEnv(Path tmp) throws Exception {
        Map<String, String> env = new HashMap<>();
        List<String> args = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"), "org.repcon.cli.Main", "validate"));
        List<String> values = HOSTILE.stream().filter(v -> !v.contains("\0")).toList(); // an environment cannot hold NUL
        for (int i = 0; i < values.size(); i++) {
            env.put("REPCON_HOSTILE_" + i, values.get(i));
            Path file = tmp.resolve("env-" + i + ".yaml");
            Files.writeString(file, "name: t\nhosts:\n  master:\n    address: master.example.com\n    instances:\n"
                    + "      bayes: { port: 6378, password_env: REPCON_HOSTILE_" + i + " }\n");
            args.add(file.toString());
        }
        ProcessResult r = ProcessResult.run(args, env, tmp);
        int refused = 0;
        for (int i = 0; i < values.size(); i++) {
            String file = tmp.resolve("env-" + i + ".yaml").toString();
            boolean ok = r.output().lines().anyMatch(l -> l.startsWith(file + ": ok"));
            boolean positioned = r.output().lines().anyMatch(l -> l.matches(java.util.regex.Pattern.quote(file) + ":6:42: .*"));
            assertThat(ok ^ positioned).as("password_env " + values.get(i) + ": " + r.output()).isTrue();
            boolean control = org.repcon.syntax.ControlCharacters.first(values.get(i)).isPresent();
            assertThat(positioned).as("password_env refused exactly when it holds a control character: " + values.get(i)).isEqualTo(control);
            assertThat(r.output()).doesNotContain(values.get(i).strip().length() > 3 ? values.get(i) : "\u0000never");
            if (positioned) refused++;
        }
        return values.size() + " tried, " + refused + " refused, " + (values.size() - refused) + " accepted";
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static Set<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    record ProcessResult(int exit, String output) {
        static ProcessResult run(List<String> command, Map<String, String> env, Path dir) throws IOException, InterruptedException {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            if (env.containsKey("PATH")) pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new ProcessResult(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        }
    }
}
