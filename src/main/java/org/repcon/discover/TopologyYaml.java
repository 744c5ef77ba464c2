package org.repcon.discover;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.repcon.syntax.ControlCharacters;
import org.repcon.topology.Convention;
import org.repcon.topology.Kind;
import org.repcon.topology.Platform;
import org.repcon.topology.Server;
import org.repcon.topology.Size;

/**
 * The hosts as a topology file in the documented format, the sample topologies' layout: the platform's conventions
 * left implicit, only what differs written, and a comment wherever a value was inferred or left out.
 */
final class TopologyYaml {

    private static final Pattern PLAIN = Pattern.compile("(?:[A-Za-z0-9/]|-(?=[A-Za-z]))[A-Za-z0-9._/@%+=-]*");
    private static final Pattern RESERVED = Pattern.compile("(?i)y|n|yes|no|true|false|on|off|null|~|[-+]?([0-9][0-9_]*|[0-9_]*\\.[0-9_]*)([eE][-+]?[0-9]+)?|0x.*|0o.*|\\.inf|\\.nan");

    private final StringBuilder out = new StringBuilder();
    private final Report report;

    private TopologyYaml(Report report) {
        this.report = report;
    }

    static String write(String name, List<FoundHost> hosts, String labRoot, List<String> from, Report report) {
        return new TopologyYaml(report).topology(name, hosts, labRoot, from);
    }

    private String topology(String name, List<FoundHost> hosts, String labRoot, List<String> from) {
        Platform platform = hosts.get(0).platform;
        // Said once at the top when every host runs the same server, else on each host that differs from Redis.
        Server server = hosts.stream().map(h -> h.server).distinct().count() == 1 ? hosts.get(0).server : Server.REDIS;
        line("# Discovered by 'repcon discover' from " + String.join(" ", from) + ".");
        line("# What was inferred says where from; check the comments before relying on it.");
        line("name: " + scalar(name));
        line("platform: " + platform.yamlName());
        if (server != Server.REDIS) line("server: " + server.yamlName());
        if (platform == Platform.LAB) line("root: " + scalar(labRoot));
        line("# secrets: the PSK secrets are not copied. Put each replica host's 'identity:secret' line (from its");
        line("# stunnel PSK file) into the secrets file, mode 0600: "
                + (platform == Platform.LAB ? "ROOT/secrets.psk" : "$XDG_CONFIG_HOME/repcon/secrets/" + name + ".psk") + ".");
        common(hosts, platform);
        line("");
        line("hosts:");
        for (int n = 0; n < hosts.size(); n++) {
            if (n > 0) line("");
            host(hosts.get(n), platform, server);
        }
        return out.toString();
    }

    private void common(List<FoundHost> hosts, Platform platform) {
        List<String> entries = new ArrayList<>();
        List<String> binds = hosts.stream().map(h -> h.bind == null ? null : String.join(" ", h.bind)).distinct().toList();
        FoundHost first = hosts.get(0);
        if (platform != Platform.LAB && binds.size() == 1 && first.bind != null && !first.bind.equals(platform.bind(""))) {
            entries.add("  bind: " + list(first.bind));
        }
        List<String> memories = hosts.stream().map(h -> h.commonMaxmemory.map(RedisConf.Line::value).orElse("")).distinct().toList();
        if (memories.size() == 1 && !memories.get(0).isEmpty() && size(first.commonMaxmemory.get(), first.name())) {
            entries.add("  maxmemory: " + scalar(memories.get(0)) + "    # " + comment(first.commonMaxmemory.get().where()));
        } else if (memories.size() > 1) {
            entries.add("  # maxmemory differs between the hosts' common files: not written");
            report.warning("the common files set maxmemory differently (" + String.join(", ", memories) + "): not written");
        }
        List<Map<String, String>> settings = hosts.stream().map(h -> texts(h.commonSettings)).distinct().toList();
        if (settings.size() == 1 && !settings.get(0).isEmpty()) {
            entries.add("  settings:");
            settings.get(0).forEach((k, v) -> entries.add("    " + scalar(k) + ": " + scalar(v)));
        } else if (settings.size() > 1) {
            entries.add("  # settings differ between the hosts' common files: not written");
            report.warning("the common files hold different settings: not written");
        }
        if (entries.isEmpty()) return;
        line("common:");
        entries.forEach(this::line);
    }

    private void host(FoundHost h, Platform platform, Server server) {
        h.comments.forEach(c -> line("  # " + comment(c)));
        line("  " + scalar(h.name()) + ":");
        if (h.address != null) line("    address: " + scalar(h.address));
        if (platform != Platform.LAB) {
            line("    access: " + (h.spec.local() ? "local" : "ssh"));
            List<String> ssh = new ArrayList<>();
            h.spec.user().ifPresent(u -> ssh.add("user: " + scalar(u)));
            h.spec.port().ifPresent(p -> ssh.add("port: " + p));
            if (!h.spec.local() && !h.sshOptions.isEmpty()) ssh.add("options: " + list(h.sshOptions));
            if (!ssh.isEmpty()) line("    ssh: { " + String.join(", ", ssh) + " }");
        }
        if (h.platform != platform) line("    platform: " + h.platform.yamlName());
        if (h.server != server) line("    server: " + h.server.yamlName());
        if (!h.conventions.isEmpty()) {
            line("    conventions:");
            h.conventions.forEach((c, v) -> line("      " + c.yamlName() + ": " + scalar(v)));
        }
        if (h.pskIdentity != null && !h.pskIdentity.equals(h.name())) line("    psk_identity: " + scalar(h.pskIdentity));
        if (h.bind != null && (platform == Platform.LAB ? !h.bind.equals(List.of(Objects.toString(h.address)))
                : !h.bind.equals(platform.bind("")))) {
            line("    bind: " + list(h.bind));
        }
        line("    instances:");
        for (FoundInstance i : h.instances) instance(h, i);
        List<FoundTunnel> tunnels = h.tunnels.stream().filter(t -> t.to != null || t.client != null).toList();
        if (!tunnels.isEmpty()) {
            line("    tunnels:");
            for (FoundTunnel t : tunnels) {
                String end = t.to != null ? "to: " + scalar(t.to) : "client: " + scalar(String.valueOf(t.client));
                line("      " + scalar(t.name()) + ": { accept: " + t.service.accept() + ", " + end + " }    # "
                        + comment(t.service.where()));
            }
        }
    }

    private void instance(FoundHost h, FoundInstance i) {
        i.comments.forEach(c -> line("      # " + comment(c)));
        i.requirepass.ifPresent(p -> line("      # password_file: " + i.host + "-" + i.name + ".password    # requirepass is set ("
                + comment(p.where()) + "), not copied: put the password in that file (mode 0600), then uncomment"));
        List<String> fields = new ArrayList<>();
        fields.add("port: " + i.port);
        if (Kind.impliedByName(i.name).filter(k -> k == i.kind).isEmpty()) fields.add("kind: " + i.kind.yamlName());
        i.maxmemory.filter(m -> size(m, h.name())).ifPresent(m -> fields.add("maxmemory: " + scalar(m.value())));
        if (i.master != null) fields.add("replicaof: " + scalar(String.valueOf(i.master)));
        if (i.via != null) fields.add("via: " + scalar(i.via));
        i.paths.forEach((c, v) -> fields.add((c == Convention.INSTANCE_CONFIG ? "config" : c.yamlName()) + ": " + scalar(v)));
        Map<String, String> settings = texts(i.settings);
        if (!settings.isEmpty()) {
            List<String> s = new ArrayList<>();
            settings.forEach((k, v) -> s.add(scalar(k) + ": " + scalar(v)));
            fields.add("settings: { " + String.join(", ", s) + " }");
        }
        line("      " + scalar(i.name) + ": { " + String.join(", ", fields) + " }");
    }

    private boolean size(RedisConf.Line line, String host) {
        try {
            Size.parse(line.value());
            return true;
        } catch (IllegalArgumentException e) {
            report.warning(host + ": " + line.where() + ": maxmemory " + line.value() + " is no size repcon reads: not written");
            return false;
        }
    }

    private static Map<String, String> texts(Map<String, RedisConf.Line> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        lines.forEach((k, l) -> out.put(k, l.text()));
        return out;
    }

    private static String list(List<String> values) {
        return "[" + String.join(", ", values.stream().map(TopologyYaml::scalar).toList()) + "]";
    }

    /** A YAML scalar read back as this string: plain when safe, else double-quoted with JSON's escapes. */
    static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !RESERVED.matcher(value).matches()) return value;
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (ControlCharacters.isControl(c)) s.append(String.format("\\u%04x", (int) c));
                    else s.append(c);
                }
            }
        }
        return s.append('"').toString();
    }

    /**
     * Text read from a host's files, made safe to stand in a YAML comment: a line break of any kind (YAML also breaks
     * lines at CR, NEL, U+2028 and U+2029) would end the comment and start YAML.
     */
    private static String comment(String text) {
        return ControlCharacters.masked(text);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
