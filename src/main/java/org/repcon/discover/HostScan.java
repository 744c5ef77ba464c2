package org.repcon.discover;

import static org.repcon.topology.Convention.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.repcon.probe.RspamdRouting;
import org.repcon.probe.Info;
import org.repcon.probe.InfoParser;
import org.repcon.topology.Convention;
import org.repcon.topology.Platform;
import org.repcon.topology.Server;
import org.repcon.transport.RedisConnector;
import org.repcon.transport.Transport;
import redis.clients.jedis.Jedis;

/**
 * Reads one host, read-only, through its transport: which instances its service manager starts (FreeBSD's
 * {@code redis_profiles}, Debian's {@code redis-server@} units, the lab's files), each instance's files, the common
 * file, stunnel's services and PSK identities, Rspamd's routing, and INFO replication of the instances that run.
 */
final class HostScan {

    /** The directives repcon writes itself: never {@code settings}. */
    static final Set<String> OWNED = Set.of("port", "bind", "include", "pidfile", "logfile", "dir", "dbfilename", "maxmemory",
            "replicaof", "requirepass", "masterauth");
    /** Directives that may carry a secret (an ACL user's password, a key's passphrase): never copied into settings. */
    static final Set<String> SECRET = Set.of("user", "tls-key-file-pass", "tls-client-key-file-pass");
    private static final Duration INFO_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern SHELL_VAR = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)=(?:\"([^\"]*)\"|'([^']*)'|([^\\s#]*))");
    private static final Pattern UNIT = Pattern.compile("(redis|valkey)-server@([A-Za-z0-9._-]+)\\.service");
    private static final Pattern DEBIAN_CONF = Pattern.compile("(redis|valkey)-([A-Za-z0-9._-]+)\\.conf");
    private static final Pattern LAB_CONF = Pattern.compile("(redis|valkey)-([A-Za-z0-9._-]+)\\.conf");

    private final FoundHost host;
    private final Report report;

    private HostScan(FoundHost host, Report report) {
        this.host = host;
        this.report = report;
    }

    /**
     * The platform of a host nobody named one for: the lab's layout under {@code labRoot} (read with {@code plain}), else
     * rc.conf's profiles (FreeBSD) or an /etc/redis (Debian), read with {@code files}.
     */
    static Optional<Platform> detect(HostFiles files, HostFiles plain, String labRoot) {
        if (!labRoot.isEmpty() && plain.list(labRoot + "/" + plain.host + "/etc").stream().anyMatch(n -> LAB_CONF.matcher(n).matches())) {
            return Optional.of(Platform.LAB);
        }
        if (files.read("/etc/rc.conf").filter(t -> t.contains("_profiles=")).isPresent()) return Optional.of(Platform.FREEBSD);
        if (!files.list("/etc/redis").isEmpty() || !files.list("/etc/valkey").isEmpty()) return Optional.of(Platform.DEBIAN);
        return Optional.empty();
    }

    /** The files and directories discover looks at first on a FreeBSD or Debian host (both when the platform is not known). */
    static List<String> wellKnown(Optional<Platform> platform) {
        java.util.Set<String> paths = new java.util.LinkedHashSet<>();
        for (Platform p : platform.map(List::of).orElse(List.of(Platform.FREEBSD, Platform.DEBIAN))) {
            for (Convention c : List.of(RC_CONF, COMMON_CONFIG, STUNNEL_CONFIG, LOG_ROTATION)) {
                if (!p.defaults().get(c).isEmpty()) paths.add(p.defaults().get(c));
            }
            String rspamd = p.defaults().get(RSPAMD_DIR);
            for (String f : List.of("redis.conf", "classifier-bayes.conf", "worker-fuzzy.inc")) {
                paths.add(rspamd + "/local.d/" + f);
                paths.add(rspamd + "/override.d/" + f);
            }
        }
        paths.addAll(List.of("/etc/redis", "/etc/valkey", "/etc/systemd/system/multi-user.target.wants"));
        return List.copyOf(paths);
    }

    /** Everything one host says; problems go to {@code report}. {@code probe}: ask the running instances for INFO. */
    static void scan(FoundHost host, Report report, boolean probe) {
        HostScan s = new HostScan(host, report);
        Map<String, String> configs = s.instanceConfigs();
        host.files.prefetch(configs.values());
        String common = host.conv(COMMON_CONFIG, "");
        Optional<RedisConf> commonConf = s.common(common);
        for (Map.Entry<String, String> e : configs.entrySet()) s.instance(e.getKey(), e.getValue(), common, commonConf);
        if (commonConf.isEmpty() && !host.files.unreadable(common) && host.instances.stream().anyMatch(i -> i.conf.includes(common))) {
            report.error(host.name() + ": " + host.files.shown(common) + ", the common file the instances include, is missing");
        }
        s.stunnel();
        host.rspamd = RspamdRouting.read(host.files::read, host.conv(RSPAMD_DIR, ""));
        if (probe) {
            host.probed = true;
            host.instances.forEach(s::running);
        }
    }

    // ---- which instances: the service manager's list, by platform

    /** Instance name -> its config file on the host, in the order the host lists them. */
    private Map<String, String> instanceConfigs() {
        return switch (host.platform) {
            case FREEBSD -> freebsd();
            case DEBIAN -> debian();
            case LAB -> lab();
        };
    }

    private Map<String, String> freebsd() {
        Map<String, String> out = new LinkedHashMap<>();
        String rc = host.conv(RC_CONF, "");
        Optional<String> text = host.files.read(rc);
        if (text.isEmpty()) {
            report.error(host.name() + ": " + host.files.shown(rc) + " is missing: no redis_profiles to read");
            return out;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : text.get().split("\n")) {
            Matcher m = SHELL_VAR.matcher(line);
            if (m.find()) vars.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4));
        }
        String flavour = vars.containsKey("redis_profiles") || !vars.containsKey("valkey_profiles") ? "redis" : "valkey";
        if (flavour.equals("valkey")) valkey(host.files.shown(rc) + " has valkey_profiles");
        String profiles = vars.get(flavour + "_profiles");
        if (profiles == null) {
            if ("YES".equalsIgnoreCase(vars.getOrDefault(flavour + "_enable", ""))) {
                report.warning(host.name() + ": " + host.files.shown(rc) + " enables the stock single " + flavour
                        + " instance (no " + flavour + "_profiles): repcon knows instances by profile, as the tutorial sets them up");
            } else {
                report.error(host.name() + ": " + host.files.shown(rc) + " has no " + flavour + "_profiles: no instances to read");
            }
            return out;
        }
        for (String p : profiles.strip().split("\\s+")) {
            if (p.isEmpty()) continue;
            out.put(p, Optional.ofNullable(vars.get(flavour + "_" + p + "_config")).orElse(host.conv(INSTANCE_CONFIG, p)));
        }
        return out;
    }

    private Map<String, String> debian() {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> enabled = new ArrayList<>();
        String flavour = "redis";
        boolean stock = false;
        for (String n : host.files.list("/etc/systemd/system/multi-user.target.wants")) {
            Matcher m = UNIT.matcher(n);
            if (m.matches()) {
                enabled.add(m.group(2));
                flavour = m.group(1);
            }
            stock |= n.equals("redis-server.service") || n.equals("valkey-server.service");
        }
        if (enabled.isEmpty() && host.files.list("/etc/redis").isEmpty() && !host.files.list("/etc/valkey").isEmpty()) flavour = "valkey";
        if (flavour.equals("valkey")) valkey(enabled.isEmpty() ? "its instance files are in /etc/valkey" : "valkey-server@ units are enabled");
        String dir = host.conv(INSTANCE_CONFIG, "x").substring(0, host.conv(INSTANCE_CONFIG, "x").lastIndexOf('/'));
        List<String> files = new ArrayList<>();
        for (String n : host.files.list(dir)) {
            Matcher m = DEBIAN_CONF.matcher(n);
            if (m.matches() && m.group(1).equals(flavour)) files.add(m.group(2));
        }
        for (String name : order(enabled, files)) {
            out.put(name, host.conv(INSTANCE_CONFIG, name));
            if (!enabled.isEmpty() && !enabled.contains(name)) {
                host.comments.add(name + ": " + host.conv(INSTANCE_CONFIG, name) + " is there, but no " + flavour
                        + "-server@" + name + " unit is enabled");
            }
        }
        if (stock) {
            report.warning(host.name() + ": the stock " + flavour + "-server.service is enabled (" + host.conv(COMMON_CONFIG, "")
                    + ", port 6379): repcon's Debian layout runs every instance as " + flavour + "-server@NAME and disables it");
        }
        return out;
    }

    /** Enabled units first, as listed; then instance files without one; by logrotate's order where it names them. */
    private List<String> order(List<String> enabled, List<String> files) {
        List<String> names = new ArrayList<>(enabled);
        tutorialOrder(files).stream().filter(f -> !names.contains(f)).forEach(names::add);
        String rotation = host.conv(LOG_ROTATION, "");
        Optional<String> text = rotation.isEmpty() ? Optional.empty() : host.files.read(rotation);
        if (text.isEmpty()) return names;
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(java.util.Comparator.comparingInt(n -> {
            int at = text.get().indexOf("/" + n + ".log");
            return at < 0 ? Integer.MAX_VALUE : at;
        }));
        return sorted;
    }

    private Map<String, String> lab() {
        Map<String, String> out = new LinkedHashMap<>();
        String dir = host.conv(INSTANCE_CONFIG, "x").substring(0, host.conv(INSTANCE_CONFIG, "x").lastIndexOf('/'));
        List<String> names = new ArrayList<>();
        List<String> files = host.files.list(dir);
        // The lab names a Valkey host's files valkey-NAME.conf, as it does the common file.
        if (files.stream().noneMatch(n -> n.startsWith("redis-")) && files.stream().anyMatch(n -> n.startsWith("valkey-"))) {
            valkey("its lab files are valkey-NAME.conf");
        }
        for (String n : files) {
            Matcher m = LAB_CONF.matcher(n);
            if (m.matches() && m.group(1).equals(host.server.yamlName())) names.add(m.group(2));
        }
        if (names.isEmpty()) report.error(host.name() + ": no redis-NAME.conf in " + dir + ": no lab host there");
        tutorialOrder(names).forEach(n -> out.put(n, host.conv(INSTANCE_CONFIG, n)));
        return out;
    }

    /** Where nothing orders the instances: the tutorial's (redis, bayes, fuzzy), then the others by name. */
    private static List<String> tutorialOrder(List<String> names) {
        List<String> tutorial = List.of("redis", "bayes", "fuzzy");
        return names.stream().sorted(java.util.Comparator.<String>comparingInt(n -> tutorial.contains(n) ? tutorial.indexOf(n)
                : tutorial.size()).thenComparing(n -> n)).toList();
    }

    /** The host runs Valkey: from here on its conventions are Valkey's (its files, services and paths). */
    private void valkey(String because) {
        host.server = Server.VALKEY;
        host.comments.add("server: valkey, as " + because);
    }

    // ---- the files of each instance

    private Optional<RedisConf> common(String path) {
        Optional<RedisConf> conf = RedisConf.read(host.files, path, "", report);
        conf.ifPresent(c -> {
            c.last("bind").ifPresent(b -> host.bind = List.copyOf(b.args())); // as written: "-::1" (skip when absent) stays
            host.commonMaxmemory = c.last("maxmemory");
            Set<String> except = new java.util.HashSet<>(OWNED);
            if (host.platform.stockCommonConfig()) {
                // The system's file: its other directives are the distribution's, not the deployment's.
                int others = c.others(except).size();
                if (others > 0) {
                    host.comments.add(others + " other directive(s) of the stock " + path + " are the system's: left to it");
                }
            } else {
                except.add("daemonize"); // the lab's common file: repcon writes this one itself
                host.commonSettings = withoutSecrets(c.others(except), host.name());
            }
        });
        return conf;
    }

    private void instance(String name, String config, String common, Optional<RedisConf> commonConf) {
        Optional<RedisConf> read = RedisConf.read(host.files, config, common, report);
        if (read.isEmpty()) {
            if (host.files.unreadable(config)) return;
            report.error(host.name() + ": instance " + name + ": its file " + host.files.shown(config) + " is missing");
            return;
        }
        RedisConf conf = read.get();
        FoundInstance i = new FoundInstance(host.name(), name, config, conf);
        Optional<RedisConf.Line> port = conf.last("port").or(() -> commonConf.flatMap(c -> c.last("port")));
        port.ifPresent(p -> {
            try {
                i.port = Integer.parseInt(p.value());
            } catch (NumberFormatException e) {
                report.error(host.name() + ": " + p.where() + ": port '" + p.value() + "' is not a number");
            }
        });
        i.replicaof = conf.last("replicaof").filter(l -> !(l.args().size() == 2 && l.value().equalsIgnoreCase("no one")));
        i.maxmemory = conf.last("maxmemory");
        i.requirepass = conf.last("requirepass");
        i.masterauth = conf.last("masterauth");
        conf.last("bind").filter(b -> host.bind == null || !b.args().equals(host.bind)).ifPresent(b -> report.warning(
                host.name() + "/" + name + ": " + b.where() + ": bind " + b.value() + " of its own: a topology binds per host,"
                + " so it is not written"));
        if (!config.equals(host.conv(INSTANCE_CONFIG, name))) i.paths.put(INSTANCE_CONFIG, config);
        boolean stock = host.platform == Platform.FREEBSD && name.equals(Platform.STOCK_INSTANCE) && i.port == Platform.STOCK_PORT;
        for (Convention c : List.of(PIDFILE, LOGFILE, DIR, DBFILENAME)) {
            Optional<RedisConf.Line> own = conf.last(c.yamlName());
            Optional<RedisConf.Line> line = own.or(() -> commonConf.flatMap(cc -> cc.last(c.yamlName())));
            String expected = stock ? Platform.FREEBSD.stock(host.server).get(c) : host.conv(c, name);
            if (line.isEmpty()) {
                if (!stock) i.comments.add(c.yamlName() + " is not set in its files (Redis's default applies); repcon writes " + expected);
                continue;
            }
            String value = line.get().value();
            if (c != DBFILENAME && !value.startsWith("/")) {
                report.warning(host.name() + "/" + name + ": " + line.get().where() + ": " + c.yamlName() + " " + value
                        + " is relative (to where redis-server starts): not written; give an absolute path");
                continue;
            }
            if (!trimSlash(value).equals(trimSlash(expected))) {
                if (stock && own.isEmpty()) continue; // the stock file's own value for the stock instance
                i.paths.put(c, value);
            }
        }
        if (stock && !i.paths.isEmpty()) {
            // An instance with paths of its own is no longer the stock one: every path is then written.
            for (Convention c : List.of(PIDFILE, LOGFILE, DIR, DBFILENAME)) {
                conf.last(c.yamlName()).ifPresent(l -> {
                    if (!trimSlash(l.value()).equals(trimSlash(host.conv(c, name)))) i.paths.put(c, l.value());
                });
            }
        }
        i.settings.putAll(withoutSecrets(conf.others(OWNED), i.ref()));
        if (!conf.includes(common)) {
            report.warning(host.name() + "/" + name + ": " + host.files.shown(config) + " does not include the common file "
                    + common + " (a topology's instances all do)");
        }
        for (FoundInstance other : host.instances) {
            if (other.port == i.port) {
                report.error(host.name() + ": instances " + other.name + " (" + host.files.shown(other.config) + ") and " + name
                        + " (" + host.files.shown(config) + ") both listen on port " + i.port);
            }
        }
        host.instances.add(i);
    }

    /** The settings but those that may hold a secret: each of those is a warning, as the topology will not have it. */
    private Map<String, RedisConf.Line> withoutSecrets(Map<String, RedisConf.Line> settings, String owner) {
        Map<String, RedisConf.Line> out = new LinkedHashMap<>();
        settings.forEach((k, l) -> {
            if (SECRET.contains(k)) {
                report.warning(owner + ": " + host.files.shown(l.file()) + ":" + l.line() + ": " + k
                        + " may hold a secret: not copied into the topology (repcon would not write it)");
            } else {
                out.put(k, l);
            }
        });
        return out;
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    // ---- stunnel

    private void stunnel() {
        String path = host.conv(STUNNEL_CONFIG, "");
        Optional<String> text = host.files.read(path);
        if (text.isEmpty()) {
            host.comments.add("no stunnel configuration at " + path);
            return;
        }
        StunnelConf conf = StunnelConf.parse(host.name(), path, host.files.shown(path), text.get(), report);
        differs(STUNNEL_USER, conf.globals.get("setuid"));
        differs(STUNNEL_GROUP, conf.globals.get("setgid"));
        differs(STUNNEL_PIDFILE, conf.globals.get("pid"));
        differs(STUNNEL_LOG, conf.globals.get("output"));
        for (StunnelConf.Service s : conf.services) {
            host.tunnels.add(new FoundTunnel(host.name(), s));
            s.pskSecrets().ifPresent(psk -> {
                if (!psk.equals(host.conv(STUNNEL_PSK, ""))) host.conventions.put(STUNNEL_PSK, unrooted(psk));
                List<String> ids = pskIdentities(psk);
                if (s.client()) {
                    String id = s.pskIdentity().orElse(ids.isEmpty() ? null : ids.get(0));
                    if (id != null && host.pskIdentity != null && !host.pskIdentity.equals(id)) {
                        report.warning(host.name() + ": " + host.files.shown(s.where()) + ": client [" + s.name() + "] presents identity '" + id
                                + "', another client of this host '" + host.pskIdentity + "': a topology gives a host one");
                    }
                    if (id != null && host.pskIdentity == null) host.pskIdentity = id;
                } else {
                    host.serverIdentities.put(psk, ids);
                }
            });
        }
    }

    /** The identities of a PSK file, its secrets never kept; a file that cannot be read is a warning (it holds secrets). */
    private List<String> pskIdentities(String path) {
        try {
            return host.files.transport.readFile(host.files.shown(path)).map(StunnelConf::identities).orElseGet(() -> {
                report.warning(host.name() + ": stunnel's PSK file " + host.files.shown(path) + " is missing");
                return List.of();
            });
        } catch (org.repcon.util.RepconException e) {
            report.warning(host.name() + ": PSK identities not checked: " + e.getMessage());
            return List.of();
        }
    }

    /** A stunnel global that differs from the platform's convention becomes the host's convention. */
    private void differs(Convention c, String value) {
        String expected = host.conv(c, "");
        String actual = value == null ? "" : value;
        if (!actual.equals(expected)) host.conventions.put(c, unrooted(actual));
    }

    /** A path as a convention template: the lab's root taken off (the topology puts it back). */
    private String unrooted(String path) {
        return !host.root.isEmpty() && path.startsWith(host.root + "/") ? path.substring(host.root.length()) : path;
    }

    // ---- what runs

    private void running(FoundInstance i) {
        String address = host.platform == Platform.LAB ? host.boundAddresses().stream().findFirst().orElse("127.0.0.1") : "127.0.0.1";
        Transport t = host.files.transport;
        try (Jedis jedis = RedisConnector.connect(t.reach(address, i.port), null, INFO_TIMEOUT, INFO_TIMEOUT)) {
            Info info = InfoParser.parse(jedis.info("replication"));
            String role = info.string("role").orElse("?");
            if (role.equals("slave")) {
                String link = info.string("master_host").orElse("?") + " " + info.string("master_port").orElse("?");
                String status = info.string("master_link_status").orElse("?");
                i.comments.add("running: a replica of " + link + ", link " + status);
                String file = i.replicaof.map(RedisConf.Line::value).orElse("");
                if (!sameEndpoint(file, link)) {
                    report.warning(i.ref() + " runs as a replica of " + link + ", its file " + (file.isEmpty() ? "has no replicaof"
                            : "says replicaof " + file) + ": a restart is pending, or it was re-pointed by hand");
                } else if (!status.equals("up")) {
                    report.warning(i.ref() + " replicates from " + link + " with its link " + status);
                }
            } else {
                i.comments.add("running: a master with " + info.string("connected_slaves").orElse("0") + " replica(s) connected");
                i.replicaof.ifPresent(r -> report.warning(i.ref() + " runs as a master, its file says replicaof " + r.value()
                        + " (" + r.where() + "): a restart is pending, or it was promoted by hand"));
            }
        } catch (redis.clients.jedis.exceptions.JedisDataException e) {
            i.comments.add("running, but INFO needs its password (not asked): replication not confirmed");
        } catch (RuntimeException e) {
            i.comments.add("not running (nothing answers on " + address + ":" + i.port + "): replication not confirmed");
        }
    }

    private static boolean sameEndpoint(String file, String running) {
        String[] f = file.split(" ");
        String[] r = running.split(" ");
        if (f.length != 2 || r.length != 2) return false;
        boolean loopF = f[0].equals("localhost") || f[0].equals("127.0.0.1");
        boolean loopR = r[0].equals("localhost") || r[0].equals("127.0.0.1");
        return f[1].equals(r[1]) && (f[0].equals(r[0]) || loopF && loopR);
    }
}
