package org.repcon.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Topology;

/**
 * Renders every file and command a host needs, from the topology alone: a pure function, so that
 * the same output serves display ({@code repcon render}), the lab, and setup's plan and apply.
 */
public final class ConfigRenderer {

    private ConfigRenderer() {}

    public static Rendering render(Topology topology, Host host, SecretValues secrets) {
        List<RenderedFile> files = new ArrayList<>(redisFiles(topology, host, secrets));
        files.addAll(ServiceFiles.files(host));
        files.addAll(StunnelFiles.files(topology, host, secrets));
        files.addAll(RspamdFiles.files(topology, host, secrets));
        return new Rendering(host, files, ServiceFiles.directories(host), ServiceFiles.commands(host));
    }

    /** The Redis files alone (the common one, then one per instance): what the monitor compares the hosts' files with. */
    public static List<RenderedFile> redisFiles(Topology topology, Host host, SecretValues secrets) {
        List<RenderedFile> files = new ArrayList<>();
        files.add(RedisFiles.common(topology, host));
        for (Instance instance : host.instances()) files.add(RedisFiles.instance(topology, host, instance, secrets));
        return files;
    }

    /** Every PSK identity the topology's tunnels use: one per replica host. */
    public static Set<String> pskIdentities(Topology topology) {
        Set<String> ids = new java.util.LinkedHashSet<>();
        topology.hosts().forEach(h -> ids.addAll(StunnelFiles.identities(topology, h)));
        return ids;
    }
}
