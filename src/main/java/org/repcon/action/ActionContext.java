package org.repcon.action;

import java.util.Optional;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.Probes;
import org.repcon.probe.TunnelSample;
import org.repcon.service.DirectProcesses;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Secret;
import org.repcon.topology.Topology;
import org.repcon.topology.Tunnel;
import org.repcon.transport.Endpoint;
import org.repcon.transport.RedisConnector;
import org.repcon.transport.Transport;
import org.repcon.transport.Transports;
import org.repcon.util.RepconException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * What actions act through: the topology, each host's transport, the daemons of a self-managed
 * deployment (the lab's), and the limits they wait by.
 *
 * @param direct how self-managed hosts run their daemons; empty when no host is self-managed
 */
public record ActionContext(Topology topology, Transports transports, Optional<DirectProcesses> direct, Limits limits) {

    public Transport transport(Host host) {
        return transports.of(host);
    }

    /** A connection to an instance, authenticated with its password; a RepconException says why there is none. */
    public Jedis connect(Instance instance) {
        Host host = topology.hostOf(instance);
        Endpoint endpoint = transports.of(host).reach(host.loopback(), instance.port());
        String password = instance.password().map(Secret::reveal).orElse(null);
        try {
            return RedisConnector.connect(endpoint, password, limits.connectTimeout(), limits.readTimeout());
        } catch (JedisException e) {
            throw RepconException.failed(instance.ref() + ": " + Redis.reason(e), e);
        }
    }

    /** One INFO probe, as the console makes it. */
    public InstanceSample probe(Instance instance) {
        return Probes.instance(instance, topology.hostOf(instance), transports, limits.probeOptions());
    }

    /** One tunnel probe (connect, and PING through a client end), as the console makes it. */
    public TunnelSample probe(Tunnel tunnel) {
        return Probes.tunnel(tunnel, topology.hostOf(tunnel), transports, limits.probeOptions());
    }
}
