package org.repcon.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.repcon.command.Command;
import org.repcon.command.Setting;
import org.repcon.config.DirectiveLines;
import org.repcon.probe.InstanceSample;
import org.repcon.syntax.RedisConfQuote;
import org.repcon.topology.Convention;
import org.repcon.topology.Instance;
import org.repcon.topology.Secret;
import org.repcon.util.RepconException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Changes one directive repcon manages ({@link Setting}) on an instance: {@code CONFIG SET} at runtime, and the same
 * directive in its file, the only line edited, so that a restart keeps it. Verified by {@code CONFIG GET} and the file
 * read back. masterauth is never typed: it is the password the instance's master has in the topology, and it appears
 * in no preview, audit record or screen (its line masked in the diff, its CONFIG SET shown without it).
 */
final class SetAction extends InstanceChange<Command.Set> {

    private final Setting setting;

    SetAction(Command.Set command, ActionContext ctx) {
        super(command, command.instance(), ctx);
        this.setting = command.setting();
    }

    @Override
    public Checked check() {
        Optional<String> refusal = refusal();
        if (refusal.isPresent()) return Checked.refused(refusal.get());
        Optional<String> secret;
        try {
            secret = setting == Setting.MASTERAUTH ? masterPassword() : Optional.empty();
        } catch (RepconException e) {
            return Checked.refused(e.getMessage());
        }
        // What CONFIG SET and the file get: masterauth the secret (or nothing: cleared), else the value as checked.
        List<String> args = setting == Setting.MASTERAUTH ? secret.map(List::of).orElse(List.of()) : setting.arguments(command.value());
        InstanceSample sample = ctx.probe(instance);
        if (!sample.ok()) return Checked.refused(Redis.notAnswering(sample) + ": set changes a running instance");
        String running;
        try (Jedis j = ctx.connect(instance)) {
            running = j.configGet(setting.word()).getOrDefault(setting.word(), "");
        } catch (JedisException e) {
            return Checked.refused(instance.ref() + ": CONFIG GET " + setting.word() + ": " + Redis.reason(e));
        }
        Optional<InstanceFile> read;
        try {
            read = InstanceFile.read(ctx, instance);
        } catch (RepconException e) {
            return Checked.refused(e.getMessage() + ": the change could not be persisted");
        }
        if (read.isEmpty()) {
            return Checked.refused(host.instancePath(instance, Convention.INSTANCE_CONFIG) + " does not exist on " + host.name()
                    + ": the change could not be persisted");
        }
        InstanceFile file = read.get();
        Predicate<List<String>> which = lines();
        String after = args.isEmpty() ? DirectiveLines.remove(file.content(), which)
                : DirectiveLines.set(file.content(), which, RedisConfQuote.line(setting.word(), args.toArray(String[]::new)));
        String wanted = String.join(" ", args);
        boolean runtimeNeeded = !inForce(running, wanted);
        if (!runtimeNeeded && after.equals(file.content())) {
            return Checked.refused(instance.ref() + " already runs with " + shown(args) + ", and its file says so: nothing to do");
        }
        List<String> facts = new ArrayList<>();
        facts.add(instance.ref() + " runs with " + setting.word() + " " + (setting == Setting.MASTERAUTH
                ? (running.isEmpty() ? "unset" : Redactor.HIDDEN) : running.isEmpty() ? "\"\"" : running));
        List<String> inFile = DirectiveLines.find(file.content(), which);
        facts.add(file.describe() + (inFile.isEmpty() ? " has no " + setting.word() + " line (its common file's or Redis's"
                + " default applies)" : " has " + (setting == Setting.MASTERAUTH ? "a masterauth line" : String.join("; ", inFile))));
        List<Step> steps = new ArrayList<>();
        if (runtimeNeeded) {
            List<String> call = new ArrayList<>(List.of("CONFIG", "SET", setting.word(), wanted));
            steps.add(new Step.RedisCall(instance, call));
        }
        if (!after.equals(file.content())) steps.add(file.write(after));
        List<String> warnings = new ArrayList<>();
        topologySays().ifPresent(warnings::add);
        String title = "set " + instance.ref() + " " + setting.word() + (setting == Setting.MASTERAUTH ? "" : " " + wanted);
        return Checked.ready(Plan.change(title, facts, steps, warnings, Confirmation.YES_NO, progress -> verify(file.path(), after, wanted)));
    }

    /** Why the directive may not go to this instance, if it may not. */
    private Optional<String> refusal() {
        boolean hasReplicas = !ctx.topology().replicasOf(instance).isEmpty();
        return switch (setting) {
            case MASTERAUTH -> instance.isReplica() ? Optional.empty() : Optional.of(instance.ref() + " is no replica in the"
                    + " topology: masterauth is the password a replica gives its master");
            case REPL_BACKLOG_SIZE, CLIENT_OUTPUT_BUFFER_LIMIT -> hasReplicas ? Optional.empty() : Optional.of(instance.ref()
                    + " has no replicas in the topology: " + setting.word() + " matters on a master");
            case MIN_REPLICAS_TO_WRITE -> {
                int replicas = ctx.topology().replicasOf(instance).size();
                long n = Long.parseLong(command.value().get(0));
                yield n <= replicas ? Optional.empty() : Optional.of(instance.ref() + " has " + replicas + " replica"
                        + (replicas == 1 ? "" : "s") + " in the topology: min-replicas-to-write " + n + " would refuse every"
                        + " write (NOREPLICAS), and Rspamd's learning with it");
            }
            default -> Optional.empty();
        };
    }

    /** The password the instance's master has in the topology; empty when it has none (masterauth is then cleared). */
    private Optional<String> masterPassword() {
        Instance master = ctx.topology().masterOf(instance).orElseThrow();
        return master.password().map(Secret::reveal);
    }

    /** The active lines of the directive in the file: for the output-buffer limit, the replica class's only. */
    private Predicate<List<String>> lines() {
        Predicate<List<String>> named = DirectiveLines.named(setting.names());
        if (setting != Setting.CLIENT_OUTPUT_BUFFER_LIMIT) return named;
        return named.and(words -> words.size() >= 2 && List.of("replica", "slave").contains(words.get(1).toLowerCase(java.util.Locale.ROOT)));
    }

    private boolean inForce(String running, String wanted) {
        return setting == Setting.MASTERAUTH ? running.equals(wanted) : setting.inForce(running, List.of(wanted));
    }

    private String shown(List<String> args) {
        if (setting == Setting.MASTERAUTH) return args.isEmpty() ? "no masterauth" : "its master's password as masterauth";
        return setting.word() + " " + String.join(" ", args);
    }

    /** Where the topology disagrees with the new value: setup would write its own back. */
    private Optional<String> topologySays() {
        if (setting == Setting.MAXMEMORY) {
            Optional<String> t = instance.maxmemory().map(Object::toString).or(() -> ctx.topology().commonMaxmemory().map(Object::toString));
            if (t.isPresent() && !setting.inForce(t.get(), command.value())) {
                return Optional.of("the topology says maxmemory " + t.get() + " for " + instance.ref() + ": set it to "
                        + command.value().get(0) + " there, or setup will write it back");
            }
        }
        return Optional.empty();
    }

    private String verify(String path, String after, String wanted) {
        String running;
        try (Jedis j = ctx.connect(instance)) {
            running = j.configGet(setting.word()).getOrDefault(setting.word(), "");
        } catch (JedisException e) {
            throw RepconException.failed(instance.ref() + ": CONFIG GET " + setting.word() + ": " + Redis.reason(e), e);
        }
        if (!inForce(running, wanted)) {
            throw RepconException.failed(instance.ref() + ": CONFIG GET " + setting.word() + " says "
                    + (setting == Setting.MASTERAUTH ? "another password" : running) + " after CONFIG SET");
        }
        String now = ctx.transport(host).readFile(path).orElse("");
        if (!now.equals(after)) throw RepconException.failed(path + " on " + host.name() + " does not hold what was written");
        return instance.ref() + ": CONFIG GET " + setting.word() + " " + (setting == Setting.MASTERAUTH
                ? (wanted.isEmpty() ? "is empty" : "matches its master's password") : running) + ", and " + path + " says the same";
    }
}
