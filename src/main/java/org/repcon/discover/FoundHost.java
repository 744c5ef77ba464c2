package org.repcon.discover;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.repcon.probe.RspamdRouting;
import org.repcon.topology.Convention;
import org.repcon.topology.Platform;
import org.repcon.topology.Server;

/** What discover read on one host: its platform and conventions, instances, tunnels, common settings, Rspamd's routing. */
final class FoundHost {

    final HostSpec spec;
    final HostFiles files;
    final Platform platform;
    /** The lab's directory (every convention path under it); "" elsewhere. */
    final String root;
    /** What its instances run; Valkey's names replace Redis's in its conventions. */
    Server server = Server.REDIS;
    /** Conventions that differ from the platform's for its server (stunnel's own settings): the host's overrides. */
    final Map<Convention, String> conventions = new EnumMap<>(Convention.class);
    final List<FoundInstance> instances = new ArrayList<>();
    final List<FoundTunnel> tunnels = new ArrayList<>();
    final List<String> comments = new ArrayList<>();
    String address;
    /** ssh options given to discover: the topology's {@code ssh.options} for an ssh host. */
    List<String> sshOptions = List.of();
    List<String> bind;
    Optional<RedisConf.Line> commonMaxmemory = Optional.empty();
    Map<String, RedisConf.Line> commonSettings = new LinkedHashMap<>();
    /** The identity this host's client ends present; null when it has none. */
    String pskIdentity;
    /** The identities of each PSK file its server ends use, by file. */
    final Map<String, List<String>> serverIdentities = new LinkedHashMap<>();
    RspamdRouting rspamd;
    /** Whether INFO was asked of the instances (they run here, not a copy of the files under a root). */
    boolean probed;

    FoundHost(HostSpec spec, HostFiles files, Platform platform, String root) {
        this.spec = spec;
        this.files = files;
        this.platform = platform;
        this.root = root;
    }

    String name() {
        return spec.name();
    }

    /** A convention as this host follows it, placeholders filled in, under the lab's root; empty when not used. */
    String conv(Convention c, String name) {
        String template = conventions.getOrDefault(c, platform.defaults(server).get(c)).replace("{host}", spec.name()).replace("{name}", name);
        return template.isEmpty() || root.isEmpty() || !template.startsWith("/") ? template : root + template;
    }

    Optional<FoundInstance> instanceOnPort(int port) {
        return instances.stream().filter(i -> i.port == port).findFirst();
    }

    Optional<FoundInstance> instance(String name) {
        return instances.stream().filter(i -> i.name.equals(name)).findFirst();
    }

    Optional<FoundTunnel> tunnel(String name) {
        return tunnels.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Whether {@code address} names this host from itself: loopback, its address, an address it binds. */
    boolean isSelf(String a) {
        return a == null || a.equals("localhost") || a.equals("127.0.0.1") || a.equals("::1") || a.equals(address)
                || boundAddresses().contains(a);
    }

    /** The addresses of its bind line without Redis's "-" (bind it if it exists), as clients name them. */
    List<String> boundAddresses() {
        return bind == null ? List.of() : bind.stream().map(b -> b.startsWith("-") ? b.substring(1) : b).toList();
    }
}
