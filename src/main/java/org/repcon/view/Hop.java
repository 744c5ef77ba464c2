package org.repcon.view;

import java.util.List;

/**
 * One replication path of the topology view: master -> server tunnel -> client tunnel -> replica,
 * each node with its own health, so a broken hop stands out.
 */
public record Hop(List<Node> nodes) {

    public record Node(String label, Health health) {}

    public Hop {
        nodes = List.copyOf(nodes);
    }
}
