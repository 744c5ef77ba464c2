package org.repcon.topology;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One machine of the deployment with its conventions already resolved (platform defaults, then the
 * topology's overrides, then the host's) and the root every path is placed under.
 *
 * @param address how other hosts (and ssh) reach it; for the lab, its loopback address
 * @param declaredServer what the topology says its instances run ({@code server:}, the host's or the topology's); empty:
 *                       it does not say, and Redis is taken ({@link #server()})
 * @param loopback how this host's own services are addressed in its files (localhost, or the lab address)
 * @param root the directory the conventions' absolute paths are placed under ("/" in production)
 */
public record Host(
        String name,
        Optional<String> address,
        Access access,
        Platform platform,
        Optional<Server> declaredServer,
        Map<Convention, String> conventions,
        String loopback,
        List<String> bind,
        String pskIdentity,
        List<Instance> instances,
        List<Tunnel> tunnels,
        String root,
        Position position) {

    public Host {
        conventions = Map.copyOf(conventions);
        bind = List.copyOf(bind);
        instances = List.copyOf(instances);
        tunnels = List.copyOf(tunnels);
    }

    /** What its instances run (Redis unless the topology says Valkey): the names of its binaries, packages, services, files. */
    public Server server() {
        return declaredServer.orElse(Server.REDIS);
    }

    public Optional<Instance> instance(String instanceName) {
        return instances.stream().filter(i -> i.name().equals(instanceName)).findFirst();
    }

    public Optional<Tunnel> tunnel(String tunnelName) {
        return tunnels.stream().filter(t -> t.name().equals(tunnelName)).findFirst();
    }

    /** A convention's template with {@code {host}} and {@code {name}} filled in, not yet placed under root. */
    public String convention(Convention c, String name) {
        return conventions.get(c).replace("{host}", this.name).replace("{name}", name);
    }

    /** A path convention placed under the root; empty when the platform does not use it. */
    public Optional<String> path(Convention c, String name) {
        String template = convention(c, name);
        return template.isEmpty() ? Optional.empty() : Optional.of(underRoot(template));
    }

    /** An instance's own file or directory, honouring its per-instance override. */
    public String instancePath(Instance instance, Convention c) {
        String override = instance.paths().get(c);
        String stock = isStockInstance(instance) ? platform.stock(server()).get(c) : null;
        String value = override != null ? override.replace("{name}", instance.name()).replace("{host}", name)
                : stock != null ? stock : convention(c, instance.name());
        return c == Convention.DBFILENAME ? value : underRoot(value);
    }

    /** The platform's default instance ("redis" on 6379), whose settings the stock common file already holds. */
    public boolean isStockInstance(Instance instance) {
        return !platform.stock(server()).isEmpty() && instance.name().equals(Platform.STOCK_INSTANCE)
                && instance.port() == Platform.STOCK_PORT && instance.paths().isEmpty();
    }

    /** A service command for {@code action} (start, stop, restart), or empty when repcon runs the process itself. */
    public Optional<String> serviceCommand(Convention c, String name, String action) {
        String template = convention(c, name);
        return template.isEmpty() ? Optional.empty() : Optional.of(template.replace("{action}", action));
    }

    /**
     * A command convention as words ({@code systemctl start redis-server@bayes}), or empty when the platform has
     * none: split on blanks first, so that a filled-in placeholder is always within one word.
     */
    public Optional<List<String>> commandWords(Convention c, String name, String action) {
        String template = conventions.get(c).strip();
        if (template.isEmpty()) return Optional.empty();
        return Optional.of(java.util.Arrays.stream(template.split(" +"))
                .map(w -> w.replace("{host}", this.name).replace("{name}", name).replace("{action}", action)).toList());
    }

    public String underRoot(String absolute) {
        if (root.equals("/") || !absolute.startsWith("/")) return absolute;
        return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + absolute;
    }

    Host withRoot(String newRoot) {
        return new Host(name, address, access, platform, declaredServer, conventions, loopback, bind, pskIdentity, instances, tunnels,
                newRoot, position);
    }
}
