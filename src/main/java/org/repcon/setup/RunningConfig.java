package org.repcon.setup;

import static org.repcon.topology.Convention.COMMON_CONFIG;
import static org.repcon.topology.Convention.INSTANCE_CONFIG;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.repcon.config.ConfigDrift;
import org.repcon.syntax.RedisConfQuote;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.transport.Transport;
import org.repcon.util.RepconException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A running instance compared with its files as they are on its host (read through its transport) by one
 * {@code CONFIG GET *}, judged by {@link ConfigDrift} over the directives repcon writes. A difference means a restart
 * is pending, whoever wrote the file and whenever: a setup killed right after writing leaves it to the next one.
 */
final class RunningConfig {

    /**
     * @param pending a restart is due; {@code detail} says why ("runs with maxmemory 80000000, its file says 70M
     *                (70000000): restart pending")
     * @param detail otherwise empty, or why the running configuration could not be compared
     */
    record Verdict(boolean pending, String detail) {}

    private RunningConfig() {}

    /**
     * @param paths the files it reads at start (the common file, its own): those this plan is still to write are read
     *              as they will be, so that the plan says now whether writing them leaves a restart pending
     */
    static Verdict of(SetupContext ctx, Host host, Instance instance, List<String> paths) {
        Transport t = ctx.transport(host);
        ConfigDrift.FileValues files = ConfigDrift.fileValues(host.instancePath(instance, INSTANCE_CONFIG), path -> {
            try {
                return ctx.toWrite(host, path).or(() -> t.readFile(path));
            } catch (RepconException e) {
                return Optional.empty();
            }
        });
        List<String> toWrite = ctx.toBeWritten(host, paths);
        String pending = toWrite.isEmpty() ? ": restart pending" : ": restarted once " + String.join(", ", toWrite) + " is written";
        if (!files.unread().isEmpty()) {
            return new Verdict(false, "not compared with its files: cannot read " + String.join(", ", files.unread()));
        }
        Map<String, String> running;
        try (Jedis j = ctx.actions().connect(instance)) {
            running = j.configGet("*");
        } catch (RepconException | JedisException e) {
            String why = e instanceof RepconException ? e.getMessage() : instance.ref() + ": " + firstLine(e.getMessage());
            if (authRefused(why)) return new Verdict(true, "refuses the password of its files (" + why + ")" + pending);
            return new Verdict(false, "its running configuration could not be read (" + why + ")");
        }
        List<ConfigDrift.Drift> drifts = ConfigDrift.compare(files, running, directives(ctx, host, instance));
        if (drifts.isEmpty()) return new Verdict(false, toWrite.isEmpty() ? "" : "runs with what its new files say already");
        return new Verdict(true, drifts.stream().map(ConfigDrift.Drift::describe).collect(Collectors.joining("; ")) + pending);
    }

    /** The directives repcon writes for the instance (its file and the common one), and those whose absence means something. */
    static Set<String> directives(SetupContext ctx, Host host, Instance instance) {
        Set<String> names = new LinkedHashSet<>();
        for (String path : List.of(host.path(COMMON_CONFIG, "").orElseThrow(), host.instancePath(instance, INSTANCE_CONFIG))) {
            ctx.file(host, path).content().lines().map(RedisConfQuote::directive).flatMap(Optional::stream)
                    .filter(w -> !w.isEmpty()).map(w -> ConfigDrift.canonical(w.get(0))).forEach(names::add);
        }
        names.addAll(ConfigDrift.EMPTY_BY_DEFAULT);
        names.remove("include");
        return names;
    }

    private static boolean authRefused(String message) {
        return message.contains("NOAUTH") || message.contains("WRONGPASS") || message.contains("invalid password")
                || message.contains("without any password configured");
    }

    private static String firstLine(String s) {
        String m = String.valueOf(s).strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
