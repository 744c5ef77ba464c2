package org.repcon.config;

import static org.repcon.topology.Convention.*;

import java.util.List;
import java.util.Map;
import org.repcon.syntax.RedisConfQuote;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Topology;
import org.repcon.topology.Tunnel;

/**
 * The common redis settings and one file per instance, as the tutorial writes them. Every value goes through
 * {@link RedisConfQuote}; a {@code settings} value is redis argument text already (the loader made sure Redis can
 * split it), so it is written as given.
 */
final class RedisFiles {

    private RedisFiles() {}

    static RenderedFile common(Topology topology, Host host) {
        String path = host.path(COMMON_CONFIG, "").orElseThrow();
        Lines lines = new Lines();
        if (!host.platform().stockCommonConfig()) {
            // The lab writes the whole file: repcon starts redis-server itself, so it must daemonize.
            lines.add("daemonize yes");
        }
        if (!host.bind().isEmpty()) lines.add(RedisConfQuote.line("bind", host.bind().toArray(String[]::new)));
        topology.commonMaxmemory().ifPresent(m -> lines.add(RedisConfQuote.line("maxmemory", m.toString())));
        topology.commonSettings().forEach((k, v) -> lines.add(k + " " + v));
        String content = lines.text();
        return host.platform().stockCommonConfig()
                ? new RenderedFile(path, content, RenderedFile.Merge.REDIS_DIRECTIVES, 0644, false,
                        "common settings, set in the stock " + host.server().yamlName() + ".conf")
                : RenderedFile.whole(path, content, "common settings of every instance");
    }

    static RenderedFile instance(Topology topology, Host host, Instance instance, SecretValues secrets) {
        Map<Convention, String> stock = host.platform().stock(host.server());
        Lines lines = new Lines();
        lines.add(RedisConfQuote.line("include", host.path(COMMON_CONFIG, "").orElseThrow())).blank();
        if (!(host.isStockInstance(instance))) {
            if (stock.isEmpty() || instance.port() != org.repcon.topology.Platform.STOCK_PORT) {
                lines.add(RedisConfQuote.line("port", Integer.toString(instance.port()))).blank();
            }
            for (Convention c : List.of(PIDFILE, LOGFILE, DBFILENAME, DIR)) {
                lines.add(RedisConfQuote.line(c.yamlName(), host.instancePath(instance, c)));
            }
            lines.blank();
        }
        topology.masterOf(instance).ifPresent(master -> {
            Tunnel tunnel = topology.replicationTunnel(instance).orElseThrow();
            lines.add(ReplicaofLine.line(host.loopback(), tunnel.accept()));
            master.password().ifPresent(p -> lines.add(RedisConfQuote.line("masterauth", secrets.password(p))));
            lines.blank();
        });
        instance.maxmemory().ifPresent(m -> lines.add(RedisConfQuote.line("maxmemory", m.toString())).blank());
        instance.password().ifPresent(p -> lines.add(RedisConfQuote.line("requirepass", secrets.password(p))).blank());
        instance.settings().forEach((k, v) -> lines.add(k + " " + v));
        boolean secret = instance.password().isPresent()
                || topology.masterOf(instance).flatMap(Instance::password).isPresent();
        return new RenderedFile(host.instancePath(instance, INSTANCE_CONFIG), lines.text(), RenderedFile.Merge.WHOLE,
                secret ? 0640 : 0644, secret, host.server().yamlName() + " instance '" + instance.name() + "'"
                + topology.masterOf(instance).map(m -> ", replica of " + m.ref()).orElse(""));
    }
}
