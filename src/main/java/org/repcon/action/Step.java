package org.repcon.action;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.repcon.service.DirectProcess;
import org.repcon.service.RedisShutdown;
import org.repcon.syntax.ShellQuote;
import org.repcon.topology.Instance;

/**
 * One thing an action does, as data: the preview shows {@link #display()}, the runner executes it
 * ({@link StepRunner}), the audit records it. What is shown is what runs.
 */
public sealed interface Step {

    /** The host it acts on. */
    String host();

    /** Exactly what it runs, as one line: {@code replica1$ service redis start bayes}, {@code replica1/bayes> REPLICAOF ...}. */
    String display();

    /**
     * A command on the host, through its transport (no shell).
     *
     * @param timeout how long it may run; empty: the service wait (an install may need minutes)
     */
    record Exec(String host, List<String> argv, Optional<Duration> timeout) implements Step {
        public Exec {
            argv = List.copyOf(argv);
        }

        public Exec(String host, List<String> argv) {
            this(host, argv, Optional.empty());
        }

        @Override
        public String display() {
            return host + "$ " + ShellQuote.line(argv);
        }
    }

    /** A Redis command sent to an instance. */
    record RedisCall(Instance instance, List<String> args) implements Step {
        public RedisCall {
            args = List.copyOf(args);
        }

        @Override
        public String host() {
            return instance.host();
        }

        @Override
        public String display() {
            // A password set at runtime is never shown, whatever the redactor knows of the topology's secrets.
            boolean secret = args.size() == 4 && args.get(0).equalsIgnoreCase("CONFIG") && args.get(1).equalsIgnoreCase("SET")
                    && List.of("masterauth", "requirepass").contains(args.get(2).toLowerCase(java.util.Locale.ROOT));
            return instance.ref() + "> " + (secret ? String.join(" ", args.subList(0, 3)) + " "
                    + (args.get(3).isEmpty() ? "\"\"" : "<hidden>") : String.join(" ", args));
        }
    }

    /**
     * A file replaced atomically, what it replaces kept as a backup beside it.
     *
     * @param diff the unified diff, secrets masked
     */
    record WriteFile(String host, String path, String before, String after, int mode, String diff) implements Step {
        @Override
        public String display() {
            return host + ": write " + path + " (mode " + Integer.toOctalString(mode) + ", the old file kept as a backup beside it)";
        }
    }

    /**
     * A fresh snapshot of an instance's dataset: {@code BGSAVE}, then waiting until it finished well (rdb_saves grown,
     * rdb_bgsave_in_progress:0, rdb_last_bgsave_status:ok).
     */
    record Snapshot(Instance instance) implements Step {
        @Override
        public String host() {
            return instance.host();
        }

        @Override
        public String display() {
            return instance.ref() + "> BGSAVE  (then wait for rdb_bgsave_in_progress:0 and rdb_last_bgsave_status:ok)";
        }
    }

    /**
     * A binary file (an RDB) copied from one host to another through their transports: written atomically, what it
     * replaces kept as a backup beside it, then read back and its sha256 compared with the source's.
     */
    record CopyFile(String fromHost, String fromPath, String host, String path, int mode) implements Step {
        @Override
        public String display() {
            return fromHost + ":" + fromPath + " -> " + host + ":" + path + "  (mode " + Integer.toOctalString(mode)
                    + ", atomic, the old file kept as a backup beside it, sha256 compared)";
        }
    }

    /** A daemon repcon runs itself (the lab): its command, which daemonizes. */
    record StartDirect(String host, DirectProcess process) implements Step {
        @Override
        public String display() {
            return host + "$ " + ShellQuote.line(process.command());
        }
    }

    /**
     * A daemon repcon runs itself, stopped by the pid its pid file names: a redis-server by its own SHUTDOWN and a
     * wait that never ends in SIGKILL unconfirmed ({@link RedisShutdown}), anything else (stunnel) by signals.
     *
     * @param shutdown for a redis-server: how it is stopped; empty: by signals, SIGKILL after {@code grace}
     */
    record StopDirect(String host, DirectProcess process, long pid, Duration grace, Optional<Shutdown> shutdown) implements Step {

        /** A redis-server's stop: the instance, how it is asked, and its settings as read when planned. */
        public record Shutdown(Instance instance, RedisShutdown.Request request, Optional<RedisShutdown.Settings> settings) {}

        @Override
        public String display() {
            String how = shutdown.map(s -> RedisShutdown.describe(s.instance().ref().toString(), pid, s.request(), s.settings(), grace))
                    .orElseGet(() -> String.join("; ", DirectProcess.stopCommands(pid, grace)));
            return host + "$ " + how + "  (pid from " + process.pidFile() + ")";
        }
    }
}
