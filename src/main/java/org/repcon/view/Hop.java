package org.repcon.view;

import java.util.List;
import org.repcon.topology.TunnelKind;

/**
 * One replication path of the topology view: master -> server tunnel -> client tunnel -> replica,
 * each node with its own health, so a broken hop stands out.
 *
 * @param tunnels what carries the path's tunnel leg, so the legend never calls a plain relay TLS
 */
public record Hop(List<Node> nodes, TunnelKind tunnels) {

    public record Node(String label, Health health) {}

    public Hop {
        nodes = List.copyOf(nodes);
    }

    public Hop(List<Node> nodes) {
        this(nodes, TunnelKind.STUNNEL);
    }
}
